package nl.homepair.complaints.complaint;

/** A handler's answer to "Is dit een bezwaar?" for a mail after the decision (R9); variable {@code objectionJudgement}. */
public enum ObjectionJudgement implements CodedOutcome {
    OBJECTION("bezwaar, naar de directie"),
    NOTE("geen bezwaar, notitie bij de zaak");

    private final String label;

    ObjectionJudgement(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
