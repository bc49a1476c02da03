package nl.homepair.complaints.mail;

import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_RECIPIENT;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_TEMPLATE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import java.util.HashMap;
import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.stereotype.Component;

/**
 * The one mail step of every model: which text goes to whom is said in the model, by
 * the input parameters {@code mailTemplate} (a file in the mail template folder) and
 * {@code mailRecipient} (a {@link MailRecipient}). All variables visible to the step, its
 * own input parameters included, are available to the template. A process that is about no
 * case (manual mail handling) can only write to staff.
 *
 * <p>A step right behind a non-interrupting timer on a wait (the reminder "we missen nog informatie", no task or wait
 * between them) reminds of that wait:
 * when the wait ended before the step's job ran (the answer came while the mail server was down and the job waited
 * for its retry), nothing is sent. A reminder after the answer was taken would tell the complainant the case is about
 * to close.
 */
@Component("sendMailDelegate")
public class SendMailDelegate implements JavaDelegate, MailStep {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendMailDelegate.class);

    private final ComplaintRepository complaints;
    private final CaseMailer mailer;
    private final nl.homepair.complaints.complaint.DecisionMeasures decisionMeasures;

    public SendMailDelegate(ComplaintRepository complaints, CaseMailer mailer,
                            nl.homepair.complaints.complaint.DecisionMeasures decisionMeasures) {
        this.complaints = complaints;
        this.mailer = mailer;
        this.decisionMeasures = decisionMeasures;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String ended = endedWait(execution);
        if (ended != null) {
            log.info("Mail step {} on {} not sent: {} ended before its job ran", execution.getCurrentActivityId(),
                    execution.getProcessBusinessKey(), ended);
            return;
        }
        send(execution, (String) execution.getVariableLocal(INPUT_MAIL_TEMPLATE),
                execution.getVariableLocal(INPUT_MAIL_RECIPIENT), Map.of());
    }

    /**
     * The wait this step reminds of, when it has ended: the step follows (over single flows) a non-interrupting timer
     * on a step that is no longer active in the case. Null for every other step, and while the wait lasts.
     */
    static String endedWait(DelegateExecution execution) {
        if (!(execution.getBpmnModelElementInstance() instanceof FlowNode step)) {
            return null;
        }
        FlowNode node = step;
        for (int hops = 0; hops < 10 && !(node instanceof BoundaryEvent) && node.getIncoming().size() == 1; hops++) {
            node = node.getIncoming().iterator().next().getSource();
            if (waits(node)) {
                return null; // a mail after someone's work or a wait on the side branch (a team lead's task): theirs to send
            }
        }
        if (!(node instanceof BoundaryEvent timer) || timer.cancelActivity() || timer.getAttachedTo() == null
                || timer.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance)) {
            return null;
        }
        String waitedAt = timer.getAttachedTo().getId();
        ActivityInstance tree = execution.getProcessEngineServices().getRuntimeService()
                .getActivityInstance(execution.getProcessInstanceId());
        return tree != null && tree.getActivityInstances(waitedAt).length > 0 ? null : "the wait " + waitedAt;
    }

    private static boolean waits(FlowNode node) {
        return node instanceof org.camunda.bpm.model.bpmn.instance.UserTask
                || node instanceof org.camunda.bpm.model.bpmn.instance.ReceiveTask
                || node instanceof org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent
                || node instanceof org.camunda.bpm.model.bpmn.instance.CallActivity
                || node instanceof org.camunda.bpm.model.bpmn.instance.SubProcess;
    }

    /**
     * A mail that does not hold up the path it is on, for an execution listener ({@code
     * ${sendMailDelegate.queue(execution, 'geen-bezwaar', 'COMPLAINANT')}}) rather than a step: its copy joins the
     * transaction and a job delivers it after the commit, again until the mail server takes it ({@link CaseMailer#queue}).
     * For a path back to a wait: a mail step there, asynchronous, would leave the case not waiting while the mail
     * server is down (after the judgement "no objection", for the objection that may still come).
     */
    public void queue(DelegateExecution execution, String template, String recipient) {
        Long complaintId = (Long) execution.getVariable(VAR_COMPLAINT_ID);
        if (complaintId == null) {
            throw new IllegalStateException("A queued mail (" + template + ") needs the case: no " + VAR_COMPLAINT_ID);
        }
        mailer.queue(caseOf(complaintId), template, MailRecipient.valueOf(recipient.trim()), new HashMap<>(execution.getVariables()));
    }

    @Override
    public void send(DelegateExecution execution, String template, Object recipient, Map<String, Object> extra,
                     String deliveryKey) {
        if (template == null || recipient == null) {
            throw new IllegalStateException("Mail step " + execution.getCurrentActivityId()
                    + " needs the input parameters " + INPUT_MAIL_TEMPLATE + " and " + INPUT_MAIL_RECIPIENT);
        }
        Map<String, Object> values = new HashMap<>(execution.getVariables());
        values.putAll(extra);
        MailRecipient to = MailRecipient.valueOf(recipient.toString().trim());
        if (to == MailRecipient.AFFECTED_USER) {
            // the statement of reasons says it replaces an earlier one only to the user who had that one
            values.put("statementReplacesEarlier", decisionMeasures.replacesEarlierStatement(execution));
        }
        Long complaintId = (Long) execution.getVariable(VAR_COMPLAINT_ID);
        String key = deliveryKey != null ? deliveryKey : CaseMailer.stepKey(execution);
        if (complaintId == null) {
            // a process about no case yet, e.g. a mail that must be handled by hand: only staff are written to
            mailer.sendToStaff(to, template, values, key);
            return;
        }
        mailer.send(caseOf(complaintId), template, to, values, key);
    }

    private Complaint caseOf(Long complaintId) {
        return complaints.findById(complaintId).orElseThrow(() -> new IllegalStateException("No complaint with id " + complaintId));
    }
}
