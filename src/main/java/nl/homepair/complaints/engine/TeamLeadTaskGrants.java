package nl.homepair.complaints.engine;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A team lead may give any handlers' task (of any {@link HandlerGroups group of handlers}) to another handler (R11: a task that lapses must be
 * picked up). For the procedure's own tasks the team leads' grant on its definition does that;
 * the handlers' tasks of the other processes (revising a decision after the board upheld an
 * objection, a mail to handle by hand) are outside it, as the board's own review must stay
 * the directors'. Such a task therefore gets a grant of its own for the team leads when the
 * engine makes it for the handlers: read it and its variables, and assign it (not work it).
 * {@link #grantOpenTasks} gives the same to the tasks that were open before.
 */
@Component
public class TeamLeadTaskGrants extends AbstractProcessEnginePlugin {

    static final Permission[] PERMISSIONS = {Permissions.READ, TaskPermissions.READ_VARIABLE, TaskPermissions.TASK_ASSIGN};

    /** Read when a task is made, after the engine started: the groups are read from its deployments. */
    private final ObjectProvider<HandlerGroups> handlerGroups;

    public TeamLeadTaskGrants(ObjectProvider<HandlerGroups> handlerGroups) {
        this.handlerGroups = handlerGroups;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider(group -> {
            HandlerGroups groups = handlerGroups.getIfAvailable();
            return groups == null ? Groups.HANDLERS.equals(group) : groups.includes(group);
        }));
    }

    /** A handlers' task that the team leads' grants on its definition do not cover. */
    static boolean needsOwnGrant(String processDefinitionId) {
        return processDefinitionId != null && !processDefinitionId.startsWith(ComplaintProcess.PROCESS_KEY + ":");
    }

    /** Once per start: the open handlers' tasks made before this grant existed get it too. */
    static int grantOpenTasks(TaskService tasks, AuthorizationService authorizations, HandlerGroups handlerGroups) {
        int granted = 0;
        for (Task task : tasks.createTaskQuery().taskCandidateGroupIn(List.copyOf(handlerGroups.ids())).includeAssignedTasks()
                .list()) {
            if (!needsOwnGrant(task.getProcessDefinitionId()) || authorizations.createAuthorizationQuery()
                    .groupIdIn(Groups.TEAM_LEADS).resourceType(Resources.TASK).resourceId(task.getId()).count() > 0) {
                continue;
            }
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(Groups.TEAM_LEADS);
            grant.setResource(Resources.TASK);
            grant.setResourceId(task.getId());
            Arrays.stream(PERMISSIONS).forEach(grant::addPermission);
            authorizations.saveAuthorization(grant);
            granted++;
        }
        return granted;
    }

    static final class Provider extends DefaultAuthorizationProvider {

        private final Predicate<String> handlers;

        Provider(Predicate<String> handlers) {
            this.handlers = handlers;
        }

        /**
         * R12: the engine grants a task's new assignee the task (read it, its variables, work it) and never takes that
         * grant back, so whoever once held a task kept it after a team lead handed it over, after they moved to
         * another team or left: they could still read and complete it over the REST API. The earlier holder's own
         * grant on the task goes when it passes to someone else or back to the group, unless they hold the task in
         * another way (its owner while they delegated it, a candidate user, a team lead's link of another type). Their
         * groups' grants are untouched, and
         * so is a revocation an administrator set for them on the task; the history of what they worked on stays theirs
         * to read, as the engine gives it. The row itself is deleted (not a bulk delete, which the engine would run after
         * this command's updates): a task given back to them in the same command keeps the grant it then gets.
         */
        @Override
        public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
            boolean delegatedByThem = oldAssignee != null && oldAssignee.equals(task.getOwner())
                    && task.getDelegationState() == DelegationState.PENDING;
            if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !delegatedByThem
                    && !hasAnotherLink(task, oldAssignee, IdentityLinkType.ASSIGNEE)) {
                revokeOwnGrant(task, oldAssignee);
            }
            return super.newTaskAssignee(task, oldAssignee, newAssignee);
        }

        /**
         * A candidate user (or a user linked by a type of a team lead's own) taken off the task loses the task's grant
         * the link gave them (the engine keeps it), unless they hold the task as its assignee or owner, or by another link.
         */
        @Override
        public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String identityLinkType) {
            if (userId != null && !IdentityLinkType.ASSIGNEE.equals(identityLinkType) && !IdentityLinkType.OWNER.equals(identityLinkType)
                    && !userId.equals(task.getAssignee()) && !hasAnotherLink(task, userId, identityLinkType)
                    && !userId.equals(task.getOwner())) {
                revokeOwnGrant(task, userId);
            }
            return super.deleteTaskUserIdentityLink(task, userId, identityLinkType);
        }

        private static void revokeOwnGrant(Task task, String user) {
            // the engine's own bookkeeping, as its grant to the new holder: not the caller's right to delete grants
            Context.getCommandContext().<Void>runWithoutAuthorization(() -> {
                AuthorizationManager authorizations = Context.getCommandContext().getAuthorizationManager();
                AuthorizationEntity grant = authorizations.findAuthorizationByUserIdAndResourceId(
                        Authorization.AUTH_TYPE_GRANT, user, Resources.TASK, task.getId());
                if (grant != null) {
                    authorizations.delete(grant);
                }
                return null;
            });
        }

        /** Whether the user keeps a user link of another type on the task (the engine's grant is one row for them all). */
        private static boolean hasAnotherLink(Task task, String user, String removedType) {
            return task instanceof TaskEntity entity && entity.getIdentityLinks().stream()
                    .anyMatch(link -> user.equals(link.getUserId()) && !removedType.equals(link.getType()));
        }

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String identityLinkType) {
            AuthorizationEntity[] own = super.newTaskGroupIdentityLink(task, groupId, identityLinkType);
            if (!handlers.test(groupId) || !IdentityLinkType.CANDIDATE.equals(identityLinkType)
                    || !needsOwnGrant(task.getProcessDefinitionId())) {
                return own;
            }
            AuthorizationEntity teamLeads = createOrUpdateAuthorization(task, null, Groups.TEAM_LEADS, Resources.TASK, false,
                    PERMISSIONS);
            return Stream.concat(own == null ? Stream.empty() : Arrays.stream(own), Stream.of(teamLeads))
                    .toArray(AuthorizationEntity[]::new);
        }
    }
}
