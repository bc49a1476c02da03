package nl.homepair.complaints.complaint;

/** The board's decision on an objection (R9); variable {@code boardDecision}. */
public enum BoardDecision implements CodedOutcome {
    UPHELD("bezwaar gegrond, besluit wordt herzien"),
    REJECTED("bezwaar ongegrond, besluit blijft");

    private final String label;

    BoardDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
