package nl.homepair.complaints.complaint;

/** What a team lead did when the acknowledgement could not be sent (R5); variable {@code acknowledgementAction}. */
public enum AcknowledgementAction implements CodedOutcome {
    MAIL_FIXED("mailstoring verholpen"),
    INFORMED_OTHERWISE("klager op andere wijze geïnformeerd");

    private final String label;

    AcknowledgementAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
