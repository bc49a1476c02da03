package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_WITHDRAWAL_REASON;

import java.util.List;
import java.util.Locale;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A complainant who withdraws the complaint ("laat maar, het is opgelost"), through the platform or by telling a
 * handler: the case ends as {@link CaseOutcome#WITHDRAWN} wherever it waits (the model's event subprocess "Klacht
 * ingetrokken" cancels its tasks and timers and confirms it by mail), not as inadmissible, which would tell a
 * satisfied complainant that the complaint fell outside the procedure, and count so in the figures (R16).
 * A decided case is not withdrawn: its decision stands, and what is left is the objection, which the complainant
 * may simply not make.
 */
@Service
public class CaseWithdrawal {

    static final int REASON_MAX = 2000;

    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final RuntimeService runtimeService;
    private final jakarta.persistence.EntityManager entities;
    private final org.springframework.context.ApplicationEventPublisher events;

    public CaseWithdrawal(CaseTimeline timeline, CaseMessages caseMessages, RuntimeService runtimeService,
                          jakarta.persistence.EntityManager entities, org.springframework.context.ApplicationEventPublisher events) {
        this.timeline = timeline;
        this.caseMessages = caseMessages;
        this.runtimeService = runtimeService;
        this.entities = entities;
        this.events = events;
    }

    /**
     * A wish to withdraw the objection the board reviews is on the case's timeline (made now, or by an earlier request
     * that this one repeats): the board, which may open Tasklist only when a mail says so, is told once per wish
     * (escalation/WithdrawalWishNotices, keyed by the wish's moment), after the wish committed.
     */
    public record ObjectionWithdrawalWished(String reference, java.time.Instant at) {
    }

    /** The same for a wish to withdraw the complaint while its decision is revised: the handlers are told. */
    public record RevisionWithdrawalWished(String reference, java.time.Instant at) {
    }

    /**
     * Why the case cannot be withdrawn (closed, decided, erased, or on a version of the model without the withdrawal),
     * or null when it can: the case page offers
     * <em>Klacht intrekken</em> only then.
     */
    public String refusal(Complaint complaint) {
        String over = erasedOrClosed(complaint);
        if (over != null) {
            return over;
        }
        if (beforeTheBoard(complaint)) {
            return BEFORE_THE_BOARD;
        }
        if (underRevision(complaint)) {
            return REVISION_REFUSAL;
        }
        if (complaint.getDecidedAt() != null && !sentBackForADecision(complaint)) {
            return complaint.getBoardDecision() != null
                    ? "De directie heeft al over het bezwaar beslist; het besluit blijft staan. Intrekken kan niet meer."
                    : "Over deze klacht is al besloten; het besluit blijft staan. Intrekken kan niet meer;"
                    + " wie geen bezwaar maakt, laat de bezwaartermijn verlopen.";
        }
        return caseMessages.versionWithout(complaint, MESSAGE_COMPLAINT_WITHDRAWN)
                .map(version -> "De zaak loopt op versie " + version.getVersion() + " van de klachtenprocedure, van voor het"
                        + " intrekken van een klacht. Een manager zet de zaak eerst over naar de nieuwste versie (handleiding"
                        + " voor managers, 'Lopende zaken overzetten'); daarna kan ze worden ingetrokken.")
                .orElse(null);
    }

    /** Why nothing more closes the case, or null: its data erased, or closed already (and how). */
    static String erasedOrClosed(Complaint complaint) {
        if (complaint.getAnonymisedAt() != null) {
            return "De persoonsgegevens van zaak " + complaint.getReference() + " zijn gewist.";
        }
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            return "De zaak is al afgesloten (" + (complaint.getOutcome() == null ? "afgesloten"
                    : complaint.getOutcome().label().toLowerCase(Locale.ROOT)) + ").";
        }
        return null;
    }

    /**
     * @param reason what the complainant said, as far as it was said; required, so the timeline says why
     * @param actor  who recorded it: the platform's API user or the handler
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public boolean withdraw(Complaint given, String reason, String actor) {
        // the case as it is now: a decision completed a moment ago (its end writes the case's row) is seen and refused;
        // one that commits while this runs makes this commit fail on the row's version (forced up here), rolling the
        // correlation back, and the retry refuses. Read before, a withdrawal correlated after that decision committed
        // cancelled the decision's mail and closed a decided case. No row lock: the decision writes the engine's rows
        // first and the case's row last, this the other way round
        Complaint complaint = CaseRows.heldForChange(entities, given);
        complaint.requireNotErased();
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason",
                    "Geef aan waarom de klager de klacht intrekt (bijvoorbeeld: opgelost met de andere partij).")));
        }
        if (text.length() > REASON_MAX) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason",
                    "De reden mag hoogstens " + REASON_MAX + " tekens lang zijn.")));
        }
        if (!PlainText.isPlain(text)) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason", PlainText.REFUSAL)));
        }
        if (complaint.getOutcome() == CaseOutcome.WITHDRAWN || beingWithdrawn(complaint)) {
            // the same request again (a retry after a time-out), also once the case has closed: it stood, and the
            // platform that lost the first answer must not tell the complainant that the withdrawal failed
            return false;
        }
        if (beforeTheBoard(complaint)) {
            // "laat maar, het is opgelost" while the board reviews the objection: the decision cannot be withdrawn, but
            // the wish must reach the director, who reads the case's timeline on the task, before the board decides
            // also on a retry: a mail that could not be queued the first time is queued now (once per wish, by its moment)
            TimelineEntry wish = recordWish(complaint, OBJECTION_WITHDRAWAL_WISH + text, actor);
            events.publishEvent(new ObjectionWithdrawalWished(complaint.getReference(), wish.getOccurredAt()));
            throw CaseRefused.notNow(BEFORE_THE_BOARD);
        }
        if (underRevision(complaint)) {
            // the same while the decision is revised: the wish reaches the handler who revises
            TimelineEntry wish = recordWish(complaint, REVISION_WITHDRAWAL_WISH + text, actor);
            events.publishEvent(new RevisionWithdrawalWished(complaint.getReference(), wish.getOccurredAt()));
            throw CaseRefused.notNow(UNDER_REVISION);
        }
        String refusal = refusal(complaint);
        if (refusal != null) {
            throw CaseRefused.notNow(refusal);
        }
        if (CaseDuplicates.beingClosed(timeline.of(complaint))) {
            throw CaseRefused.notNow("Deze zaak is gesloten als dubbele registratie van een andere zaak van de klager; trek"
                    + " die zaak in als de klager de klacht intrekt.");
        }
        if (!caseMessages.waitsFor(complaint, MESSAGE_COMPLAINT_WITHDRAWN)) {
            throw notWaiting(complaint);
        }
        timeline.record(complaint, TimelineEventType.NOTE, actor, WITHDRAWN + text);
        runtimeService.createMessageCorrelation(MESSAGE_COMPLAINT_WITHDRAWN)
                .processInstanceBusinessKey(complaint.getReference())
                .setVariable(VAR_WITHDRAWAL_REASON, CamundaText.fit(text, "de tijdlijn van de zaak"))
                .correlate();
        return true;
    }

    /**
     * An open case whose process does not wait for the withdrawal (its event subprocess waits from the process's start,
     * also while a step is in an incident): a process ended from outside will not mend by waiting, and saying "try
     * again in a minute" there had the platform try for ever; anything else is a passing moment.
     */
    private CaseRefused notWaiting(Complaint complaint) {
        String processId = complaint.getProcessInstanceId();
        if (processId == null || runtimeService.createProcessInstanceQuery().processInstanceId(processId).count() == 0) {
            return CaseRefused.notNow("De zaak loopt niet meer in de klachtenprocedure (haar proces is van buitenaf"
                    + " beëindigd); intrekken kan niet meer. Een beheerder kan de zaak opnieuw starten.");
        }
        return CaseRefused.notYet("De zaak kan op dit moment niet worden ingetrokken; probeer het over een minuut opnieuw.");
    }

    /**
     * Whether the case took a withdrawal and is closing (its confirmation mail still on its way): the timeline's entry
     * is written with the withdrawal, and read without the engine's authorizations (the platform may not read variables).
     */
    private boolean beingWithdrawn(Complaint complaint) {
        return timeline.of(complaint).stream().anyMatch(entry -> entry.getSummary().startsWith(WITHDRAWN));
    }

    /**
     * Whether the board upheld the objection to a declaration of inadmissibility and a handler now decides on the merits:
     * nothing is decided on the merits yet, so the complaint can still be withdrawn ("laat maar, het is opgelost").
     */
    private static boolean sentBackForADecision(Complaint complaint) {
        return complaint.isDeclaredInadmissible() && complaint.getBoardDecision() == BoardDecision.UPHELD;
    }

    /**
     * The board upheld the objection to a decision on the merits, and a handler revises it ("Besluit herzien", open):
     * the first decision's measures, mails and figures stand until the revision replaces them, so the complaint is not
     * withdrawn now; the wish goes to the handler who revises, on the case's timeline.
     */
    public boolean underRevision(Complaint complaint) {
        return complaint.getBoardDecision() == BoardDecision.UPHELD && !complaint.isDeclaredInadmissible()
                && complaint.getStatus() != ComplaintStatus.CLOSED
                && runtimeService.createExecutionQuery().processInstanceBusinessKey(complaint.getReference())
                        .activityId(ComplaintProcess.TASK_REVISE_DECISION).count() > 0;
    }

    /**
     * Whether the complainant's objection lies with the board, which has not decided yet: a withdrawal is then only a
     * wish the director reads on the timeline.
     */
    public static boolean beforeTheBoard(Complaint complaint) {
        return complaint.getStatus() == ComplaintStatus.IN_OBJECTION && complaint.getBoardDecision() == null;
    }

    /** A wish on the timeline, once: the same request again (a retry) adds no second line. Its line. */
    private TimelineEntry recordWish(Complaint complaint, String line, String actor) {
        return sinceTheLastObjectionTakenBack(timeline.of(complaint)).stream().filter(entry -> entry.getSummary().equals(line))
                .findFirst().orElseGet(() -> timeline.record(complaint, TimelineEventType.NOTE, actor, line));
    }

    /**
     * The staff-only line of an objection a team lead took back as registered in error (escalation/ObjectionService): a
     * wish to withdraw that objection ("ik heb geen bezwaar gemaakt") ends with it, and must not stand against the
     * complainant's real objection later (the board's form would refuse to judge it over a wish).
     */
    public static final String OBJECTION_REGISTERED_IN_ERROR = "Bezwaar ten onrechte geregistreerd";

    /** The timeline after the last objection taken back, or whole. */
    private static List<TimelineEntry> sinceTheLastObjectionTakenBack(List<TimelineEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).getSummary().startsWith(OBJECTION_REGISTERED_IN_ERROR)) {
                return entries.subList(i + 1, entries.size());
            }
        }
        return entries;
    }

    /**
     * The complainant's latest wish to withdraw the objection the board reviews (the platform's withdrawal, or a handler's
     * on the case page), as it stands on the timeline: what the director's form shows, and what a decision must have seen.
     */
    public static java.util.Optional<TimelineEntry> objectionWithdrawalWish(List<TimelineEntry> entries) {
        return latest(sinceTheLastObjectionTakenBack(entries), OBJECTION_WITHDRAWAL_WISH);
    }

    /**
     * The complainant's latest wish to withdraw the complaint while its decision is revised, as it stands on the timeline:
     * what the form of *Besluit herzien* shows above the choice.
     */
    public static java.util.Optional<TimelineEntry> revisionWithdrawalWish(List<TimelineEntry> entries) {
        return latest(entries, REVISION_WITHDRAWAL_WISH);
    }

    private static java.util.Optional<TimelineEntry> latest(List<TimelineEntry> entries, String prefix) {
        return entries.stream().filter(entry -> entry.getSummary().startsWith(prefix)).reduce((first, second) -> second);
    }

    /** The complainant's words of a wish ({@link #objectionWithdrawalWish}, {@link #revisionWithdrawalWish}). */
    public static String wishText(TimelineEntry wish) {
        String summary = wish.getSummary();
        return summary.substring((summary.startsWith(REVISION_WITHDRAWAL_WISH) ? REVISION_WITHDRAWAL_WISH
                : OBJECTION_WITHDRAWAL_WISH).length());
    }

    private static final String WITHDRAWN = "Klacht ingetrokken door de klager: ";
    private static final String OBJECTION_WITHDRAWAL_WISH = "De klager wil het bezwaar intrekken: ";
    static final String REVISION_WITHDRAWAL_WISH = "De klager wil de klacht intrekken terwijl het besluit wordt herzien: ";
    private static final String REVISED_NOW = "De directie heeft het bezwaar gegrond verklaard en het besluit wordt"
            + " herzien; de klacht intrekken kan nu niet, want het eerste besluit en zijn maatregelen gelden tot het herziene"
            + " besluit er is.";
    /** On the case page: where the wish goes. */
    private static final String REVISION_REFUSAL = REVISED_NOW + " Een wens van de klager om in te trekken geef je"
            + " hieronder door aan de behandelaar die het besluit herziet.";
    /** To whoever sent the wish: where it went. */
    private static final String UNDER_REVISION = REVISED_NOW + " De wens staat op de tijdlijn van de zaak: de behandelaar"
            + " die het besluit herziet, leest haar en neemt haar mee in het herziene besluit.";
    private static final String BEFORE_THE_BOARD = "Over deze klacht is al besloten en het bezwaar ligt bij de directie;"
            + " de klacht intrekken kan niet meer. De wens om het bezwaar in te trekken staat op de tijdlijn van de zaak:"
            + " de directie leest die en legt het bezwaar dan als ingetrokken vast (het besluit blijft); de klager krijgt"
            + " daarvan bericht.";
}
