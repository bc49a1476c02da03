package nl.homepair.complaints.escalation;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_OBJECTION_RECEIVED;
import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_OBJECTION_REGISTERED_IN_ERROR;
import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_JOINED;
import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_POSSIBLE_OBJECTION_RECEIVED;
import static nl.homepair.complaints.complaint.ComplaintProcess.TASK_JUDGE_OBJECTION;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_OBJECTION_MOTIVATION;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_OBJECTION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_VIA;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.complaint.CaseMessages;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mail.DisputeResolution;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A motivated objection to the board (R9), from any channel. It starts the board
 * escalation only while the case is in its objection window; otherwise it is refused
 * with a clear Dutch answer and changes nothing.
 */
@Service
public class ObjectionService {

    /** How the timeline line of the complainant's objection begins. */
    static final String OBJECTION_RECEIVED = "Bezwaar ontvangen";

    /** What a handler adds to an objection's motivation (the reasons from an attachment or a call) begins with. */
    public static final String BY_THE_HANDLER = "Volgens de behandelaar: ";

    /** Shorter than this is not a motivation but a reflex. */
    public static final int MIN_MOTIVATION = 10;

    private final RuntimeService runtimeService;
    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final CaseSteps steps;
    private final DisputeResolution dispute;
    private final jakarta.persistence.EntityManager entities;

    public ObjectionService(RuntimeService runtimeService, CaseTimeline timeline, CaseMessages caseMessages,
                            CaseSteps steps, DisputeResolution dispute, jakarta.persistence.EntityManager entities) {
        this.entities = entities;
        this.steps = steps;
        this.dispute = dispute;
        this.runtimeService = runtimeService;
        this.timeline = timeline;
        this.caseMessages = caseMessages;
    }

    // a refusal is checked before anything is written: it must not roll back the caller's
    // transaction (e.g. the mailbox handler, which records the refused mail and answers it)
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void object(Complaint complaint, String motivation, String actor) {
        object(complaint, motivation, actor, null);
    }

    /**
     * @param receivedAt when the objection reached HomePair (a mail, a letter registered
     *                   later), or null for now; the window is judged at that moment
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void object(Complaint complaint, String motivation, String actor, Instant receivedAt) {
        complaint.requireNotErased();
        String text = motivation == null ? "" : motivation.strip();
        motivationRefusal(motivation, false).ifPresent(refusal -> {
            throw new InvalidSubmissionException(List.of(refusal));
        });
        Instant now = ClockUtil.getCurrentTime().toInstant();
        if (receivedAt != null && receivedAt.isAfter(now)) {
            throw new InvalidSubmissionException(List.of(new FieldError("receivedAt", "De ontvangstdatum ligt in de toekomst.")));
        }
        Instant received = receivedAt == null ? now : receivedAt;
        if (complaint.getObjectionDeadline() != null && DutchDates.pastTheDayOf(received, complaint.getObjectionDeadline())) {
            throw CaseRefused.notNow("Bezwaar is niet meer mogelijk: de bezwaartermijn liep tot en met "
                    + DutchDates.day(complaint.getObjectionDeadline()) + ".");
        }
        if (!waitsForObjection(complaint)) {
            // said from the case as it is now, not as the caller read it: an objection by another door (REST and the
            // mailbox at once) may have been taken since, and "nog geen besluit" would tell the complainant a falsehood
            Complaint current = asItIsNow(complaint);
            String why = whyNot(current);
            // decided a moment ago, the objection window opens when its mail has left: the same request soon will do
            throw decidedAMomentAgo(current) ? CaseRefused.notYet(why) : CaseRefused.notNow(why);
        }
        complaint.objectionReceived(received);
        steps.objection(complaint, received);
        timeline.record(complaint, TimelineEventType.OBJECTION, actor,
                OBJECTION_RECEIVED + CaseTimeline.receivedEarlier(received) + ": " + text);
        runtimeService.createMessageCorrelation(MESSAGE_OBJECTION_RECEIVED)
                .processInstanceBusinessKey(complaint.getReference())
                .setVariable(VAR_OBJECTION_MOTIVATION, CamundaText.fit(text, "de tijdlijn van de zaak"))
                .setVariable(VAR_OBJECTION_RECEIVED_AT, Date.from(received))
                .correlate();
    }

    /**
     * Whether the complainant's objection with this motivation was received within the last day: a client that sends
     * it again (after a time-out, a lost answer) is told it is in, not that there is an objection already.
     */
    public boolean receivedAlready(Complaint complaint, String motivation) {
        return complaint.getObjectionReceivedAt() != null && motivation != null
                && timeline.receivedLately(complaint, TimelineEventType.OBJECTION, OBJECTION_RECEIVED, motivation.strip());
    }

