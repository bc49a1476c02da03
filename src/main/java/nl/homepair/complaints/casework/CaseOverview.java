package nl.homepair.complaints.casework;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseGroups;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.Evidence;
import nl.homepair.complaints.engine.DueTasks;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases a member of staff may see, as rows of the overview and as one case's file
 * (R14, R15). Who sees what is {@link CaseAccess}'s: directors only cases with an
 * objection, anyone who is not staff nothing.
 */
@Service
public class CaseOverview {

    /** The overview shows at most this many cases; a search narrows it down. */
    static final int MAX_ROWS = 300;
    /** At most this many cases with a task due are looked up for a colour (one query parameter each). */
    static final int MAX_DUE = 10_000;

    private final EntityManager entityManager;
    private final CaseAccess access;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final RuntimeService runtimeService;
    private final WorkingDayCalendar calendar;
    private final CaseTimeline timeline;
    private final SentMailRepository mails;
    private final CaseworkLinks links;

    public CaseOverview(EntityManager entityManager, CaseAccess access, TaskService taskService,
                        RepositoryService repositoryService, RuntimeService runtimeService, WorkingDayCalendar calendar, CaseTimeline timeline,
                        SentMailRepository mails, CaseworkLinks links) {
        this.entityManager = entityManager;
        this.access = access;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.runtimeService = runtimeService;
        this.calendar = calendar;
        this.timeline = timeline;
        this.mails = mails;
        this.links = links;
    }

    public record TaskRow(String id, String step, String assignee, Date due, String dueText, TrafficLight light,
                          String tasklistLink, String reference) {
    }

    public record Row(String reference, String complainant, String email, String subject, String status,
                      List<TaskRow> openTasks, Date nextDeadline, String nextDeadlineText, TrafficLight light) {

        public String steps() {
            return openTasks.isEmpty() ? "-" : openTasks.stream().map(TaskRow::step).distinct().collect(Collectors.joining(", "));
        }
    }

    public record EvidenceRow(Long id, String fileName, String contentType, String size, boolean image, String href) {
    }

    /**
     * @param sentAt      when the mail was put in the outbox (its first try)
     * @param deliveredAt when the mail server accepted it; null while it has not
     * @param late        whether it was delivered more than two minutes after it was put in the outbox (a mail server
     *                    away, a mail to staff held for office hours)
     */
    public record MailRow(String sentAt, String deliveredAt, boolean late, String recipient, String subject, String body) {

        public boolean delivered() {
            return deliveredAt != null;
        }
    }

    public record TimelineRow(String at, String actor, String type, String summary) {
    }

    /**
     * @param decision        the verdict and when, with the objection window; null before a decision
     * @param measureObjection when the user a measure hit objected to it (DSA art. 20); null without
     * @param boardDecision   the board's decision on the complainant's objection; null before it
     */
    public record CaseFile(Row row, String role, String channel, String received, String job, String description,
                           String attemptedResolution, String chatSummary, String objection, String decision,
                           String measureObjection, String boardDecision,
                           List<EvidenceRow> evidence, List<MailRow> mails, List<TimelineRow> timeline) {
    }

    /**
     * The visible cases, newest first: open ones, or all with {@code withClosed}; {@code search}
     * matches part of the reference, e-mail address or name; {@code light} keeps only cases whose
     * next deadline has that colour. At most {@link #MAX_ROWS}; for "late" and "due soon" those are
     * taken from the cases with such a task, however old.
     */
    @Transactional(readOnly = true)
    public List<Row> list(String search, TrafficLight light, boolean withClosed) {
        return page(search, light, withClosed).rows();
    }

    /** The rows of {@link #list}, and whether the search found more cases than the page holds. */
    public record Page(List<Row> rows, boolean cut) {
    }

