package nl.homepair.complaints.complaint;

/** What a team lead did when the acknowledgement could not be sent (R5); variable {@code acknowledgementAction}. */
public enum AcknowledgementAction implements CodedOutcome {
    MAIL_FIXED("mailstoring verholpen"),
    INFORMED_OTHERWISE("klager op andere wijze geïnformeerd"),
    /** Not a team lead's choice: the acknowledgement left while the check was open, which closes it ({@code mail.MailRetry}). */
    SENT_MEANWHILE("alsnog verzonden");

    private final String label;

    AcknowledgementAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean chosenByAPerson() {
        return this != SENT_MEANWHILE;
    }
}
