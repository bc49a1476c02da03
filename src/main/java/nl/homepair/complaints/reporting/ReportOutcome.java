package nl.homepair.complaints.reporting;

import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Verdict;

/**
 * Where a case ended, as the figures name it (R16): a decided case counts by its final
 * verdict (after an upheld objection, the revised one).
 */
public enum ReportOutcome {
    INADMISSIBLE("Niet-ontvankelijk"),
    INCOMPLETE("Onvolledig afgesloten"),
    RESOLVED_BY_MEDIATION("Opgelost door bemiddeling"),
    WITHDRAWN("Ingetrokken door de klager"),
    WELL_FOUNDED("Gegrond"),
    PARTLY_WELL_FOUNDED("Deels gegrond"),
    UNFOUNDED("Ongegrond"),
    NOT_A_COMPLAINT("Geen klacht"),
    /** A second registration of a complaint counted under its other case: no complaint of its own. */
    DUPLICATE("Dubbel: verder onder een andere zaak"),
    STOPPED_BY_ERASURE("Gestopt: gegevens gewist op verzoek"),
    PROCESS_ENDED("Gestopt: proces van de zaak beëindigd"),
    OPEN("Nog open");

    private final String label;

    ReportOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a case that ended so counts as a complaint of its own: not a question or spam, not a second registration. */
    public boolean isAComplaint() {
        return this != NOT_A_COMPLAINT && this != DUPLICATE;
    }

    /**
     * A decided case counts by its verdict from the decision on: also while its objection window runs (it
     * closes months later) and after its data was erased (R13: the figures stay). A case declared inadmissible
     * counts as such from that moment too, also while the board hears an objection against it; a decision on
     * its merits after an upheld objection gives it a verdict.
     *
     * @param declaredInadmissible handled by a declaration of inadmissibility (a moment of decision without a verdict)
     */
    static ReportOutcome of(CaseOutcome outcome, Verdict verdict, Verdict revisedVerdict, boolean declaredInadmissible,
                            boolean stoppedByErasure, boolean closed) {
        if (verdict == null && revisedVerdict != null) {
            // decided on its merits after the board upheld an objection to its inadmissibility
            return of(revisedVerdict);
        }
        if (declaredInadmissible && verdict == null && !(closed && outcome == CaseOutcome.WITHDRAWN)) {
            // also while the board hears an objection to it, and after an erasure (R13: the figures stay)
            return INADMISSIBLE;
        }
        if (verdict != null && (outcome == null || outcome == CaseOutcome.DECIDED || outcome == CaseOutcome.DECIDED_AFTER_OBJECTION
                || outcome == CaseOutcome.PROCESS_ENDED)) {
            // a decided case whose process was ended from outside in its objection window was decided all the same
            return of(revisedVerdict != null ? revisedVerdict : verdict);
        }
        if (stoppedByErasure) {
            return STOPPED_BY_ERASURE;
        }
        if (!closed || outcome == null) {
            return OPEN;
        }
        return switch (outcome) {
            case INADMISSIBLE -> INADMISSIBLE;
            case INCOMPLETE -> INCOMPLETE;
            case RESOLVED_BY_MEDIATION -> RESOLVED_BY_MEDIATION;
            case NOT_A_COMPLAINT -> NOT_A_COMPLAINT;
            case DUPLICATE -> DUPLICATE;
            case WITHDRAWN -> WITHDRAWN;
            case PROCESS_ENDED -> PROCESS_ENDED;
            case DECIDED, DECIDED_AFTER_OBJECTION -> of(revisedVerdict != null ? revisedVerdict : verdict);
        };
    }

    private static ReportOutcome of(Verdict verdict) {
        if (verdict == null) {
            // the model records the verdict before it can close a case as decided
            throw new IllegalStateException("A case closed as decided has no verdict");
        }
        return switch (verdict) {
            case WELL_FOUNDED -> WELL_FOUNDED;
            case PARTLY_WELL_FOUNDED -> PARTLY_WELL_FOUNDED;
            case UNFOUNDED -> UNFOUNDED;
        };
    }
}
