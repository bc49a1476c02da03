package nl.homepair.complaints.complaint;

/** How mediation via the HomePair chat ended (R7); variable {@code mediationOutcome}. */
public enum MediationOutcome implements CodedOutcome {
    RESOLVED("opgelost"),
    NOT_RESOLVED("niet opgelost");

    private final String label;

    MediationOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
