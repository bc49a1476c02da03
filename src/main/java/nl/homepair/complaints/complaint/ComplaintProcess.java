package nl.homepair.complaints.complaint;

/**
 * The contract between the code and {@code processes/complaintProcedure.bpmn}: process
 * key, variable names and element ids used from Java. Documented for managers and
 * integrators in docs/process-data.md.
 */
public final class ComplaintProcess {

    public static final String PROCESS_KEY = "complaintProcedure";

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
    public static final String VAR_INFORMATION_REPLY = "informationReply";
    public static final String VAR_POSSIBLE_OBJECTION_TEXT = "possibleObjectionText";
    public static final String VAR_POSSIBLE_OBJECTION_RECEIVED_AT = "possibleObjectionReceivedAt";
    public static final String VAR_OBJECTION_JUDGEMENT = "objectionJudgement";

    // Messages, correlated by business key (the reference)
    public static final String MESSAGE_INFORMATION_RECEIVED = "InformationReceived";
    public static final String MESSAGE_OBJECTION_RECEIVED = "ObjectionReceived";
    public static final String MESSAGE_POSSIBLE_OBJECTION_RECEIVED = "PossibleObjectionReceived";

    // Local input parameters of the generic mail step
    public static final String INPUT_MAIL_TEMPLATE = "mailTemplate";
    public static final String INPUT_MAIL_RECIPIENT = "mailRecipient";

    // Element ids
    public static final String TASK_ASSESS = "UserTask_AssessComplaint";
    public static final String TASK_CHECK_ACKNOWLEDGEMENT = "UserTask_CheckAcknowledgement";
    public static final String SEND_ACKNOWLEDGEMENT = "ServiceTask_SendAcknowledgement";
    public static final String TASK_MEDIATE = "UserTask_Mediate";
    public static final String TASK_DECIDE = "UserTask_Decide";
    public static final String AWAIT_INFORMATION = "ReceiveTask_AwaitInformation";
    public static final String BOARD_PROCESS_KEY = "boardEscalation";
    public static final String TASK_REVIEW_OBJECTION = "UserTask_ReviewObjection";
    public static final String TASK_REVISE_DECISION = "UserTask_ReviseDecision";
    public static final String TASK_JUDGE_OBJECTION = "UserTask_JudgeObjection";

    /**
     * Per user task: the variable holding its outcome and the one holding its written
     * explanation, recorded on the timeline when the task completes (R14).
     */
    public static final java.util.Map<String, String[]> TASK_RESULTS = java.util.Map.of(
            TASK_ASSESS, new String[] {VAR_ASSESSMENT_OUTCOME, VAR_ASSESSMENT_NOTES},
            TASK_MEDIATE, new String[] {VAR_MEDIATION_OUTCOME, "mediationNotes"},
            TASK_DECIDE, new String[] {VAR_VERDICT, "decisionMotivation"},
            TASK_REVIEW_OBJECTION, new String[] {VAR_BOARD_DECISION, "boardMotivation"},
            TASK_REVISE_DECISION, new String[] {null, "revisedDecision"},
            TASK_JUDGE_OBJECTION, new String[] {VAR_OBJECTION_JUDGEMENT, "objectionJudgementNotes"},
            TASK_CHECK_ACKNOWLEDGEMENT, new String[] {"acknowledgementAction", "acknowledgementCheckNotes"});

    /** Dutch words for the coded outcomes, for the timeline. */
    public static final java.util.Map<String, String> OUTCOME_LABELS = java.util.Map.ofEntries(
            java.util.Map.entry("INADMISSIBLE", "niet ontvankelijk"),
            java.util.Map.entry("MORE_INFORMATION", "meer informatie nodig"),
            java.util.Map.entry("MEDIATION", "bemiddelen"),
            java.util.Map.entry("DIRECT_DECISION", "direct besluiten"),
            java.util.Map.entry("RESOLVED", "opgelost"),
            java.util.Map.entry("NOT_RESOLVED", "niet opgelost"),
            java.util.Map.entry("WELL_FOUNDED", "gegrond"),
            java.util.Map.entry("PARTLY_WELL_FOUNDED", "deels gegrond"),
            java.util.Map.entry("UNFOUNDED", "ongegrond"),
            java.util.Map.entry("UPHELD", "bezwaar gegrond, besluit wordt herzien"),
            java.util.Map.entry("REJECTED", "bezwaar ongegrond, besluit blijft"),
            java.util.Map.entry("MAIL_FIXED", "mailstoring verholpen"),
            java.util.Map.entry("OBJECTION", "bezwaar, naar de directie"),
            java.util.Map.entry("NOTE", "geen bezwaar, notitie bij de zaak"),
            java.util.Map.entry("INFORMED_OTHERWISE", "klager op andere wijze geïnformeerd"));

    private ComplaintProcess() {
    }
}
