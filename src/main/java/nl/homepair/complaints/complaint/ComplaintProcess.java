package nl.homepair.complaints.complaint;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.text.DutchDates;

/**
 * The contract between the code and {@code processes/complaintProcedure.bpmn}: process
 * key, variable names and element ids used from Java. Documented for managers and
 * integrators in docs/process-data.md.
 */
public final class ComplaintProcess {

    public static final String PROCESS_KEY = "complaintProcedure";
    /**
     * Mail texts the application recognises a case's sent mails by (the deploy check keeps them named by a step of the
     * procedure): the acknowledgement (a further mail before it joins the new case) and the other party's invitation to
     * the mediation (only an invited party hears of a withdrawal or a failed mediation), and the two that tell the
     * complainant the first assessment's outcome (R6: the figures count "within 5 working days" from them). Their wording
     * is the manager's.
     */
    public static final String MAIL_ACKNOWLEDGEMENT = "ontvangstbevestiging";
    public static final String MAIL_OTHER_PARTY_INVITATION = "bemiddeling-andere-partij";
    public static final String MAIL_NEXT_STEPS = "vervolgstappen";
    public static final String MAIL_INADMISSIBLE = "niet-ontvankelijk";

    // Process variables (small and typed; the complaint itself lives in JPA)
    public static final String VAR_COMPLAINT_ID = "complaintId";
    public static final String VAR_REFERENCE = "reference";
    public static final String VAR_RECEIVED_AT = "receivedAt";
    public static final String VAR_ROLE = "role";
    public static final String VAR_SUBJECT = "subject";
    public static final String VAR_CHANNEL = "channel";
    public static final String VAR_ASSESSMENT_OUTCOME = "assessmentOutcome";
    public static final String VAR_ASSESSMENT_NOTES = "assessmentNotes";
    public static final String VAR_MEDIATION_OUTCOME = "mediationOutcome";
    public static final String VAR_VERDICT = "verdict";
    public static final String VAR_BOARD_DECISION = "boardDecision";
    public static final String VAR_OBJECTION_MOTIVATION = "objectionMotivation";
    public static final String VAR_OBJECTION_RECEIVED_AT = "objectionReceivedAt";
    /** When the handler asked for information (set by the model's step): the pause (R4) begins there. */
    public static final String VAR_INFORMATION_REQUESTED_AT = "informationRequestedAt";
    /** The day the complainant was asked to answer by (set by the model's step; moved by an address correction). */
    public static final String VAR_INFORMATION_DUE = "informationDue";
    /** When the complainant's answer to a request for information reached HomePair: the pause (R4) ends there. */
    public static final String VAR_INFORMATION_RECEIVED_AT = "informationReceivedAt";
    public static final String VAR_INFORMATION_REPLY = "informationReply";
    /** The other party of the job during mediation, a participant of the chat (set in the assessment form). */
    public static final String VAR_OTHER_PARTY_NAME = "otherPartyName";
    public static final String VAR_OTHER_PARTY_EMAIL = "otherPartyEmail";
    public static final String VAR_POSSIBLE_OBJECTION_TEXT = "possibleObjectionText";
    public static final String VAR_POSSIBLE_OBJECTION_RECEIVED_AT = "possibleObjectionReceivedAt";
    /** How the message that may be an objection came: {@code MAIL} or {@code CHAT} (absent on cases from before it). */
    public static final String VAR_POSSIBLE_OBJECTION_VIA = "possibleObjectionVia";
    public static final String VAR_OBJECTION_JUDGEMENT = "objectionJudgement";
    public static final String VAR_TRIAGE_OUTCOME = "triageOutcome";
    public static final String VAR_ACKNOWLEDGEMENT_ACTION = "acknowledgementAction";
    public static final String VAR_MEASURE_OBJECTION_TEXT = "measureObjectionText";
    public static final String VAR_MEASURE_OBJECTION_RECEIVED_AT = "measureObjectionReceivedAt";
    /** The attachments of the affected user's objection that the case did not take, one reason per line (mail only). */
    public static final String VAR_MEASURE_OBJECTION_FILES_LEFT_OUT = "measureObjectionFilesLeftOut";
    public static final String VAR_MEASURE_REVIEW_OUTCOME = "measureReviewOutcome";
    /** How long a suspension (measure {@code measureSuspension}) lasts, as the handler wrote it. */
    public static final String VAR_SUSPENSION_DURATION = "suspensionDuration";
    /** The reasons of the decision revised after an upheld objection (the first decision's are {@code decisionMotivation}). */
    public static final String VAR_REVISED_DECISION = "revisedDecision";

