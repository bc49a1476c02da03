package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The groups a case's tasks were given to (R12, §5 of the procedure: only staff involved in handling a
 * complaint see it). Whenever the engine makes a task of a case with candidate groups, in whatever
 * model and whichever version, those groups are recorded with the case, in the engine's transaction;
 * a member of a group of handlers then sees the cases of their group ({@link CaseAccess}). A case
 * keeps the groups it had: the team that assessed it still reads it when the handlers judge an
 * objection to it.
 */
@Component
public class CaseGroups {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public CaseGroups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A task made (or changed: a group added by hand) for a case: its candidate groups become the case's. */
    @EventListener(condition = "#task.eventName == 'create' or #task.eventName == 'update'")
    public void given(DelegateTask task) {
        if (!(task.getVariable(VAR_COMPLAINT_ID) instanceof Long complaintId)) {
            return;
        }
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).distinct().toList();
        if (groups.isEmpty()) {
            return;
        }
        Set<String> known = of(complaintId);
        for (String group : groups) {
            if (!known.contains(group)) {
                record(complaintId, group);
            }
        }
    }

    /**
     * Once, also when another node records the same group of the same case at the same moment (two objections to the
     * board at once): PostgreSQL leaves the row to the first without failing the engine's transaction, which after a
     * failed statement would take nothing more; H2 refuses the second, and its transaction goes on.
     */
    public void record(long complaintId, String group) {
        String insert = "insert into case_group (complaint_id, group_id) select c.id, ? from complaint c where c.id = ?";
        if (postgres()) {
            jdbc.update(insert + " on conflict do nothing", group, complaintId);
            return;
        }
        try {
            jdbc.update(insert, group, complaintId);
        } catch (DuplicateKeyException recordedMeanwhile) {
            // the other transaction's row says the same
        }
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())));
        }
        return postgres;
    }

    /** The groups recorded for the case; none before its first task. */
    public Set<String> of(long complaintId) {
        return new TreeSet<>(jdbc.queryForList("select group_id from case_group where complaint_id = ?", String.class,
                complaintId));
    }

    /**
     * Whether a member of these groups of handlers works on the case: one of them was given a task of it,
     * or no group was yet (a case whose first step has not run is the whole team's).
     */
    public boolean involves(long complaintId, Collection<String> handlerGroups) {
        Set<String> recorded = of(complaintId);
        return recorded.isEmpty() || handlerGroups.stream().anyMatch(recorded::contains);
    }

    /** The same as {@link #involves} as a JPQL condition on a {@code Complaint c}, with the groups as {@code :handlerGroups}. */
    public static final String INVOLVES_JPQL = "(not exists (select 1 from CaseGroup g where g.complaintId = c.id)"
            + " or exists (select 1 from CaseGroup g where g.complaintId = c.id and g.groupId in :handlerGroups))";
}
