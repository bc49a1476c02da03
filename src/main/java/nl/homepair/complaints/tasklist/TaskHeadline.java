package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.text.MarkdownText;
import nl.homepair.complaints.text.PlainText;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes every task of a case tell which case it is, in Tasklist's list (R15): its name
 * becomes "Eerste beoordeling KL-2026-000123 - Jan Jansen (Afhandeling opdracht)", and its
 * priority says how urgent it is: an objection or a passed due date raise the priority the
 * model gave (the routing table's), never lower it. The models keep the plain step names; this listens to
 * the engine's Spring task events, so a step a manager adds gets it too.
 */
@Component
public class TaskHeadline {

    /** Camunda's default priority: an ordinary task on time. */
    public static final int NORMAL = 50;
    /** A task of a case with an objection (the board's, or the revision after it). */
    public static final int OBJECTION = 70;
    /** A task past its due date. */
    public static final int OVERDUE = 90;
    /** A task of a case with an objection, past its due date. */
    public static final int OVERDUE_OBJECTION = 100;

    /** The lease of the round that raises overdue tasks: one node at a time. */
    public static final String LEASE = "task-urgency";
    /** Tasks raised per query of a round: a storm of deadlines is not read into memory at once. */
    static final int BATCH = 200;

    /** The engine keeps at most 255 characters of a task name. */
    static final int MAX_NAME = 255;
    private static final int MAX_COMPLAINANT = 60;

    private static final Logger log = LoggerFactory.getLogger(TaskHeadline.class);

    private final ComplaintRepository complaints;
    private final TaskService taskService;
    private final ClusterLease lease;

    private final int batch;

    @Autowired
    public TaskHeadline(ComplaintRepository complaints, TaskService taskService, ClusterLeases leases) {
        this(complaints, taskService, leases, BATCH);
    }

    TaskHeadline(ComplaintRepository complaints, TaskService taskService, ClusterLeases leases, int batch) {
        this.complaints = complaints;
        this.taskService = taskService;
        // far longer than a round takes; a node that dies mid-round leaves the rest to the next
        this.lease = leases.lease(LEASE, Duration.ofMinutes(30));
        this.batch = batch;
    }

    @EventListener(condition = "#task.eventName == 'create'")
    @Transactional
    public void nameAndPrioritise(DelegateTask task) {
        Object id = task.getVariable(VAR_COMPLAINT_ID);
        Complaint complaint = complaints.ofVariable(id).orElse(null);
        if (complaint == null) {
            setAsideMessage(task);
            return;
        }
        task.setName(headline(stepName(task), complaint));
        // the model's priority (the routing table's, e.g. conduct complaints) stays when it is higher
        task.setPriority(Math.max(task.getPriority(),
                priority(isObjection(task.getProcessDefinitionId(), complaint), isOverdue(task.getDueDate()))));
    }

    /**
     * Tasks that passed their due date since they were created move up the list. Every node
     * of a cluster is scheduled to do this; the node that holds the lease does the round, and
     * two rounds never raise the same tasks at once (each refusing the other's writes). The
     * first round comes soon after start-up: tasks that went overdue while the application
     * was stopped (a night, an upgrade) head the list when the handlers log in, not one
     * interval later.
     */
    @Scheduled(fixedDelayString = "${homepair.tasklist.urgency-interval:PT5M}",
            initialDelayString = "${homepair.tasklist.urgency-first-round:PT30S}")
    public void raiseOverdueTasks() {
        if (!lease.runIfFree(this::raiseOverdue)) {
            log.debug("Overdue tasks left to {}, which holds lease '{}'", lease.holder().orElse("another node"), LEASE);
        }
    }

    private void raiseOverdue() {
        Date now = ClockUtil.getCurrentTime();
        Set<String> done = new HashSet<>();
        int failures = 0;
        while (true) {
            // a raised task leaves this query; one that could not be raised stays in it (the
            // next round tries it again), so each page asks for that many more
            List<Task> page = taskService.createTaskQuery().dueBefore(now).taskMaxPriority(OVERDUE - 1)
                    .orderByTaskId().asc().listPage(0, batch + failures);
            page.removeIf(task -> done.contains(task.getId()));
            if (page.isEmpty()) {
                return;
            }
            for (Task task : page) {
                done.add(task.getId());
                if (!raise(task)) {
                    failures++;
                }
            }
        }
    }

    private boolean raise(Task task) {
        try {
            // from the case, not from the priority: the routing table may give 70 to a case without objection
            Object id = taskService.getVariable(task.getId(), VAR_COMPLAINT_ID);
            Complaint complaint = complaints.ofVariable(id).orElse(null);
            boolean objection = complaint != null && isObjection(task.getProcessDefinitionId(), complaint);
            taskService.setPriority(task.getId(), Math.max(task.getPriority(), priority(objection, true)));
            return true;
        } catch (ProcessEngineException completedMeanwhile) {
            // the next round sees it again, if it is still open
            log.debug("Priority of task {} not raised: {}", task.getId(), completedMeanwhile.getMessage());
            return false;
        }
    }

    static String headline(String step, Complaint complaint) {
        // a task without a name (a model from before the deploy check asked for one) is still a task of the case
        StringBuilder name = new StringBuilder(step == null || step.isBlank() ? "Taak" : step.strip())
                .append(' ').append(complaint.getReference());
        String complainant = complaint.getName() == null ? "" : complaint.getName().strip();
        if (!complainant.isEmpty()) {
            name.append(" - ").append(PlainText.shortened(complainant, MAX_COMPLAINANT));
        }
        if (complaint.getSubject() != null) {
            name.append(" (").append(complaint.getSubject().shortLabel()).append(')');
        }
        return PlainText.shortened(name.toString(), MAX_NAME);
    }

    static int priority(boolean objection, boolean overdue) {
        if (overdue) {
            return objection ? OVERDUE_OBJECTION : OVERDUE;
        }
        return objection ? OBJECTION : NORMAL;
    }

    /**
     * A message set aside for a person (<em>E-mail handmatig verwerken</em>) names its subject in the list, not only the
     * step: ten of them look alike otherwise, and one that may be an objection on the window's last day looks like a
     * bounce. The complainant's own message about a case whose objection window runs, received in time, with nothing
     * objected yet, moves up as an objection's task.
     */
    private void setAsideMessage(DelegateTask task) {
        String definition = task.getProcessDefinitionId();
        if (definition == null || !definition.startsWith(ComplaintProcess.MANUAL_MAIL_PROCESS_KEY + ":")) {
            return;
        }
        Object subject = task.getVariable("mailSubject");
        String shown = subject == null ? "" : MarkdownText.unescape(subject.toString()).replaceAll("\\s+", " ").strip();
        if (!shown.isEmpty()) {
            String name = stepName(task) + ": " + shown;
            task.setName(PlainText.shortened(name, MAX_NAME));
        }
        Object reference = task.getVariable(ComplaintProcess.VAR_MAIL_CASE_REFERENCE);
        Object sender = task.getVariable(ComplaintProcess.VAR_MAIL_SENDER);
        Object received = task.getVariable(ComplaintProcess.VAR_RECEIVED_AT);
        // the complainant's own message, received in time, about a case whose window runs and that has no objection yet
        boolean inObjectionWindow = reference != null && sender instanceof String address && received instanceof Date at
                && complaints.findByReference(reference.toString())
                .filter(named -> named.getObjectionDeadline() != null && named.getObjectionReceivedAt() == null
                        && !nl.homepair.complaints.text.DutchDates.pastTheDayOf(at.toInstant(), named.getObjectionDeadline()) && named.isComplainantAddress(address)
                        && named.getStatus() != nl.homepair.complaints.complaint.ComplaintStatus.CLOSED)
                .isPresent();
        if (inObjectionWindow) {
            task.setPriority(Math.max(task.getPriority(), OBJECTION));
        }
    }

    /** The step's name as the model gives it, also when the task was renamed before. */
    private static String stepName(DelegateTask task) {
        FlowElement element = task.getBpmnModelElementInstance();
        return element != null && element.getName() != null ? element.getName() : task.getName();
    }

    private static boolean isObjection(String processDefinitionId, Complaint complaint) {
        return complaint.getObjectionReceivedAt() != null
                || processDefinitionId != null && (processDefinitionId.startsWith(ComplaintProcess.BOARD_PROCESS_KEY + ":")
                || processDefinitionId.startsWith(ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY + ":"));
    }

    private static boolean isOverdue(Date due) {
        return due != null && due.before(new Date());
    }
}
