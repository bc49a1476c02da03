package nl.homepair.complaints.complaint;

/** How a case ended, one per end event of the model; counted in the figures (R16). */
public enum CaseOutcome {
    INADMISSIBLE("Niet-ontvankelijk"),
    /** A question, spam or a newsletter from the mailbox, closed from triage without an acknowledgement. */
    NOT_A_COMPLAINT("Geen klacht"),
    INCOMPLETE("Onvolledig afgesloten"),
    RESOLVED_BY_MEDIATION("Opgelost door bemiddeling"),
    DECIDED("Afgehandeld met besluit"),
    DECIDED_AFTER_OBJECTION("Afgehandeld na bezwaar bij de directie"),
    /** The complainant withdrew the complaint before a decision ("laat maar, het is opgelost"). */
    WITHDRAWN("Ingetrokken door de klager"),
    /** A second registration of another open case of the same complainant, which goes on under that case. */
    DUPLICATE("Dubbel: verder onder een andere zaak"),
    /**
     * Never closed by its model: its process was ended from outside (deleted in Cockpit), and the case was closed when
     * its data went after the retention period. No handling time is counted for it.
     */
    PROCESS_ENDED("Gestopt: het proces van de zaak was beëindigd");

    private final String label;

    CaseOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
