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

    // Local input parameters of the generic mail step
    public static final String INPUT_MAIL_TEMPLATE = "mailTemplate";
    public static final String INPUT_MAIL_RECIPIENT = "mailRecipient";

    // Element ids
    public static final String TASK_ASSESS = "UserTask_AssessComplaint";
    public static final String TASK_CHECK_ACKNOWLEDGEMENT = "UserTask_CheckAcknowledgement";
    public static final String SEND_ACKNOWLEDGEMENT = "ServiceTask_SendAcknowledgement";

    private ComplaintProcess() {
    }
}
