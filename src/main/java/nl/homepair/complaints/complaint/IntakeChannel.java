package nl.homepair.complaints.complaint;

/** How a complaint reached HomePair (R3); reported on in the figures (R16). */
public enum IntakeChannel {
    API("REST-koppeling van het platform"),
    STAFF("Geregistreerd door een medewerker"),
    WEB_FORM("Webformulier"),
    MAILBOX("E-mail aan het contactadres");

    private final String label;

    IntakeChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
