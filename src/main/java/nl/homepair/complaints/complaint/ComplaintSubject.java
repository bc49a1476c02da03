package nl.homepair.complaints.complaint;

/** What the complaint is about (R1, procedure §1). */
public enum ComplaintSubject {
    SUPPORT("Communicatie of ondersteuning door HomePair", "Ondersteuning"),
    JOB_HANDLING("Afhandeling van een opdracht via HomePair", "Afhandeling opdracht"),
    CONDUCT("Ongepast gedrag, misbruik of schending van de voorwaarden", "Gedrag of voorwaarden");

    private final String label;
    private final String shortLabel;

    ComplaintSubject(String label, String shortLabel) {
        this.label = label;
        this.shortLabel = shortLabel;
    }

    /** A few words, for a line in a list (task names, the case overview). */
    public String shortLabel() {
        return shortLabel;
    }

    public String label() {
        return label;
    }
}
