package nl.homepair.complaints.complaint;

/** The decision on the merits of a complaint (R8); variable {@code verdict}. */
public enum Verdict implements CodedOutcome {
    WELL_FOUNDED("gegrond"),
    PARTLY_WELL_FOUNDED("deels gegrond"),
    UNFOUNDED("ongegrond");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
