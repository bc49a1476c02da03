package nl.homepair.complaints.sla;

import static nl.homepair.complaints.complaint.ComplaintProcess.DELAY_TOLD_FOR;
import static nl.homepair.complaints.complaint.ComplaintProcess.ESCALATION_SENT_FOR;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_ALSO_MAIL_RECIPIENT;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_ALSO_MAIL_TEMPLATE;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_DEADLINE_ALERT;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_RECIPIENT;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_TEMPLATE;
import static nl.homepair.complaints.complaint.ComplaintProcess.REMINDER_SENT_FOR;

import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.mail.MailStep;
import nl.homepair.complaints.mail.SendMailDelegate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The mail step behind a reminder or escalation timer of a user task (R6, R11): a mail step
 * as {@link SendMailDelegate} (input parameters {@code mailTemplate}, {@code mailRecipient}),
 * plus {@code deadlineAlert} = REMINDER, ESCALATION or DELAY (the person who waits hears that
 * it is late). The step follows a boundary timer on the user task it watches; it reads that
 * task's due date as Tasklist shows it, and gives
 * the template {@code taskName}, {@code about} (the case), {@code deadline} and
 * {@code deadlinePassed}. With {@code alsoMailTemplate} and {@code alsoMailRecipient} the same alert goes, once, to a
 * second person who was told that date too (the other party of a mediation), when the case has their address.
 *
 * <p>Never twice, never in the wrong order: an escalation goes out once per due date, and
 * not again when the task comes back (after an information pause) already past a due date
 * that was escalated before: the team lead knows. A task that comes back on time and then
 * lapses is escalated again. A reminder goes out once per due date, and not after the due
 * date passed or after its escalation. What was sent is kept per task as the process variables
 * {@code reminderSentFor_<task id>} and {@code escalationSentFor_<task id>} (the due date),
 * which stay out of the engine's history (the mail is on the case: {@code CaseFileHistory}).
 */
@Component(DeadlineAlertDelegate.BEAN)
public class DeadlineAlertDelegate implements JavaDelegate {

    static final String BEAN = "deadlineAlertDelegate";

    private static final Logger log = LoggerFactory.getLogger(DeadlineAlertDelegate.class);

    private final MailStep mail;
    private final WorkingDayCalendar workingDays;
    private final MailProperties mailProperties;

