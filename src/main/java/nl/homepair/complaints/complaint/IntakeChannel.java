package nl.homepair.complaints.complaint;

/**
 * How a complaint reached HomePair (R3); reported on in the figures (R16). The channel
 * also decides what intake allows: only staff may give an earlier moment of receipt (a
 * letter, a phone call), and only a free-form mail may come without role and subject
 * (a handler completes them in triage).
 */
public enum IntakeChannel {
    API("REST-koppeling van het platform", false, true),
    STAFF("Geregistreerd door een medewerker", true, true),
    WEB_FORM("Webformulier", false, true),
    MAILBOX("E-mail aan het contactadres", false, false);

    private final String label;
    private final boolean receiptMayBeGiven;
    private final boolean classificationRequired;

    IntakeChannel(String label, boolean receiptMayBeGiven, boolean classificationRequired) {
        this.label = label;
        this.receiptMayBeGiven = receiptMayBeGiven;
        this.classificationRequired = classificationRequired;
    }

    public String label() {
        return label;
    }

    /** Whether the submission itself may name an earlier moment of receipt (staff registering a letter). */
    public boolean receiptMayBeGiven() {
        return receiptMayBeGiven;
    }

    /** Whether role and subject must be given at intake. */
    public boolean classificationRequired() {
        return classificationRequired;
    }
}