    public boolean waitsForObjection(Complaint complaint) {
        return caseMessages.waitsFor(complaint, MESSAGE_OBJECTION_RECEIVED);
    }

    /** Whether a mail that may be an objection can go to a handler to decide ("Is dit een bezwaar?"). */
    public boolean waitsForPossibleObjection(Complaint complaint) {
        return caseMessages.waitsFor(complaint, MESSAGE_POSSIBLE_OBJECTION_RECEIVED);
    }

    /** Whether a handler is judging a mail of the case that may be an objection ("Is dit een bezwaar?"). */
    public boolean judgesPossibleObjection(Complaint complaint) {
        return complaint.getProcessInstanceId() != null && runtimeService.createExecutionQuery()
                .processInstanceId(complaint.getProcessInstanceId()).activityId(TASK_JUDGE_OBJECTION).count() > 0;
    }

    /**
     * Whether a message received now would be {@link Judgement#LATE}: the case still waits at its objection window (the
     * few working days after the deadline before it closes, for an objection that came in time but is registered later),
     * or a handler judges an earlier message, and the deadline has passed.
     */
    public boolean lateAtItsWindow(Complaint complaint, Instant receivedAt) {
        return pastTheDeadline(complaint, receivedAt)
                && (waitsForPossibleObjection(complaint) || judgesPossibleObjection(complaint));
    }

    private static boolean pastTheDeadline(Complaint complaint, Instant receivedAt) {
        return complaint.getObjectionDeadline() != null && DutchDates.pastTheDayOf(receivedAt, complaint.getObjectionDeadline());
    }

    /** What became of a message that may be an objection ({@link #forJudgement}). */
    public enum Judgement {
        /** The case waits for no objection and judges none: the message is a note. */
        NOT_OPEN,
        /** It came after the objection deadline: it changes nothing, however it is worded (R9). */
        LATE,
        /** A handler judges it ("Is dit een bezwaar?"), with an earlier message being judged when there is one. */
        FOR_A_HANDLER
    }

    /**
     * A complainant's mail or chat message that may be an objection, in the objection window or while a handler judges
     * an earlier one: a handler judges it (joined to the earlier one), received when it was; after the deadline nothing.
     * The mailbox and the chat share this; each keeps its own rule for what is no more than a thank-you.
     */
    @Transactional
    public Judgement forJudgement(Complaint complaint, boolean chat, String text, Instant receivedAt, String actor) {
        boolean waits = waitsForPossibleObjection(complaint);
        boolean judged = !waits && judgesPossibleObjection(complaint);
        if (!waits && !judged) {
            return Judgement.NOT_OPEN;
        }
        if (pastTheDeadline(complaint, receivedAt)) {
            return Judgement.LATE;
        }
        if (judged) {
            addToPossibleObjection(complaint, chat, text, receivedAt, actor);
        } else {
            possibleObjection(complaint, chat, text, receivedAt, actor);
        }
        return Judgement.FOR_A_HANDLER;
    }