    /** {@link #list}, saying whether more cases matched than {@link #MAX_ROWS}: the page says so. */
    @Transactional(readOnly = true)
    public Page page(String search, TrafficLight light, boolean withClosed) {
        CaseAccess.Scope scope = access.staffScope();
        StringBuilder jpql = new StringBuilder("select c from Complaint c where 1 = 1");
        if (!withClosed) {
            jpql.append(" and c.closedAt is null");
        }
        Map<String, Object> parameters = new HashMap<>();
        if (!scope.everyCase()) {
            List<String> either = new ArrayList<>();
            if (scope.objections()) {
                either.add("c.objectionReceivedAt is not null or c.measureObjectionReceivedAt is not null");
            }
            if (!scope.handlerGroups().isEmpty()) {
                either.add(CaseGroups.INVOLVES_JPQL);
                parameters.put("handlerGroups", scope.handlerGroups());
                Set<String> held = access.heldReferences();
                if (!held.isEmpty()) {
                    either.add("c.reference in :held");
                    parameters.put("held", held);
                }
            }
            jpql.append(" and (").append(String.join(" or ", either)).append(")");
        }
        if (search != null && !search.isBlank()) {
            jpql.append(" and (lower(c.reference) like :q escape '\\' or lower(c.email) like :q escape '\\'"
                    + " or lower(c.name) like :q escape '\\')");
            parameters.put("q", nl.homepair.complaints.text.PlainText.likeContaining(search.strip().toLowerCase(Locale.ROOT)));
        }
        Instant now = Instant.now();
        if (light == TrafficLight.LATE || light == TrafficLight.DUE_SOON) {
            // the cases with a task due by then first, so that the newest MAX_ROWS cases do not hide older late ones
            // due soon: a task due from now on (a case with a late task is late, whatever else it has)
            List<String> due = (light == TrafficLight.LATE
                    ? DueTasks.referencesDue(taskService, runtimeService, null, Date.from(now))
                    : DueTasks.referencesDue(taskService, runtimeService, Date.from(now), Date.from(calendar.afterNextWorkingDay(now))))
                    .stream().limit(MAX_DUE).toList();
            if (due.isEmpty()) {
                return new Page(List.of(), false);
            }
            jpql.append(" and c.reference in :due");
            parameters.put("due", due);
        }
        jpql.append(" order by c.receivedAt desc");
        TypedQuery<Complaint> query = entityManager.createQuery(jpql.toString(), Complaint.class).setMaxResults(MAX_ROWS);
        parameters.forEach(query::setParameter);
        List<Complaint> complaints = query.getResultList();
        Map<String, List<TaskRow>> tasks = openTasks(complaints.stream().map(Complaint::getReference).toList());
        Map<String, Date> answersDue = answersDue(complaints);
        return new Page(complaints.stream()
                .map(c -> row(c, tasks.getOrDefault(c.getReference(), List.of()), answersDue.get(c.getProcessInstanceId()), now))
                .filter(r -> light == null || r.light() == light)
                .toList(), complaints.size() >= MAX_ROWS);
    }

    /** One case's whole file, for whoever may see it ({@link CaseAccess#forStaff}). */
    @Transactional(readOnly = true)
    public CaseFile file(String reference) {
        Complaint c = access.forStaff(reference);
        Row row = row(c, openTasks(List.of(c.getReference())).getOrDefault(c.getReference(), List.of()),
                answersDue(List.of(c)).get(c.getProcessInstanceId()), Instant.now());
        List<EvidenceRow> evidence = c.getEvidence().stream().map(e -> evidence(c, e)).toList();
        List<MailRow> sent = mails.findByComplaintIdOrderBySentAtAscIdAsc(c.getId()).stream()
                .map(m -> {
                    String queued = DutchDates.moment(m.getSentAt());
                    String delivered = m.getDeliveredAt() == null ? null : DutchDates.moment(m.getDeliveredAt());
                    // an outage, or a mail to staff held for office hours; not a job that ran seconds later
                    boolean late = delivered != null && java.time.Duration.between(m.getSentAt(), m.getDeliveredAt())
                            .compareTo(java.time.Duration.ofMinutes(2)) > 0;
                    return new MailRow(queued, delivered, late, m.getRecipient(), m.getSubject(), m.getBody());
                })
                .toList();
        String job = (c.getJobDate() == null ? "datum onbekend" : DutchDates.day(c.getJobDate()))
                + (c.getJobReference() == null ? "" : ", referentie " + c.getJobReference());
        return new CaseFile(row, c.getRole() == null ? "nog niet bepaald" : c.getRole().label(), c.getChannel().label(),
                DutchDates.moment(c.getReceivedAt()), job, c.getDescription(), c.getAttemptedResolution(),
                c.getChatSummary(), c.getObjectionReceivedAt() == null ? null : DutchDates.moment(c.getObjectionReceivedAt()),
                decision(c), c.getMeasureObjectionReceivedAt() == null ? null : DutchDates.moment(c.getMeasureObjectionReceivedAt()),
                c.getBoardDecision() == null ? null : c.getBoardDecision().label(), evidence, sent, timeline(c));
    }

