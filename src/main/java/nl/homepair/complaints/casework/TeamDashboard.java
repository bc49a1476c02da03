package nl.homepair.complaints.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nl.homepair.complaints.casework.CaseOverview.TaskRow;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.PlainText;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team lead's view of the team's work (R15): open tasks per step, what is late or
 * nearly late per handler, incidents, and handing a handler's task to another handler.
 */
@Service
public class TeamDashboard {

    static final String UNASSIGNED = "(niemand)";

    private final CaseOverview overview;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final CurrentUser currentUser;
    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final HandlerGroups handlerGroups;

    public TeamDashboard(CaseOverview overview, TaskService taskService, RuntimeService runtimeService,
                         IdentityService identityService, CurrentUser currentUser, ComplaintRepository complaints,
                         CaseTimeline timeline, HandlerGroups handlerGroups) {
        this.overview = overview;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.complaints = complaints;
        this.timeline = timeline;
        this.handlerGroups = handlerGroups;
    }

    public record StepCount(String step, int open, int dueSoon, int late) {
    }

    public record HandlerLoad(String handler, int open, int dueSoon, int late) {
    }

    public record IncidentRow(String reference, String activity, String type, String message, String at) {
    }

    public record Person(String id, String name) {
    }

    /**
     * @param attention         the handlers' tasks that are late or due soon, the most urgent first, at most
     *                          {@link #ATTENTION_ROWS}; {@code attentionTotal} says how many there are
     * @param beyondTheHandlers the board's and the team leads' own tasks that are late or due soon (an objection the
     *                          board has not decided, a check of an acknowledgement): shown, not reassigned here; at most
     *                          {@link #ATTENTION_ROWS} of {@code beyondTotal}
     * @param incidents         the newest {@link #INCIDENT_ROWS} of {@code incidentTotal}
     * @param handingOverFrom   whose tasks can be handed over: the handlers, a team lead holding a handlers' task, and
     *                          who holds one but was deleted or is in no group of the procedure any more (named so)
     * @param groups            the groups of handlers, for a hand-over of one team's tasks only
     */
    public record Dashboard(List<StepCount> steps, List<HandlerLoad> handlers, List<TaskRow> attention, int attentionTotal,
                            List<TaskRow> beyondTheHandlers, int beyondTotal, List<IncidentRow> incidents, long incidentTotal,
                            List<Person> assignable, List<Person> handingOverFrom, List<String> groups) {

        /** What the page says when it shows fewer rows than there are, or empty when it shows them all. */
        public String attentionCut() {
            return attention.size() >= attentionTotal ? "" : "De " + attention.size() + " dringendste van "
                    + nl.homepair.complaints.text.DutchNumbers.of(attentionTotal) + " taken. Alle te late taken staan in"
                    + " Tasklist, in het filter \u201c" + nl.homepair.complaints.engine.TasklistFilters.TEAM_LATE + "\u201d.";
        }

        public String beyondCut() {
            return beyondTheHandlers.size() >= beyondTotal ? "" : "De " + beyondTheHandlers.size() + " dringendste van "
                    + nl.homepair.complaints.text.DutchNumbers.of(beyondTotal) + " taken.";
        }

        public String incidentsCut() {
            return incidents.size() >= incidentTotal ? "" : "De " + incidents.size() + " nieuwste van "
                    + nl.homepair.complaints.text.DutchNumbers.of(incidentTotal) + " incidenten.";
        }
    }

    /**
     * Rows of tasks that need attention shown on the page: after a long weekend or an outage there can be thousands, and
     * each row carries a choice of every handler; the rest is counted, and found through the overview's filter.
     */
    static final int ATTENTION_ROWS = 200;

    /** Incidents shown on the page, the newest first; the rest is counted. */
    static final int INCIDENT_ROWS = 50;

    /** Team leads and administrators. */
    public boolean isForCurrentUser() {
        return currentUser.isInAny(Groups.TEAM_LEADS, Groups.ADMINS);
    }

    @Transactional(readOnly = true)
    public Dashboard build() {
        return build(ATTENTION_ROWS, INCIDENT_ROWS);
    }