    /**
     * A further message that may be an objection, while a handler judges the first: it joins the text the handler judges,
     * so that one judgement covers both (the second may be the objection the first only hinted at). An objection counts
     * as received with the first message, as before.
     *
     * @param chat a chat message of the complainant, not a mail
     */
    private void addToPossibleObjection(Complaint complaint, boolean chat, String text, Instant receivedAt, String actor) {
        timeline.record(complaint, TimelineEventType.NOTE, actor, chat
                ? "Nog een chatbericht dat mogelijk een bezwaar is; de behandelaar die het eerste bericht beoordeelt, ziet het erbij."
                : "Nog een e-mail die mogelijk een bezwaar is; de behandelaar die het eerste bericht beoordeelt, ziet hem erbij.");
        Object before = runtimeService.getVariable(complaint.getProcessInstanceId(), VAR_POSSIBLE_OBJECTION_TEXT);
        String both = CamundaText.fit((before == null ? "" : before + "\n\n") + (chat ? "Volgend chatbericht" : "Volgende e-mail")
                + ", ontvangen " + DutchDates.moment(receivedAt) + ":\n" + text, "de tijdlijn van de zaak");
        // the judgement starts again with both (model: "Nog een bericht"), held by whoever held it: a handler who chose
        // "geen bezwaar" in a form opened before this came, or at the same moment, judged a text without it; their
        // completion now finds the task gone, and the new one shows both
        if (caseMessages.versionWithout(complaint, MESSAGE_POSSIBLE_OBJECTION_JOINED).isPresent()) {
            // a case on a version of the model without that event: the text joins the open task, as before (asked of the
            // model first: a failed correlation would leave the caller's transaction unable to commit)
            runtimeService.setVariable(complaint.getProcessInstanceId(), VAR_POSSIBLE_OBJECTION_TEXT, both);
            return;
        }
        if (!caseMessages.startAgain(complaint, MESSAGE_POSSIBLE_OBJECTION_JOINED, TASK_JUDGE_OBJECTION,
                java.util.Map.of(VAR_POSSIBLE_OBJECTION_TEXT, both))) {
            // judged this moment: the caller's transaction rolls back, and its retry finds the case as it now is
            throw new IllegalStateException("The judgement of case " + complaint.getReference() + " ended meanwhile");
        }
    }

    /**
     * A mail that mentions an objection without clearly making one: a handler decides in
     * Tasklist. If it is one, it counts as received when the mail was (R9).
     */
    @Transactional
    public void possibleObjection(Complaint complaint, boolean chat, String text, Instant receivedAt, String actor) {
        timeline.record(complaint, TimelineEventType.NOTE, actor,
                "Mogelijk bezwaar; een behandelaar beoordeelt of het een bezwaar is.");
        runtimeService.createMessageCorrelation(MESSAGE_POSSIBLE_OBJECTION_RECEIVED)
                .processInstanceBusinessKey(complaint.getReference())
                .setVariable(VAR_POSSIBLE_OBJECTION_TEXT, CamundaText.fit(text, "de tijdlijn van de zaak"))
                .setVariable(VAR_POSSIBLE_OBJECTION_RECEIVED_AT, Date.from(receivedAt))
                .setVariable(VAR_POSSIBLE_OBJECTION_VIA, chat ? "CHAT" : "MAIL")
                .correlate();
    }

    /**
     * The handler judged the message an objection: it is recorded as received with the message.
     *
     * @param via how it came ({@link ComplaintProcess#VAR_POSSIBLE_OBJECTION_VIA}), or null on a case from before
     */
    public void acceptJudged(Complaint complaint, String text, Object via, Instant receivedAt, String actor) {
        complaint.objectionReceived(receivedAt);
        steps.objection(complaint, receivedAt);
        timeline.record(complaint, TimelineEventType.OBJECTION, actor, OBJECTION_RECEIVED + " ("
                + ComplaintProcess.possibleObjectionMessage(via, Date.from(receivedAt)) + ", beoordeeld als bezwaar): " + text);
    }

