package nl.homepair.complaints.complaint;

/** Where a case stands; set by the process as it moves. */
public enum ComplaintStatus {
    REGISTERED("Geregistreerd"),
    IN_ASSESSMENT("In beoordeling"),
    AWAITING_INFORMATION("Wacht op aanvullende informatie"),
    IN_MEDIATION("In bemiddeling"),
    AWAITING_DECISION("Wacht op besluit"),
    DECIDED("Besluit genomen"),
    IN_OBJECTION("Bezwaar bij de directie"),
    CLOSED("Afgesloten");

    private final String label;

    ComplaintStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
