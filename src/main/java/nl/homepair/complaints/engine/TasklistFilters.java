package nl.homepair.complaints.engine;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The saved Tasklist filters of each group (R15), created at start-up and brought up to
 * date at every start, so that a changed query here reaches every database. Each is
 * sorted by due date (Tasklist's list follows the address's sorting, which
 * homepair-tasklist.js sets to the deadline), counts its tasks, and is readable by the groups named below
 * ({@link AuthorizationSetup}). A filter is found by its name; a person's own filters
 * with other names are left alone.
 */
@Component
public class TasklistFilters {

    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

    public static final String MY_TASKS = "Mijn taken";
    public static final String GROUP_TASKS = "Groepstaken";
    public static final String UNASSIGNED = "Niet toegewezen";
    public static final String DUE_SOON = "Verloopt vandaag of volgende werkdag";
    public static final String LATE = "Te laat";
    public static final String OBJECTIONS = "Bezwaren voor de directie";
    public static final String TEAM_LATE = "Alles te laat in het team";

    /** Names of earlier versions, renamed on start-up so that nobody keeps a stale copy. */
    static final Map<String, String> FORMER_NAMES = Map.of("Taken van mijn groepen", GROUP_TASKS,
            // on a Friday it lists Monday's tasks: "morgen" told a handler the weekend was safe
            "Verloopt vandaag of morgen", DUE_SOON);

    private static final Set<String> WORKERS = Set.of(Groups.HANDLERS, Groups.TEAM_LEADS, Groups.DIRECTORS);

    /** One saved filter: its place in the list, who reads it, and its query. */
    record Definition(String name, String description, Set<String> groups, TaskQuery query) {
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final WorkingDayCalendar calendar;
    private final ClusterLeases leases;
    private final HandlerGroups handlerGroups;

    public TasklistFilters(FilterService filterService, TaskService taskService, WorkingDayCalendar calendar,
                           ClusterLeases leases, HandlerGroups handlerGroups) {
        this.leases = leases;
        this.handlerGroups = handlerGroups;
        this.filterService = filterService;
        this.taskService = taskService;
        this.calendar = calendar;
    }

    /** Creates or updates every filter; answers the filter id per group that may read it. */
    public Map<String, List<String>> ensureAll() {
        FORMER_NAMES.forEach(this::rename);
        Map<String, List<String>> readable = new LinkedHashMap<>();
        List<Definition> definitions = definitions(Instant.now());
        for (int i = 0; i < definitions.size(); i++) {
            Definition definition = definitions.get(i);
            String id = save(definition, i + 1);
            definition.groups().forEach(group -> readable.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add(id));
        }
        return readable;
    }

    /**
     * "Verloopt vandaag of volgende werkdag" holds a fixed moment, the first one after the next working day,
     * which no filter expression can compute; it is set again every night.
     */
    @Scheduled(cron = "${homepair.tasklist.due-soon-cron:0 0 0 * * *}", zone = DutchDates.ZONE_ID)
    public void moveDueSoonToToday() {
        // every node runs this at midnight: one after the other, not over each other's saves
        leases.lease(IdentitySetup.LEASE, IdentitySetup.LEASE_DURATION).runExclusively(IdentitySetup.LEASE_WAIT, this::ensureAll);
    }