    // Messages, correlated by business key (the reference)
    public static final String MESSAGE_INFORMATION_RECEIVED = "InformationReceived";
    public static final String MESSAGE_OBJECTION_RECEIVED = "ObjectionReceived";
    public static final String MESSAGE_POSSIBLE_OBJECTION_RECEIVED = "PossibleObjectionReceived";
    /** A further message while a handler judges one ("Is dit een bezwaar?"): the judgement starts again with both. */
    public static final String MESSAGE_POSSIBLE_OBJECTION_JOINED = "PossibleObjectionJoined";
    /** A further mail joins a case while a handler triages it ("Klacht registreren en aanvullen"): the triage starts again. */
    public static final String MESSAGE_TRIAGE_MAIL_JOINED = "TriageMailJoined";
    /** The complainant withdraws the complaint: the event subprocess "Klacht ingetrokken" ends the case. */
    public static final String MESSAGE_COMPLAINT_WITHDRAWN = "ComplaintWithdrawn";
    /** A handler found the case to be a second registration of another open case of the same complainant. */
    public static final String MESSAGE_COMPLAINT_DUPLICATE = "ComplaintDuplicate";
    /**
     * A team lead takes back an objection registered on the wrong case, or as an objection by mistake, before the board
     * decided: the board's review stops and the case waits for an objection again, within the same window.
     */
    public static final String MESSAGE_OBJECTION_REGISTERED_IN_ERROR = "ObjectionRegisteredInError";
    /** The reference of the case a duplicate goes on under (its mail names it). */
    public static final String VAR_DUPLICATE_OF = "duplicateOf";
    /** Why the complainant withdrew, in their words or as the handler wrote it down; the confirmation mail quotes none of it. */
    public static final String VAR_WITHDRAWAL_REASON = "withdrawalReason";

    // Local input parameters of the generic mail step, and of a deadline's mail step (REMINDER or ESCALATION)
    public static final String INPUT_MAIL_TEMPLATE = "mailTemplate";
    public static final String INPUT_MAIL_RECIPIENT = "mailRecipient";
    /**
     * A deadline step's second mail about the same late date, to someone else who was told that date (the other party
     * of a mediation): its text and recipient, sent when the case has that recipient's address.
     */
    public static final String INPUT_ALSO_MAIL_TEMPLATE = "alsoMailTemplate";
    public static final String INPUT_ALSO_MAIL_RECIPIENT = "alsoMailRecipient";
    public static final String INPUT_DEADLINE_ALERT = "deadlineAlert";
    /** A mail step's settings from the model, local to the step: what it sends, not what happened. */
    public static final Set<String> MAIL_STEP_SETTINGS = Set.of(INPUT_MAIL_TEMPLATE, INPUT_MAIL_RECIPIENT,
            INPUT_DEADLINE_ALERT, INPUT_ALSO_MAIL_TEMPLATE, INPUT_ALSO_MAIL_RECIPIENT);
    /**
     * Prefixes of the process variables in which a deadline's mail step keeps, per user task
     * (its id follows), the due date it reminded or escalated: the step's own bookkeeping, so
     * that it never sends twice for one due date.
     */
    public static final String REMINDER_SENT_FOR = "reminderSentFor_";
    public static final String ESCALATION_SENT_FOR = "escalationSentFor_";
    public static final String DELAY_TOLD_FOR = "delayToldFor_";

