package nl.homepair.complaints.sla;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What lies still after its escalation is not forgotten (R6, R9, R11): a task's escalation goes out once, when its
 * due date passes; a director who never acts, a handler who is away, left the case waiting with nobody told again.
 * Every working day at the start of office hours the team leads get one mail listing every task that is a working
 * day or more past its escalation, and the board one with its own late tasks. Nothing is sent when nothing is late.
 * One node sends it (a lease), once a day (the delivery key names the day).
 */
@Component
public class OverdueDigest {

    /** Every working day at 09:05, Amsterdam time (holidays are skipped). */
    static final String DEFAULT_CRON = "0 5 9 * * MON-FRI";

    private static final Logger log = LoggerFactory.getLogger(OverdueDigest.class);
    static final String TEMPLATE = "overzicht-te-laat";
    static final String LEASE = "overdue-digest";
    /** The most tasks one mail lists; it says how many more there are. */
    static final int MAX_LISTED = 100;

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final UnstaffedGroups unstaffedGroups;
    private final WorkingDayCalendar calendar;
    private final CaseMailer mailer;
    private final ClusterLease lease;
    private final boolean enabled;

    public OverdueDigest(TaskService taskService, RuntimeService runtimeService, RepositoryService repositoryService,
                         IdentityService identityService, UnstaffedGroups unstaffedGroups, WorkingDayCalendar calendar,
                         CaseMailer mailer, ClusterLeases leases,
                         @Value("${homepair.working-days.overdue-digest:true}") boolean enabled) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.unstaffedGroups = unstaffedGroups;
        this.calendar = calendar;
        this.mailer = mailer;
        this.lease = leases.lease(LEASE, Duration.ofMinutes(30));
        this.enabled = enabled;
    }

    @Scheduled(cron = "${homepair.working-days.overdue-digest-cron:" + OverdueDigest.DEFAULT_CRON + "}", zone = DutchDates.ZONE_ID)
    public void scheduled() {
        if (!enabled || !calendar.isWorkingDay(today())) {
            return;
        }
        if (!lease.runIfFree(() -> {
            // the same morning round: a group without members; each on its own, a fault in one leaves the other
            for (Runnable part : List.<Runnable>of(this::send, unstaffedGroups::send)) {
                try {
                    part.run();
                } catch (RuntimeException e) {
                    log.warn("Part of the morning round failed; tomorrow's round tries again: {}", e.toString());
                }
            }
        })) {
            log.info("Overdue digest left to {}, which holds lease '{}'", lease.holder().orElse("another node"), LEASE);
        }
    }

    /** Sends today's digests; returns how many tasks were late. A mail server that is down: tomorrow's digest. */
    public int send() {
        LocalDate today = today();
        // escalated before today: due before the previous working day began (a task due at the end of that day
        // was escalated this morning, and is in tomorrow's list)
        Date cutoff = Date.from(previousWorkingDay(today).atStartOfDay(DutchDates.ZONE).toInstant());
        int late = digest(() -> taskService.createTaskQuery().dueBefore(cutoff), cutoff, MailRecipient.TEAM_LEAD, today,
                "alle taken");
        digest(() -> taskService.createTaskQuery().taskCandidateGroup(Groups.DIRECTORS).includeAssignedTasks().dueBefore(cutoff),
                cutoff, MailRecipient.DIRECTORS, today, "de taken van de directie");
        return late;
    }

    /** @param sincePreviousWorkingDay the start of the previous working day (the lists' cutoff) */
    private int digest(java.util.function.Supplier<TaskQuery> query, Date sincePreviousWorkingDay, MailRecipient to,
                       LocalDate today, String which) {
        // a task made already late (a letter registered a week late) is escalated at once, or at the first office moment
        // after it was made (made last night or at the weekend: this morning): tomorrow's list names it, as it does a task
        // escalated this morning at its due date
        Set<String> escalatedToday = query.get().taskCreatedAfter(sincePreviousWorkingDay).list().stream()
                .filter(task -> task.getCreateTime() != null && day(Date.from(calendar.nextOfficeMoment(
                        task.getCreateTime().toInstant()))).equals(today))
                .filter(this::escalatedAtItsDueDate).map(Task::getId).collect(java.util.stream.Collectors.toSet());
        long count = query.get().count() - escalatedToday.size();
        if (count <= 0) {
            return 0;
        }
        List<Task> tasks = query.get().orderByDueDate().asc().listPage(0, MAX_LISTED + escalatedToday.size()).stream()
                .filter(task -> !escalatedToday.contains(task.getId())).limit(MAX_LISTED).toList();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Task task : tasks) {
            Map<String, Object> line = new HashMap<>();
            line.put("taskName", stepName(task));
            line.put("about", about(task));
            line.put("deadline", task.getDueDate());
            line.put("daysLate", calendar.workingDaysBetween(day(task.getDueDate()), today));
            line.put("assignee", holder(task));
            lines.add(line);
        }
        Map<String, Object> values = new HashMap<>();
        values.put("tasks", lines);
        values.put("count", count);
        values.put("more", count - tasks.size());
        values.put("which", which);
        // the board decides and does no casework (it tells nobody when an answer comes); the team leads see every task
        values.put("board", to == MailRecipient.DIRECTORS);
        try {
            mailer.sendToStaff(to, TEMPLATE, values, "overdue-digest:" + to + ":" + today);
            log.info("Overdue digest of {}: {} task(s) late ({})", today, count, to);
        } catch (RuntimeException e) {
            log.warn("Overdue digest of {} not sent to {} ({} task(s) late); tomorrow's lists them again: {}", today, to,
                    count, e.toString());
        }
        return (int) count;
    }

    /**
     * Who holds the task, said so when they cannot work it any more: deleted in Admin, or no longer in a group the task
     * is for (left, moved to another team), nor a team lead or director who took it on. A team lead then hands it over
     * instead of waiting for them.
     */
    private String holder(Task task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return null;
        }
        if (identityService.createUserQuery().userId(assignee).count() == 0) {
            return assignee + " (bestaat niet meer)";
        }
        // the task's groups, and the team leads and the board, who may take one on
        List<String> groups = java.util.stream.Stream.concat(taskService.getIdentityLinksForTask(task.getId()).stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId), java.util.stream.Stream.of(Groups.TEAM_LEADS, Groups.DIRECTORS))
                .distinct().toList();
        if (!HandlerGroups.isMemberOfAny(identityService, assignee, groups)) {
            return assignee + " (geen lid meer van de groep van de taak)";
        }
        return assignee;
    }

    /**
     * The step's name in its model: Tasklist shows a task under a headline with the complainant's name
     * ({@code TaskHeadline}), which has no place in a mail that erasure does not reach.
     */
    private String stepName(Task task) {
        if (task.getProcessDefinitionId() != null && task.getTaskDefinitionKey() != null) {
            ModelElementInstance step = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(task.getTaskDefinitionKey());
            if (step instanceof FlowElement element && element.getName() != null) {
                return element.getName();
            }
        }
        return task.getName();
    }

    private String about(Task task) {
        if (task.getProcessInstanceId() == null) {
            return "";
        }
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        return instance == null || instance.getBusinessKey() == null ? "een e-mail die met de hand verwerkt moet worden"
                : "klacht " + instance.getBusinessKey();
    }

    /** Whether the escalation for the task's own due date went out (the case records it per step). */
    private boolean escalatedAtItsDueDate(Task task) {
        if (task.getProcessInstanceId() == null || task.getTaskDefinitionKey() == null || task.getDueDate() == null) {
            return false;
        }
        return DeadlineAlertDelegate.sameMoment(runtimeService.getVariable(task.getProcessInstanceId(),
                nl.homepair.complaints.complaint.ComplaintProcess.ESCALATION_SENT_FOR + task.getTaskDefinitionKey()),
                task.getDueDate());
    }

    private LocalDate previousWorkingDay(LocalDate today) {
        LocalDate day = today.minusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    private static LocalDate day(Date date) {
        return date.toInstant().atZone(DutchDates.ZONE).toLocalDate();
    }

    private static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate();
    }
}