    public DeadlineAlertDelegate(MailStep mail, WorkingDayCalendar workingDays, MailProperties mailProperties) {
        this.mail = mail;
        this.workingDays = workingDays;
        this.mailProperties = mailProperties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object kind = execution.getVariableLocal(INPUT_DEADLINE_ALERT);
        if (kind == null) {
            throw new IllegalStateException("Deadline step " + execution.getCurrentActivityId() + " needs the input parameter "
                    + INPUT_DEADLINE_ALERT + " (REMINDER, ESCALATION or DELAY)");
        }
        DeadlineAlert alert = DeadlineAlert.valueOf(kind.toString().trim());
        FlowNode watched = watchedTask(execution);
        // the instance's tasks by its id (one indexed select), not a TaskQuery: the task query's
        // generated SQL cost a twentieth of a node's CPU in the timer storm
        Optional<Task> open = Context.getCommandContext().getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())
                .stream().filter(task -> watched.getId().equals(task.getTaskDefinitionKey()) && !task.isSuspended())
                .filter(task -> task.getDueDate() != null).map(Task.class::cast).min(Comparator.comparing(Task::getDueDate));
        if (open.isEmpty()) {
            log.info("{} for {} on {}: the task is no longer open; nothing sent", alert, watched.getId(),
                    execution.getProcessBusinessKey());
            return;
        }
        Task task = open.get();
        Date due = task.getDueDate();
        String reminded = REMINDER_SENT_FOR + watched.getId();
        String escalated = ESCALATION_SENT_FOR + watched.getId();
        String delayed = DELAY_TOLD_FOR + watched.getId();
        Object escalatedFor = execution.getVariable(escalated);
        boolean passed = workingDays.hasPassed(due, ClockUtil.getCurrentTime());
        String skip = switch (alert) {
            case REMINDER -> passed ? "its due date passed"
                    : sameMoment(escalatedFor, due) ? "it was escalated"
                    : sameMoment(execution.getVariable(reminded), due) ? "the reminder was sent" : null;
            case ESCALATION -> sameMoment(escalatedFor, due) ? "it was escalated"
                    : escalatedFor != null && task.getCreateTime() != null && due.before(task.getCreateTime())
                            ? "it was escalated and the task came back already late" : null;
            case DELAY -> sameMoment(execution.getVariable(delayed), due) ? "the delay was told" : null;
        };
        if (skip != null) {
            log.info("{} for {} on {} not sent: {} (due {})", alert, watched.getId(), execution.getProcessBusinessKey(), skip, due);
            return;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("taskName", watched.getName());
        values.put("about", execution.getProcessBusinessKey() != null ? "klacht " + execution.getProcessBusinessKey()
                : "een e-mail die met de hand verwerkt moet worden");
        values.put("deadline", due);
        values.put("deadlinePassed", passed);
        Object recipient = execution.getVariableLocal(INPUT_MAIL_RECIPIENT);
        if (task instanceof TaskEntity entity && !mailProperties.groupAddresses().isEmpty()
                && MailRecipient.HANDLERS.name().equals(String.valueOf(recipient).trim())) {
            // a team of handlers with a mailbox of its own gets the alerts about its tasks there
            values.put(CaseMailer.TASK_GROUPS, entity.getCandidates().stream().map(IdentityLink::getGroupId)
                    .filter(Objects::nonNull).sorted().toList());
        }
        // once per case, step and due date, whatever job runs it: a timer moved to office hours
        // (OfficeHoursAlerts) is a new job, and its mail must not go out again after a rollback
        String key = "alert:" + execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + due.getTime();
        mail.send(execution, (String) execution.getVariableLocal(INPUT_MAIL_TEMPLATE), recipient, values, key);
        Object alsoTemplate = execution.getVariableLocal(INPUT_ALSO_MAIL_TEMPLATE);
        Object alsoRecipient = execution.getVariableLocal(INPUT_ALSO_MAIL_RECIPIENT);
        if (alsoTemplate != null && !alsoTemplate.toString().isBlank() && alsoRecipient != null
                && hasAddress(execution, MailRecipient.valueOf(alsoRecipient.toString().trim()))) {
            // the other party of a mediation was told its end date too: the same late date, once, to them
            mail.send(execution, alsoTemplate.toString().strip(), alsoRecipient, values, key + ":" + alsoRecipient.toString().trim());
        }
        execution.getProcessInstance().setVariable(switch (alert) {
            case REMINDER -> reminded;
            case ESCALATION -> escalated;
            case DELAY -> delayed;
        }, due);
    }

    /** Whether the case has an address for {@code recipient}: a mediation without an other party has none for them. */
    private static boolean hasAddress(DelegateExecution execution, MailRecipient recipient) {
        String variable = recipient.addressVariable();
        return variable == null || execution.getVariable(variable) instanceof String address && !address.isBlank();
    }

    /** The user task whose boundary timer leads to this step. */
    private static FlowNode watchedTask(DelegateExecution execution) {
        FlowNode step = (FlowNode) execution.getBpmnModelElementInstance();
        FlowNode node = step;
        for (int hops = 0; hops < 10 && !(node instanceof BoundaryEvent); hops++) {
            if (node.getIncoming().size() != 1) {
                break;
            }
            SequenceFlow incoming = node.getIncoming().iterator().next();
            node = incoming.getSource();
        }
        if (node instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
            return boundary.getAttachedTo();
        }
        throw new IllegalStateException("Deadline step " + step.getId() + " must follow a timer on a user task");
    }

    /**
     * Whether the path out of {@code timer} reaches a step of this delegate, over single flows (as
     * {@link #watchedTask} walks it back): the timer alerts staff, or tells whoever waits.
     */
    static boolean leadsToAlert(BoundaryEvent timer) {
        FlowNode node = timer;
        for (int hops = 0; hops < 10 && node.getOutgoing().size() == 1; hops++) {
            node = node.getOutgoing().iterator().next().getTarget();
            if (node instanceof ServiceTask step && step.getCamundaDelegateExpression() != null
                    && ("${" + BEAN + "}").equals(step.getCamundaDelegateExpression().replaceAll("\\s", ""))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a recorded alert ({@code sent}, a process variable) was for this due date. */
    static boolean sameMoment(Object sent, Date due) {
        return sent instanceof Date date && Objects.equals(date.getTime(), due.getTime());
    }
}