    /**
     * Why the complainant's objection cannot be taken back now as registered in error, or null when it can (the case page
     * offers it to team leads only then): an objection the board has not decided on, on a case whose model can stop the
     * board's review.
     */
    public String registeredInErrorRefusal(Complaint complaint) {
        if (complaint.getAnonymisedAt() != null || complaint.getStatus() == ComplaintStatus.CLOSED) {
            return "De zaak is afgesloten.";
        }
        if (complaint.getObjectionReceivedAt() == null) {
            return "Er staat geen bezwaar van de klager op deze zaak.";
        }
        if (complaint.getBoardDecision() != null) {
            return "De directie heeft al over het bezwaar beslist (" + complaint.getBoardDecision().label() + "); dat blijft staan.";
        }
        if (!caseMessages.waitsFor(complaint, MESSAGE_OBJECTION_REGISTERED_IN_ERROR)) {
            return caseMessages.versionWithout(complaint, MESSAGE_OBJECTION_REGISTERED_IN_ERROR)
                    .map(version -> "De zaak loopt op versie " + version.getVersion() + " van de klachtenprocedure, van voor het"
                            + " terugnemen van een ten onrechte geregistreerd bezwaar. Een manager zet de zaak eerst over naar de"
                            + " nieuwste versie (handleiding voor managers, 'Lopende zaken overzetten').")
                    .orElse("Het bezwaar wordt nog aan de directie voorgelegd; probeer het over een minuut opnieuw.");
        }
        return null;
    }