    List<Definition> definitions(Instant now) {
        return List.of(
                new Definition(MY_TASKS, "Taken die aan mij zijn toegewezen, de eerste deadline bovenaan", WORKERS,
                        sorted(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"))),
                new Definition(GROUP_TASKS, "Alle taken van mijn groepen, toegewezen of niet", WORKERS,
                        sorted(ofMyGroups().includeAssignedTasks())),
                new Definition(UNASSIGNED, "Taken van mijn groepen die nog niemand heeft opgepakt", WORKERS,
                        sorted(ofMyGroups().taskUnassigned())),
                new Definition(DUE_SOON, "Taken van mijn groepen en aan mij toegewezen taken met een deadline vandaag of de"
                        + " volgende werkdag", WORKERS,
                        sorted(ofMyGroupsOrMine().dueAfterExpression("${now()}").dueBefore(dueSoonBefore(now)))),
                new Definition(LATE, "Taken van mijn groepen en aan mij toegewezen taken waarvan de deadline voorbij is", WORKERS,
                        sorted(ofMyGroupsOrMine().dueBeforeExpression("${now()}"))),
                new Definition(OBJECTIONS, "Bezwaren die de directie beoordeelt", Set.of(Groups.DIRECTORS, Groups.TEAM_LEADS),
                        sorted(taskService.createTaskQuery().taskCandidateGroup(Groups.DIRECTORS).includeAssignedTasks())),
                new Definition(TEAM_LATE, "Elke taak van de behandelaars waarvan de deadline voorbij is; opnieuw toewijzen kan hier",
                        Set.of(Groups.TEAM_LEADS),
                        sorted(taskService.createTaskQuery().taskCandidateGroupIn(List.copyOf(handlerGroups.ids()))
                                .includeAssignedTasks().dueBeforeExpression("${now()}"))));
    }

    /** The end of today if it is a working day, else of the next one; then of the working day after it. */
    Date dueSoonBefore(Instant now) {
        return Date.from(calendar.afterNextWorkingDay(now));
    }

    private TaskQuery ofMyGroups() {
        return taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}");
    }

    /**
     * The tasks of my groups, assigned or not, and those assigned to me that are not of my groups: a task a team lead
     * took on from the handlers, or one a handler still holds after moving to another team (until it is handed over).
     * The lists of what is due are where a person looks first; a task they hold belongs there.
     */
    private TaskQuery ofMyGroupsOrMine() {
        return taskService.createTaskQuery().or()
                .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                .taskAssigneeExpression("${currentUser()}")
                .endOr();
    }

    private static TaskQuery sorted(TaskQuery query) {
        return query.orderByDueDate().asc();
    }

    /**
     * The shared filter of that name; copies that two nodes once created side by side (before the
     * set-up ran under a lease) are deleted, so that Tasklist lists each filter once. Only filters
     * without an owner are the application's: a filter a person saved in Tasklist under the same
     * name ("Te laat", for their own cases) is theirs, and is neither overwritten nor deleted.
     */
    private Filter single(String name) {
        List<Filter> found = filterService.createFilterQuery().filterName(name).orderByFilterId().asc().list().stream()
                .filter(filter -> filter.getOwner() == null).toList();
        found.stream().skip(1).forEach(copy -> {
            log.info("Deleted a copy of the Tasklist filter '{}' (id {})", name, copy.getId());
            filterService.deleteFilter(copy.getId());
        });
        return found.isEmpty() ? null : found.get(0);
    }

    private void rename(String former, String current) {
        Filter old = single(former);
        if (old == null) {
            return;
        }
        if (single(current) == null) {
            filterService.saveFilter(old.setName(current));
        } else {
            // both: an earlier build, started again (a rollback), made the former one anew; it is no longer kept up to date
            log.info("Deleted the Tasklist filter '{}' (id {}), now '{}'", former, old.getId(), current);
            filterService.deleteFilter(old.getId());
        }
    }

    private String save(Definition definition, int position) {
        Filter filter = single(definition.name());
        if (filter == null) {
            filter = filterService.newTaskFilter(definition.name());
        }
        filter.setQuery(definition.query());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", position);
        // Tasklist reloads the chosen filter's list every 10 s, and with it every filter's count
        // (Tasklist itself counts only the chosen filter, whatever the properties say; the counts
        // of the others come from app/tasklist/scripts/homepair-tasklist.js)
        properties.put("refresh", true);
        properties.put("description", definition.description());
        filter.setProperties(properties);
        return filterService.saveFilter(filter).getId();
    }
}
