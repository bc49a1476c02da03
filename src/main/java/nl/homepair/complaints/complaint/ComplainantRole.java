package nl.homepair.complaints.complaint;

/** Who complains (R1). The Dutch label is what mails and forms show. */
public enum ComplainantRole {
    CLIENT("Opdrachtgever"),
    PROFESSIONAL("Vakprofessional"),
    OTHER_USER("Andere gebruiker");

    private final String label;

    ComplainantRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
