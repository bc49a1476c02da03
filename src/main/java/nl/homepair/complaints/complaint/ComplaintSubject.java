package nl.homepair.complaints.complaint;

/** What the complaint is about (R1, procedure §1). */
public enum ComplaintSubject {
    SUPPORT("Communicatie of ondersteuning door HomePair"),
    JOB_HANDLING("Afhandeling van een opdracht via HomePair"),
    CONDUCT("Ongepast gedrag, misbruik of schending van de voorwaarden");

    private final String label;

    ComplaintSubject(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