    // Element ids
    public static final String TASK_ASSESS = "UserTask_AssessComplaint";
    public static final String TASK_CHECK_ACKNOWLEDGEMENT = "UserTask_CheckAcknowledgement";
    public static final String SEND_ACKNOWLEDGEMENT = "ServiceTask_SendAcknowledgement";
    public static final String TASK_MEDIATE = "UserTask_Mediate";
    public static final String TASK_DECIDE = "UserTask_Decide";
    public static final String AWAIT_INFORMATION = "ReceiveTask_AwaitInformation";
    public static final String BOARD_PROCESS_KEY = "boardEscalation";
    /** The helper process of a message a person must handle (<em>E-mail handmatig verwerken</em>), started by the mailbox. */
    public static final String MANUAL_MAIL_PROCESS_KEY = "manualMailHandling";
    /**
     * The choices of *E-mail handmatig verwerken* ({@code manualMailResult}): the application acts on INFORMATION,
     * ATTACHED, OBJECTION and MEASURE_OBJECTION ({@code SetAsideAnswers}); the others record what the handler did.
     */
    public static final List<String> MANUAL_MAIL_CHOICES = List.of("REGISTERED", "INFORMATION", "ATTACHED", "OBJECTION",
            "MEASURE_OBJECTION", "NOT_A_COMPLAINT");
    /** On a message set aside: the case it is about, when known. */
    public static final String VAR_MAIL_CASE_REFERENCE = "mailCaseReference";
    /** On a message set aside: its sender's address (not on the form). */
    public static final String VAR_MAIL_SENDER = "mailSenderAddress";
    public static final String TASK_REVIEW_OBJECTION = "UserTask_ReviewObjection";
    public static final String TASK_REVISE_DECISION = "UserTask_ReviseDecision";
    public static final String TASK_JUDGE_OBJECTION = "UserTask_JudgeObjection";
    public static final String TASK_TRIAGE = "UserTask_TriageComplaint";
    public static final String MEASURE_REVIEW_PROCESS_KEY = "measureReview";
    public static final String TASK_REVIEW_MEASURE = "UserTask_ReviewMeasure";

    /**
     * What a user task records: the variable holding its coded outcome (with the codes it
     * may hold) and the one holding its written explanation. The timeline shows both when
     * the task completes (R14); {@code ModelReferencesTest} checks forms and gateways against
     * the codes.
     */
    public record TaskResult(String outcomeVariable, Class<? extends CodedOutcome> codes, String notesVariable) {

        /** The codes the outcome variable may hold, e.g. WELL_FOUNDED, PARTLY_WELL_FOUNDED, UNFOUNDED. */
        public List<String> codeNames() {
            return codes == null ? List.of()
                    : Arrays.stream(codes.getEnumConstants()).map(CodedOutcome::name).toList();
        }
    }

    public static final Map<String, TaskResult> TASK_RESULTS = Map.of(
            TASK_ASSESS, new TaskResult(VAR_ASSESSMENT_OUTCOME, AssessmentOutcome.class, VAR_ASSESSMENT_NOTES),
            TASK_MEDIATE, new TaskResult(VAR_MEDIATION_OUTCOME, MediationOutcome.class, "mediationNotes"),
            TASK_DECIDE, new TaskResult(VAR_VERDICT, Verdict.class, "decisionMotivation"),
            TASK_REVIEW_OBJECTION, new TaskResult(VAR_BOARD_DECISION, BoardDecision.class, "boardMotivation"),
            TASK_REVISE_DECISION, new TaskResult(VAR_VERDICT, Verdict.class, VAR_REVISED_DECISION),
            TASK_REVIEW_MEASURE, new TaskResult(VAR_MEASURE_REVIEW_OUTCOME, MeasureReviewOutcome.class, "measureReviewMotivation"),
            TASK_TRIAGE, new TaskResult(VAR_TRIAGE_OUTCOME, TriageOutcome.class, "triageNotes"),
            TASK_JUDGE_OBJECTION, new TaskResult(VAR_OBJECTION_JUDGEMENT, ObjectionJudgement.class, "objectionJudgementNotes"),
            TASK_CHECK_ACKNOWLEDGEMENT, new TaskResult(VAR_ACKNOWLEDGEMENT_ACTION, AcknowledgementAction.class,
                    "acknowledgementCheckNotes"));

    private ComplaintProcess() {
    }

    /**
     * Whether a process (by its definition id, {@code measureReview:3:…}) is the review of the affected user's objection:
     * what its steps record is about that user, not the complainant's (R13, GDPR art. 15(4)).
     */
    public static boolean aboutTheAffectedUser(String processDefinitionId) {
        return processDefinitionId != null && processDefinitionId.startsWith(MEASURE_REVIEW_PROCESS_KEY + ":");
    }

    /**
     * The message that may be an objection as a person reads it, "e-mail van 3 december 2026 om 14:05" or "chatbericht
     * van …" ("bericht van …" on a case from before the way it came was kept).
     */
    public static String possibleObjectionMessage(Object via, Date receivedAt) {
        String what = "CHAT".equals(via) ? "chatbericht" : "MAIL".equals(via) ? "e-mail" : "bericht";
        return what + " van " + DutchDates.moment(receivedAt.toInstant());
    }
}