    /**
     * The counts per step and per handler are of every open task of the handlers; only the rows shown are made into
     * rows with their case's reference (one look-up per thousand tasks, not one statement with every case).
     */
    Dashboard build(int attentionRows, int incidentRows) {
        requireTeamLead();
        Instant now = Instant.now();
        Map<String, BpmnModelInstance> models = new HashMap<>();
        Map<String, int[]> steps = new TreeMap<>();
        Map<String, int[]> handlers = new TreeMap<>();
        List<Task> attention = new ArrayList<>();
        int attentionTotal = 0;
        java.util.Set<String> handlerTaskIds = new java.util.HashSet<>();
        for (Task task : taskService.createTaskQuery().taskCandidateGroupIn(List.copyOf(handlerGroups.ids()))
                .includeAssignedTasks().orderByDueDate().asc().list()) {
            handlerTaskIds.add(task.getId());
            TrafficLight light = overview.light(task, now);
            count(steps.computeIfAbsent(overview.stepName(task, models), s -> new int[3]), light);
            count(handlers.computeIfAbsent(task.getAssignee() == null ? UNASSIGNED : task.getAssignee(), h -> new int[3]), light);
            if (needsAttention(light) && attentionTotal++ < attentionRows) {
                attention.add(task);
            }
        }
        List<Task> beyond = new ArrayList<>();
        int beyondTotal = 0;
        for (Task task : taskService.createTaskQuery().taskCandidateGroupIn(List.of(Groups.DIRECTORS, Groups.TEAM_LEADS))
                .includeAssignedTasks().orderByDueDate().asc().list()) {
            if (needsAttention(overview.light(task, now)) && !handlerTaskIds.contains(task.getId()) && beyondTotal++ < attentionRows) {
                beyond.add(task);
            }
        }
        List<Incident> newest = runtimeService.createIncidentQuery().orderByIncidentTimestamp().desc().listPage(0, incidentRows);
        Map<String, String> referenceOf = nl.homepair.complaints.engine.BusinessKeys.of(runtimeService,
                newest.stream().map(Incident::getProcessInstanceId).toList());
        List<IncidentRow> incidents = newest.stream()
                .map(incident -> incident(incident, referenceOf.get(incident.getProcessInstanceId()), models)).toList();
        long incidentTotal = incidents.size() < incidentRows ? incidents.size() : runtimeService.createIncidentQuery().count();
        Map<String, Person> assignable = new TreeMap<>();
        for (String group : handlerGroups.ids()) {
            identityService.createUserQuery().memberOfGroup(group).list()
                    .forEach(user -> assignable.putIfAbsent(user.getId(), person(user)));
        }
        // whose tasks can be handed over: the handlers, a team lead who took one on, and whoever still holds a task but
        // was deleted or left the procedure's groups in Admin before the team lead could hand their work over
        Map<String, Person> holders = new TreeMap<>(assignable);
        for (String holder : handlers.keySet()) {
            if (!UNASSIGNED.equals(holder) && !holders.containsKey(holder)) {
                User user = identityService.createUserQuery().userId(holder).singleResult();
                boolean staff = user != null
                        && HandlerGroups.isMemberOfAny(identityService, holder, List.of(Groups.TEAM_LEADS, Groups.DIRECTORS));
                holders.put(holder, new Person(holder, user == null ? holder + " (bestaat niet meer)"
                        : person(user).name() + (staff ? "" : " (geen behandelaar meer)")));
            }
        }
        return new Dashboard(
                steps.entrySet().stream().map(e -> new StepCount(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList(),
                handlers.entrySet().stream().map(e -> new HandlerLoad(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList(),
                overview.rows(attention), attentionTotal, overview.rows(beyond), beyondTotal, incidents, incidentTotal,
                List.copyOf(assignable.values()), List.copyOf(holders.values()), List.copyOf(handlerGroups.ids()));
    }

    private static boolean needsAttention(TrafficLight light) {
        return light == TrafficLight.LATE || light == TrafficLight.DUE_SOON;
    }

    /**
     * Gives a handlers' task to another handler, or to nobody (back to the group). The
     * engine checks the team lead's own authorizations; the case's timeline records it.
     *
     * @return the name of the handler it went to, empty when it went back to the group
     */
    @Transactional
    public Optional<String> reassign(String taskId, String assignee) {
        requireTeamLead();
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw CaseRefused.notFound("Deze taak is al afgerond of bestaat niet.");
        }
        List<String> groups = handlerGroups.ofTask(taskService.getIdentityLinksForTask(taskId));
        if (groups.isEmpty()) {
            throw CaseRefused.notAllowed("Alleen taken van klachtbehandelaars kunnen hier worden toegewezen.");
        }
        String to = assignee == null || assignee.isBlank() ? null : assignee;
        if (to != null && !HandlerGroups.isMemberOfAny(identityService, to, groups)) {
            throw CaseRefused.notAllowed(to + " is geen klachtbehandelaar van " + (groups.size() == 1 ? "de groep " : "de groepen ")
                    + String.join(", ", groups) + ", die deze taak heeft.");
        }
        String actor = currentUser.id().orElseThrow();
        identityService.setAuthentication(actor, identityService.createGroupQuery().groupMember(actor).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            taskService.setAssignee(taskId, to);
        } finally {
            identityService.clearAuthentication();
        }
        String reference = overview.referenceOf(task.getProcessInstanceId());
        if (reference != null) {
            String step = overview.stepName(task, new java.util.HashMap<>());
            // who held it before, as Tasklist's own line says: a step that lay late with one handler and went to another
            String before = task.getAssignee() == null ? "" : " (was: " + task.getAssignee() + ")";
            complaints.findByReference(reference).ifPresent(c -> timeline.record(c, TimelineEventType.NOTE, actor,
                    "Taak \"" + step + "\" " + (to == null ? "teruggezet naar de groep" : "toegewezen aan " + to) + before));
        }
        return Optional.ofNullable(to).map(id -> Optional.ofNullable(identityService.createUserQuery().userId(id).singleResult())
                .map(user -> person(user).name()).orElse(id));
    }

    /**
     * Everything a handler holds, given to a colleague or back to the group in one go: someone who left, or is away for
     * longer than their cases can wait. Each task as {@link #reassign} gives it (the same checks, a line on each case's
     * timeline), in one transaction; and their cases' next steps no longer go to them by themselves (the case's handler,
     * {@code caseHandler}, becomes the colleague, or nobody). Tasks of team leads or the board stay (they go to
     * someone of that group, in Tasklist), and are counted. With a {@code group}, only that team's tasks and cases go
     * (someone who moves from one team to another keeps the other's).
     */
    @Transactional
    public HandOver handOver(String from, String to, String group) {
        requireTeamLead();
        String leaver = from == null ? "" : from.strip();
        String colleague = to == null || to.isBlank() ? null : to.strip();
        if (leaver.isEmpty()) {
            throw CaseRefused.notNow("Kies van wie de taken zijn.");
        }
        if (leaver.equals(colleague)) {
            throw CaseRefused.notNow("Kies een andere collega dan " + leaver + ", of zet de taken terug naar de groep.");
        }
        String team = group == null || group.isBlank() ? null : group.strip();
        if (team != null && !handlerGroups.includes(team)) {
            throw CaseRefused.notNow(team + " is geen groep van klachtbehandelaars; kies een groep uit de lijst.");
        }
        List<Task> held = taskService.createTaskQuery().taskAssignee(leaver).list();
        // each handlers' task with its groups, read once; with a team, only that team's
        Map<Task, List<String>> tasks = new java.util.LinkedHashMap<>();
        int otherTeams = 0;
        for (Task task : held) {
            List<String> groups = handlerGroups.ofTask(taskService.getIdentityLinksForTask(task.getId()));
            if (!groups.isEmpty() && (team == null || groups.contains(team))) {
                tasks.put(task, groups);
            } else if (!groups.isEmpty()) {
                otherTeams++;
            }
        }
        // all checked before any moves: a colleague outside a task's group is named with every such case at once
        if (colleague != null) {
            List<String> outside = new ArrayList<>();
            for (Map.Entry<Task, List<String>> entry : tasks.entrySet()) {
                Task task = entry.getKey();
                List<String> groups = entry.getValue();
                if (!HandlerGroups.isMemberOfAny(identityService, colleague, groups)) {
                    String reference = overview.referenceOf(task.getProcessInstanceId());
                    outside.add((reference == null ? "een taak" : reference) + " (" + String.join(", ", groups) + ")");
                }
            }
            if (!outside.isEmpty()) {
                throw CaseRefused.notAllowed(colleague + " hoort niet bij de groep van " + String.join(", ", outside)
                        + ". Niets is overgedragen: kies een collega uit die groep, of zet de taken terug naar de groep.");
            }
        }
        // the leaver's cases as they are before the tasks move (a task given to someone makes them its case's handler)
        var cases = runtimeService.createProcessInstanceQuery()
                .variableValueEquals(nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, leaver);
        if (team != null) {
            cases.variableValueEquals(HANDLER_GROUP, team);
        }
        var leaversCases = cases.list();
        for (Task task : tasks.keySet()) {
            reassign(task.getId(), colleague);
        }
        String actor = currentUser.id().orElse(nl.homepair.complaints.complaint.CaseTimeline.SYSTEM);
        for (var process : leaversCases) {
            if (colleague == null) {
                runtimeService.removeVariable(process.getId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER);
            } else {
                runtimeService.setVariable(process.getId(), nl.homepair.complaints.tasklist.CaseHandler.VAR_CASE_HANDLER, colleague);
            }
            // whose the case's next steps are, also on a case where the leaver held no open task (R14)
            complaints.findByReference(process.getBusinessKey()).ifPresent(c -> timeline.recordAboutOthers(c,
                    TimelineEventType.NOTE, actor, "Behandelaar van de zaak: " + (colleague == null
                            ? "geen (de volgende stappen gaan naar de groep)" : colleague) + " (was: " + leaver
                            + "), bij de overdracht van het werk van " + leaver + "."));
        }
        return new HandOver(tasks.size(), held.size() - tasks.size() - otherTeams, otherTeams);
    }

    /** The variable the routing table sets: the group of handlers a case goes to. */
    static final String HANDLER_GROUP = "handlerGroup";

    /**
     * What a hand-over did: the handlers' tasks moved, the tasks of team leads or the board that stayed, and those of
     * other teams that stayed (a hand-over of one team's).
     */
    public record HandOver(int moved, int kept, int otherTeams) {

        /** With the tasks a second round moved (those it kept were counted by the first). */
        HandOver and(HandOver late) {
            return new HandOver(moved + late.moved(), kept, otherTeams);
        }
    }

    /**
     * The handlers' tasks {@code from} holds after a {@link #handOver} committed: a step of one of their cases that ran
     * while the hand-over did read the case's handler before it changed and gave its new task to them. Moved as the
     * hand-over moves them; nothing when there are none. A step whose transaction is still running at this moment is not
     * caught (a window of the length of one step, against the seconds a hand-over of many tasks takes).
     */
    @Transactional
    public HandOver handOverLateTasks(String from, String to, String group) {
        if (from == null || from.isBlank() || taskService.createTaskQuery().taskAssignee(from.strip()).count() == 0) {
            return new HandOver(0, 0, 0);
        }
        return handOver(from, to, group);
    }

    private void requireTeamLead() {
        if (!isForCurrentUser()) {
            throw CaseRefused.notAllowed("Alleen teamleiders zien het teamoverzicht.");
        }
    }

    private static void count(int[] counts, TrafficLight light) {
        counts[0]++;
        if (light == TrafficLight.DUE_SOON) {
            counts[1]++;
        } else if (light == TrafficLight.LATE) {
            counts[2]++;
        }
    }

    /** An incident as the team lead reads it: the case, the step by its Dutch name in the model, the cause. */
    private IncidentRow incident(Incident incident, String reference, Map<String, BpmnModelInstance> models) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        return new IncidentRow(reference,
                overview.stepName(incident.getProcessDefinitionId(), incident.getActivityId(), incident.getActivityId(), models),
                incident.getIncidentType(), PlainText.shortened(message, 200),
                DutchDates.moment(incident.getIncidentTimestamp().toInstant()));
    }

    private static Person person(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return new Person(user.getId(), name.isEmpty() ? user.getId() : name);
    }
}
