package nl.homepair.complaints.complaint;

/** The decision on the merits of a complaint (R8). */
public enum Verdict {
    WELL_FOUNDED("gegrond"),
    PARTLY_WELL_FOUNDED("deels gegrond"),
    UNFOUNDED("ongegrond");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
