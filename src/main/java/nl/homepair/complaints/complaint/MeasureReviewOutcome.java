package nl.homepair.complaints.complaint;

/** The board's answer to the affected user's objection against a measure (DSA art. 20); variable {@code measureReviewOutcome}. */
public enum MeasureReviewOutcome implements CodedOutcome {
    MEASURE_STANDS("maatregel blijft"),
    MEASURE_CHANGED("maatregel gewijzigd"),
    MEASURE_LIFTED("maatregel opgeheven");

    private final String label;

    MeasureReviewOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
