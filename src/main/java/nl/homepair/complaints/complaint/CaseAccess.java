package nl.homepair.complaints.complaint;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The one check every staff door to a case goes through: who may see it, and does it exist. */
@Component
public class CaseAccess {

    private final ComplaintRepository complaints;
    private final CurrentUser currentUser;
    private final HandlerGroups handlerGroups;
    private final CaseGroups caseGroups;
    private final TaskService tasks;
    private final RuntimeService runtime;

    public CaseAccess(ComplaintRepository complaints, CurrentUser currentUser, HandlerGroups handlerGroups,
                      CaseGroups caseGroups, TaskService tasks, RuntimeService runtime) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.complaints = complaints;
        this.currentUser = currentUser;
        this.handlerGroups = handlerGroups;
        this.caseGroups = caseGroups;
    }

    /**
     * The case for staff involved in handling it (R12, §5): team leads and administrators see every case,
     * a member of a {@link HandlerGroups group of handlers} the cases a task of which was given to their group
     * ({@link CaseGroups}), directors the cases with an objection to the board; anyone else is refused, as is
     * an unknown reference.
     */
    public Complaint forStaff(String reference) {
        Scope scope = staffScope();
        Complaint complaint = find(reference);
        if (!includes(scope, complaint)) {
            throw CaseRefused.notAllowed(scope.handlerGroups().isEmpty()
                    ? "De directie ziet alleen zaken waartegen bezwaar is gemaakt."
                    : OTHER_TEAM);
        }
        return complaint;
    }

    /**
     * The case for staff who do the casework on it ({@link #forStaff}), not a director: the board reviews objections
     * and reads the case for that, it does not act for the complainant or change the case (R12). A director who could
     * change the complainant's address could send the decision, and every later mail, elsewhere.
     */
    public Complaint forCasework(String reference) {
        Complaint complaint = forStaff(reference);
        Scope scope = staffScope();
        if (!caseworkOn(scope, complaint)) {
            throw CaseRefused.notAllowed(scope.objectionsOnly() ? BOARD_READS_ONLY : OTHER_TEAM);
        }
        return complaint;
    }

    /** The Dutch refusal of casework to a director. */
    public static final String BOARD_READS_ONLY = "De directie beoordeelt bezwaren; dit doet een behandelaar of teamleider.";

    /** Whether the member of staff signed in does casework on this case ({@link #forCasework}), for pages that offer it. */
    public boolean doesCaseworkOn(Complaint complaint) {
        return scopeOf(currentUser.groups(), handlerGroups).map(scope -> caseworkOn(scope, complaint)).orElse(false);
    }

    /** The case seen without the board's view of it (a director who also handles for one team: only that team's). */
    private boolean caseworkOn(Scope scope, Complaint complaint) {
        return !scope.objectionsOnly() && includes(new Scope(scope.everyCase(), scope.handlerGroups(), false), complaint);
    }

    /**
     * Which cases a member of staff may see (R12): every case, or those of {@code handlerGroups} (the caller's
     * groups of handlers) and, with {@code objections}, those with an objection to the board.
     */
    public record Scope(boolean everyCase, Set<String> handlerGroups, boolean objections) {

        public static final Scope EVERY_CASE = new Scope(true, Set.of(), false);

        public Scope {
            handlerGroups = Set.copyOf(handlerGroups);
        }

        /** Directors only: cases with an objection to the board (the complainant's, or the affected user's against a measure). */
        public boolean objectionsOnly() {
            return !everyCase && handlerGroups.isEmpty();
        }

        static boolean hasObjection(Complaint complaint) {
            return complaint.getObjectionReceivedAt() != null || complaint.getMeasureObjectionReceivedAt() != null;
        }
    }

    /**
     * Whether a caller with this scope may see the case; a handler who was given one of its open tasks in
     * person (a team lead's choice outside the task's group) sees it too: whoever holds a case's task reads it.
     */
    public boolean includes(Scope scope, Complaint complaint) {
        return includesByGroup(scope, complaint) || !scope.handlerGroups().isEmpty() && currentUser.id()
                .filter(user -> tasks.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                        .taskAssignee(user).count() > 0).isPresent();
    }

    /** The references of the cases of which the caller holds an open task in person (see {@link #includes}). */
    public Set<String> heldReferences() {
        Optional<String> user = currentUser.id();
        if (user.isEmpty()) {
            return Set.of();
        }
        Set<String> instances = tasks.createTaskQuery().taskAssignee(user.get()).list().stream()
                .map(org.camunda.bpm.engine.task.Task::getProcessInstanceId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return instances.isEmpty() ? Set.of() : runtime.createProcessInstanceQuery().processInstanceIds(instances).list().stream()
                .map(org.camunda.bpm.engine.runtime.ProcessInstance::getBusinessKey).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /** {@link #includes} without the tasks held in person: for a caller who is known to hold the task at hand. */
    public boolean includesByGroup(Scope scope, Complaint complaint) {
        return scope.everyCase() || scope.objections() && Scope.hasObjection(complaint)
                || !scope.handlerGroups().isEmpty() && caseGroups.involves(complaint.getId(), scope.handlerGroups());
    }

    /**
     * Whether the member of staff signed in may act on this case: does its casework ({@link #doesCaseworkOn}, so not the
     * board's view of another team's case); false for anyone who is not staff. For a step inside the engine that a
     * person's form started (a letter's objection, a set-aside mail's case).
     */
    public boolean staffMayAct(Complaint complaint) {
        return doesCaseworkOn(complaint);
    }

    /** The Dutch refusal of a case that another team handles. */
    public static final String OTHER_TEAM = "Deze zaak wordt door een ander team behandeld.";

    /** The caller's {@link Scope}, for lists of cases; refused for anyone who is not staff. */
    public Scope staffScope() {
        return scopeOf(currentUser.groups(), handlerGroups)
                .orElseThrow(() -> CaseRefused.notAllowed("Alleen medewerkers kunnen klachten inzien."));
    }

    /** The {@link Scope} of a member of these groups; empty for anyone who is not staff. */
    public static Optional<Scope> scopeOf(Collection<String> groups, HandlerGroups handlerGroups) {
        if (groups.contains(Groups.TEAM_LEADS) || groups.contains(Groups.ADMINS)) {
            return Optional.of(Scope.EVERY_CASE);
        }
        Set<String> handling = groups.stream().filter(handlerGroups::includes).collect(Collectors.toSet());
        boolean directors = groups.contains(Groups.DIRECTORS);
        return handling.isEmpty() && !directors ? Optional.empty() : Optional.of(new Scope(false, handling, directors));
    }

    /**
     * The case for whoever may send something on the complainant's behalf: the platform's API user for any case,
     * staff who do the casework on the cases they may see ({@link #forCasework}): replies, objections, chat messages,
     * a withdrawal.
     */
    public Complaint forSubmitter(String reference) {
        if (currentUser.isStaff()) {
            return forCasework(reference);
        }
        if (!currentUser.isIn(Groups.PLATFORM)) {
            throw CaseRefused.notAllowed("Je mag hier niets indienen.");
        }
        return find(reference);
    }

    private Complaint find(String reference) {
        return complaints.findByReference(reference.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> CaseRefused.notFound(
                        "Er is geen klacht met referentie " + reference + "."));
    }
}