    /**
     * An objection registered on this case by mistake (a letter objecting to the complainant's other case, typed in under
     * this reference; a message judged "Ja, bezwaar" that was none), taken back by a team lead before the board decided:
     * the board's review stops, the complainant is told (the model's mail), and the case waits for an objection again
     * within the same window. Without this the director could only reject or uphold an objection nobody made, or record a
     * withdrawal the complainant never made, and the case closed with its one objection used up. The objection's lines
     * leave the complainant's copy of the timeline (they may be about another case); the figures count no escalation.
     *
     * @param reason why, for the timeline (staff-only)
     * @param belongsTo the reference of the complainant's other case the objection was meant for, or blank: it is
     *                  registered there, received when it was (its window judged at that moment), in this transaction
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void registeredInError(Complaint given, String reason, String actor, String belongsTo) {
        Complaint complaint = nl.homepair.complaints.complaint.CaseRows.heldForChange(entities, given);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > Complaint.TEXT_MAX || !PlainText.isPlain(text)) {
            throw new InvalidSubmissionException(List.of(new FieldError("reden", text.isEmpty()
                    ? "Schrijf waarom het bezwaar ten onrechte is geregistreerd (bijvoorbeeld: de brief ging over zaak"
                    + " KL-2026-000123)." : text.length() > Complaint.TEXT_MAX
                    ? "De reden mag hoogstens " + Complaint.TEXT_MAX + " tekens lang zijn." : PlainText.REFUSAL)));
        }
        String refusal = registeredInErrorRefusal(complaint);
        if (refusal != null) {
            throw CaseRefused.notNow(refusal);
        }
        Instant received = complaint.getObjectionReceivedAt();
        Complaint meant = belongsTo == null || belongsTo.isBlank() ? null : meantCase(complaint, belongsTo, received);
        Object motivation = meant == null ? null : runtimeService.getVariable(complaint.getProcessInstanceId(), VAR_OBJECTION_MOTIVATION);
        if (meant != null && (!(motivation instanceof String words) || words.isBlank())) {
            throw new InvalidSubmissionException(List.of(new FieldError("andere", "De tekst van het bezwaar is niet meer te"
                    + " lezen op deze zaak; registreer het bij " + meant.getReference() + " met 'Bezwaar registreren (brief of"
                    + " telefoon)'.")));
        }
        complaint.objectionRegisteredInError();
        steps.objectionRegisteredInError(complaint);
        timeline.of(complaint).stream().filter(entry -> entry.getType() == TimelineEventType.OBJECTION && !entry.isAboutOthers()
                && entry.getSummary().startsWith(OBJECTION_RECEIVED)).forEach(nl.homepair.complaints.complaint.TimelineEntry::markAboutOthers);
        timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor,
                nl.homepair.complaints.complaint.CaseWithdrawal.OBJECTION_REGISTERED_IN_ERROR + " (ontvangen "
                + DutchDates.moment(received) + "): " + text);
        boolean windowOpen = complaint.getObjectionDeadline() != null
                && !DutchDates.pastTheDayOf(ClockUtil.getCurrentTime().toInstant(), complaint.getObjectionDeadline());
        timeline.record(complaint, TimelineEventType.NOTE, actor, "Het bezwaar was ten onrechte op deze zaak geregistreerd;"
                + " de directie beoordeelt het niet." + (complaint.getObjectionDeadline() == null ? ""
                : " Bezwaar maken tegen het besluit " + (windowOpen ? "kan" : "kon") + " tot en met "
                + DutchDates.day(complaint.getObjectionDeadline()) + "."));
        runtimeService.createMessageCorrelation(MESSAGE_OBJECTION_REGISTERED_IN_ERROR)
                .processInstanceBusinessKey(complaint.getReference())
                .correlate();
        if (meant != null) {
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, "Het bezwaar is geregistreerd bij zaak "
                    + meant.getReference() + ", waar het over ging.");
            try {
                // the complainant's words as they came, received when they came: the window of that case decides
                object(meant, (String) motivation, actor, received);
            } catch (CaseRefused | InvalidSubmissionException refused) {
                // not half: the objection is not taken from this case while it could not reach the other
                org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
                throw refused;
            }
        }
    }

    private static String lowerFirst(String sentence) {
        return sentence.isEmpty() ? sentence : sentence.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + sentence.substring(1);
    }

    /**
     * The complainant's other case the objection was meant for: theirs, decided, waiting for an objection, and in its
     * window at the moment the objection came; refused with a Dutch message naming what is not so.
     */
    private Complaint meantCase(Complaint complaint, String typed, Instant received) {
        String reference = nl.homepair.complaints.complaint.ReferenceNumbers.typed(typed).orElseThrow(() ->
                new InvalidSubmissionException(List.of(new FieldError("andere", "Vul het referentienummer in van de zaak waar"
                        + " het bezwaar over ging, zoals KL-2026-000123, of laat het veld leeg."))));
        if (reference.equals(complaint.getReference())) {
            throw new InvalidSubmissionException(List.of(new FieldError("andere", "Dit is deze zaak zelf; vul de zaak in waar"
                    + " het bezwaar over ging, of laat het veld leeg.")));
        }
        Complaint meant = entities.createQuery("select c from Complaint c where c.reference = :reference", Complaint.class)
                .setParameter("reference", reference).getResultStream().findFirst().orElseThrow(() ->
                        new InvalidSubmissionException(List.of(new FieldError("andere", "Zaak " + reference + " bestaat niet."))));
        if (!nl.homepair.complaints.complaint.CaseDuplicates.sameComplainant(complaint, meant)) {
            throw new InvalidSubmissionException(List.of(new FieldError("andere", "Zaak " + reference + " is van een andere"
                    + " klager (naam en e-mailadres verschillen); een bezwaar gaat alleen naar een zaak van dezelfde klager.")));
        }
        boolean late = meant.getObjectionDeadline() != null && DutchDates.pastTheDayOf(received, meant.getObjectionDeadline());
        if (meant.getAnonymisedAt() != null || !waitsForObjection(meant) || late) {
            throw new InvalidSubmissionException(List.of(new FieldError("andere", "Zaak " + reference + " neemt nu geen bezwaar"
                    + " aan: " + (late
                    ? "de bezwaartermijn liep tot en met " + DutchDates.day(meant.getObjectionDeadline()) + "."
                    : lowerFirst(whyNot(asItIsNow(meant)))) + " Er is niets veranderd.")));
        }
        return meant;
    }


    private Complaint asItIsNow(Complaint complaint) {
        if (entities.contains(complaint)) {
            // what the caller changed on it is written first, not thrown away by the read
            entities.flush();
            entities.refresh(complaint);
            return complaint;
        }
        Complaint now = entities.find(Complaint.class, complaint.getId());
        return now == null ? complaint : now;
    }

    /** The branch of {@link #whyNot} that says the decision's mail is on its way: a wait of minutes, not a refusal. */
    private boolean decidedAMomentAgo(Complaint complaint) {
        return complaint.getBoardDecision() == null && complaint.getObjectionReceivedAt() == null
                && complaint.getStatus() != ComplaintStatus.CLOSED && complaint.getDecidedAt() != null
                && !(complaint.getObjectionDeadline() != null
                && DutchDates.pastTheDayOf(ClockUtil.getCurrentTime().toInstant(), complaint.getObjectionDeadline()))
                // a case whose process was ended from outside waits for nothing: "try again" would never come true
                && complaint.getProcessInstanceId() != null && runtimeService.createProcessInstanceQuery()
                .processInstanceId(complaint.getProcessInstanceId()).count() > 0;
    }