    /**
     * "ongegrond, op maandag 4 mei 2026 14:00; bezwaar kon tot en met …": what a director reviewing an objection, or a
     * handler answering a question about it, looks for first. The motivation is in the decision mail on the page.
     */
    private static String decision(Complaint c) {
        if (c.getDecidedAt() == null) {
            return null;
        }
        String verdict = c.isDeclaredInadmissible() ? "niet-ontvankelijk" : c.getVerdict().label();
        if (c.getDeclaredInadmissibleAt() != null && c.getVerdict() != null) {
            // decided on the merits only after the board upheld the objection to the declaration of inadmissibility
            return verdict + ", op " + DutchDates.moment(c.getDecidedAt()) + ", na het gegronde bezwaar tegen de"
                    + " niet-ontvankelijkheid van " + DutchDates.day(c.getDeclaredInadmissibleAt());
        }
        String window = c.getObjectionDeadline() == null ? ""
                : "; bezwaar " + (DutchDates.pastTheDayOf(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
                        c.getObjectionDeadline()) ? "kon" : "kan") + " tot en met "
                        + DutchDates.day(c.getObjectionDeadline());
        return verdict + ", op " + DutchDates.moment(c.getDecidedAt()) + window;
    }

    /** The timeline alone, newest first, for the case page to refresh itself. */
    @Transactional(readOnly = true)
    public List<TimelineRow> timeline(String reference) {
        return timeline(access.forStaff(reference));
    }

    /** One piece of evidence, for whoever may see its case. */
    @Transactional(readOnly = true)
    public Evidence evidence(String reference, Long evidenceId) {
        Complaint c = access.forStaff(reference);
        Evidence file = c.getEvidence().stream().filter(e -> e.getId().equals(evidenceId)).findFirst()
                .orElseThrow(() -> nl.homepair.complaints.complaint.CaseRefused.notFound("Bewijsstuk niet gevonden."));
        file.getContent(); // read inside the transaction
        return file;
    }

    private List<TimelineRow> timeline(Complaint c) {
        List<TimelineRow> rows = new ArrayList<>(timeline.of(c).stream()
                .map(t -> new TimelineRow(DutchDates.moment(t.getOccurredAt()), t.getActor(), t.getType().name(), t.getSummary()))
                .toList());
        java.util.Collections.reverse(rows);
        return rows;
    }

    private Row row(Complaint c, List<TaskRow> tasks, Date answerDue, Instant now) {
        Date next = tasks.stream().map(TaskRow::due).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        String name = c.getName() == null ? "(geanonimiseerd)" : c.getName();
        String email = c.getEmail() == null ? "" : c.getEmail();
        String subject = c.getSubject() == null ? "nog niet bepaald" : c.getSubject().shortLabel();
        if (next == null && answerDue != null) {
            // no task of ours while the case waits for the complainant: the date we asked the answer by, which a
            // handler on the phone is asked for ("tot wanneer moet ik het sturen?")
            return new Row(c.getReference(), name, email, subject, c.getStatus().label(), tasks, answerDue,
                    "antwoord van de klager uiterlijk " + DutchDates.moment(answerDue.toInstant()), TrafficLight.WAITING);
        }
        return new Row(c.getReference(), name, email, subject, c.getStatus().label(), tasks, next,
                next == null ? "-" : DutchDates.moment(next.toInstant()), TrafficLight.of(next, now, calendar));
    }

