package nl.homepair.complaints.complaint;

/** What the handler found a mail to be in "Klacht registreren en aanvullen" (R1, R3); variable {@code triageOutcome}. */
public enum TriageOutcome implements CodedOutcome {
    COMPLAINT("klacht, rol en onderwerp aangevuld"),
    NOT_A_COMPLAINT("geen klacht (vraag, spam of nieuwsbrief), afgesloten zonder bevestiging");

    private final String label;

    TriageOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