    /**
     * What is wrong with an objection's motivation, the complainant's or ({@code againstAMeasure}) the affected user's:
     * missing or too short, too long, or holding characters no one types; empty when it will do.
     */
    static java.util.Optional<FieldError> motivationRefusal(String motivation, boolean againstAMeasure) {
        String text = motivation == null ? "" : motivation.strip();
        if (text.length() < MIN_MOTIVATION) {
            return java.util.Optional.of(new FieldError("motivation", "Licht je bezwaar toe: waarom ben je het niet eens met "
                    + (againstAMeasure ? "de maatregel?" : "het besluit?")));
        }
        if (text.length() > Complaint.TEXT_MAX) {
            return java.util.Optional.of(new FieldError("motivation",
                    "De toelichting mag hoogstens " + Complaint.TEXT_MAX + " tekens lang zijn."));
        }
        // control characters and broken surrogates never reach the timeline or the board
        return PlainText.isPlain(text) ? java.util.Optional.empty()
                : java.util.Optional.of(new FieldError("motivation", PlainText.REFUSAL));
    }

    private String whyNot(Complaint complaint) {
        if (complaint.getBoardDecision() != null) {
            // the board has ruled: what is left is independent dispute resolution (R10), not a board that "beoordeelt het"
            return "De directie heeft al besloten over het bezwaar tegen dit besluit (" + complaint.getBoardDecision().label()
                    + "). Ben je het daar niet mee eens, dan kun je het geschil voorleggen aan " + dispute.name()
                    + " (" + dispute.url() + "), zoals in de mail met het besluit van de directie staat.";
        }
        if (complaint.getObjectionReceivedAt() != null) {
            return "Er is al bezwaar gemaakt tegen dit besluit; de directie beoordeelt het.";
        }
        if (complaint.getStatus() == ComplaintStatus.CLOSED && complaint.getObjectionDeadline() == null
                && complaint.getOutcome() == CaseOutcome.INADMISSIBLE) {
            // declared inadmissible before that could be objected to: its mail asked the complainant to "let us know"
            return "Deze klacht is niet-ontvankelijk verklaard en afgesloten toen daartegen nog geen bezwaar openstond."
                    + " Valt de klacht volgens de klager toch onder de klachtenprocedure, dan kan ze opnieuw worden"
                    + " ingediend met die uitleg (als nieuwe klacht); ze wordt dan opnieuw beoordeeld.";
        }
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            return complaint.getObjectionDeadline() == null
                    ? "Bezwaar is niet mogelijk: deze klacht is afgesloten zonder besluit waartegen bezwaar openstaat."
                    : "Bezwaar kan niet meer worden verwerkt: de bezwaartermijn liep tot en met "
                            + DutchDates.day(complaint.getObjectionDeadline()) + " en de klacht is daarna afgesloten.";
        }
        if (complaint.getDecidedAt() != null && complaint.getObjectionDeadline() != null
                && DutchDates.pastTheDayOf(ClockUtil.getCurrentTime().toInstant(), complaint.getObjectionDeadline())) {
            return "Bezwaar kan niet meer worden verwerkt: de bezwaartermijn liep tot en met "
                    + DutchDates.day(complaint.getObjectionDeadline()) + "; de klacht wordt afgesloten.";
        }
        if (complaint.getDecidedAt() != null) {
            // decided a moment ago, its mail (with how and until when to object) still on its way
            return "Het besluit over deze klacht is net genomen en wordt verstuurd. Maak bezwaar nadat je de e-mail met het"
                    + " besluit hebt ontvangen; daarin staat tot wanneer dat kan.";
        }
        return "Bezwaar is nog niet mogelijk: er is nog geen besluit genomen over deze klacht.";
    }
}