    /**
     * The date the complainant was asked to answer by ({@code informationDue}), of the cases that wait for it, by their
     * process instance: one query for the page (the case pages read the engine as the application; whoever may see the
     * case sees its wait).
     */
    private Map<String, Date> answersDue(List<Complaint> complaints) {
        String[] waiting = complaints.stream().filter(c -> c.getStatus() == ComplaintStatus.AWAITING_INFORMATION
                        && c.getProcessInstanceId() != null).map(Complaint::getProcessInstanceId).toArray(String[]::new);
        Map<String, Date> due = new HashMap<>();
        if (waiting.length == 0) {
            return due;
        }
        runtimeService.createVariableInstanceQuery().variableName(nl.homepair.complaints.complaint.ComplaintProcess.VAR_INFORMATION_DUE)
                .processInstanceIdIn(waiting).list()
                .forEach(variable -> {
                    if (variable.getValue() instanceof Date date && variable.getProcessInstanceId() != null) {
                        due.merge(variable.getProcessInstanceId(), date, (a, b) -> a.before(b) ? b : a);
                    }
                });
        return due;
    }


    /** The open tasks of these cases (and of the processes they called), by reference, earliest deadline first. */
    Map<String, List<TaskRow>> openTasks(List<String> references) {
        Map<String, List<TaskRow>> byReference = new LinkedHashMap<>();
        if (references.isEmpty()) {
            return byReference;
        }
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKeyIn(references.toArray(String[]::new))
                .orderByDueDate().asc().list();
        for (TaskRow row : rows(tasks)) {
            byReference.computeIfAbsent(row.reference(), r -> new ArrayList<>()).add(row);
        }
        return byReference;
    }

    /** Tasks as rows, with the reference of their case (null for a task of no case). */
    List<TaskRow> rows(List<Task> tasks) {
        Instant now = Instant.now();
        Map<String, BpmnModelInstance> models = new HashMap<>();
        Map<String, String> referenceOf = nl.homepair.complaints.engine.BusinessKeys.of(runtimeService,
                tasks.stream().map(Task::getProcessInstanceId).toList());
        return tasks.stream().map(t -> taskRow(t, referenceOf.get(t.getProcessInstanceId()), now, models)).toList();
    }

    /** The reference of the case a process instance belongs to, or null. */
    String referenceOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        org.camunda.bpm.engine.runtime.ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    TaskRow taskRow(Task task, String reference, Instant now, Map<String, BpmnModelInstance> models) {
        return new TaskRow(task.getId(), stepName(task, models), task.getAssignee(), task.getDueDate(),
                task.getDueDate() == null ? "-" : DutchDates.moment(task.getDueDate().toInstant()),
                light(task, now), links.task(task.getId()), reference);
    }

    /** How near the task's due date is, by working days. */
    TrafficLight light(Task task, Instant now) {
        return TrafficLight.of(task.getDueDate(), now, calendar);
    }

    /** The step as the model names it; the task's own name also carries reference and complainant. */
    String stepName(Task task, Map<String, BpmnModelInstance> models) {
        return stepName(task.getProcessDefinitionId(), task.getTaskDefinitionKey(), task.getName(), models);
    }

    /**
     * The Dutch name the model gives the step {@code activityId} of that process definition, or
     * {@code otherwise} (a step without a name, a job of no process); {@code models} caches the
     * models read.
     */
    String stepName(String processDefinitionId, String activityId, String otherwise, Map<String, BpmnModelInstance> models) {
        if (processDefinitionId == null || activityId == null) {
            return otherwise;
        }
        BpmnModelInstance model = models.computeIfAbsent(processDefinitionId, repositoryService::getBpmnModelInstance);
        FlowElement element = model == null ? null : model.getModelElementById(activityId);
        return element != null && element.getName() != null ? element.getName() : otherwise;
    }

    private static EvidenceRow evidence(Complaint c, Evidence e) {
        return new EvidenceRow(e.getId(), e.getFileName(), e.getContentType(),
                String.format(DutchDates.DUTCH, "%.0f kB", Math.ceil(e.getSizeBytes() / 1024.0)),
                e.getContentType() != null && e.getContentType().startsWith("image/"),
                "/zaken/" + c.getReference() + "/bewijs/" + e.getId());
    }
}
