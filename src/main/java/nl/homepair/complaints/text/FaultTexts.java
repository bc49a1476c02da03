package nl.homepair.complaints.text;

/** What every face of the application tells a person about a fault that is nobody's mistake. */
public final class FaultTexts {

    /** The database (or the engine) cannot be used now. */
    public static final String NOTHING_STORED_TRY_LATER =
            "Dit kon nu niet worden verwerkt; er is niets opgeslagen. Probeer het over een paar minuten opnieuw.";

    /** Another transaction changed the same case at the same moment (a timer, another node, a colleague). */
    public static final String CHANGED_MEANWHILE = "Deze zaak werd op hetzelfde moment ook ergens anders gewijzigd; "
            + "er is niets opgeslagen. Laad de pagina opnieuw en probeer het nog eens.";

    /** The same, for a machine (the platform): no page to reload, the same request again. */
    public static final String CHANGED_MEANWHILE_TRY_AGAIN = "Deze zaak werd op hetzelfde moment ook ergens anders gewijzigd;"
            + " er is niets opgeslagen. Stuur hetzelfde verzoek zo nog eens.";

    /**
     * The task a person submits or claims is no longer there: completed by a colleague, ended with its case, or begun
     * again because news came (a further mail while it was judged).
     */
    public static final String ALREADY_CLAIMED = "Een collega heeft deze taak net opgepakt. Vernieuw de takenlijst; vraag"
            + " de collega of je teamleider om de taak als jij hem moet doen.";

    public static final String TASK_GONE = "Deze taak bestaat niet meer: ze is afgerond door iemand anders, gestopt met de"
            + " zaak of opnieuw begonnen omdat er nieuws kwam (zoals een volgende e-mail). Er is niets opgeslagen. Vernieuw de"
            + " takenlijst en open de taak opnieuw.";

    private FaultTexts() {
    }
}
