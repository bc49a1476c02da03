package nl.homepair.complaints.complaint;

/** The board's decision on an objection (R9); variable {@code boardDecision}. */
public enum BoardDecision implements CodedOutcome {
    UPHELD("bezwaar gegrond, besluit wordt herzien"),
    REJECTED("bezwaar ongegrond, besluit blijft"),
    /**
     * The complainant withdrew the objection before the board decided ("laat maar"): the decision stands, without the
     * board's judgement on the objection (the complainant hears so, and that dispute resolution stays open).
     */
    WITHDRAWN("bezwaar ingetrokken door de klager, besluit blijft");

    private final String label;

    BoardDecision(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
