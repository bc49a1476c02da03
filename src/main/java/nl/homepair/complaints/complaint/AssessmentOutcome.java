package nl.homepair.complaints.complaint;

/** What the handler decides after assessing a complaint (R6); variable {@code assessmentOutcome}. */
public enum AssessmentOutcome implements CodedOutcome {
    INADMISSIBLE("niet-ontvankelijk"),
    MORE_INFORMATION("meer informatie nodig"),
    MEDIATION("bemiddelen"),
    DIRECT_DECISION("direct besluiten");

    private final String label;

    AssessmentOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
