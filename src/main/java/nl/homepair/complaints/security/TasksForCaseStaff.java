package nl.homepair.complaints.security;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.engine.EngineLists;
import nl.homepair.complaints.engine.InternalFields;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * R12: whoever holds a case's task reads the case (the engine grants a task's assignee, owner and candidates the
 * task). A model may give tasks only to the groups that handle cases (the deploy check); at run time a handler could
 * still give one, over the engine's REST API or Tasklist, to a manager or the platform's user ({@code POST
 * task/{id}/identity-links {"groupId":"managers"}}, {@code …/assignee {"userId":"manager"}}), who then read its case.
 * A person may give a task (assignee, owner, delegate, claim, candidate user or group, also in a whole task saved with
 * {@code PUT task/{id}}) only to a group that handles cases or to someone in one, and only a team lead or administrator
 * adds a candidate user; the application's own steps are not held to this (no person in the command). Only a team lead
 * takes a group off a task: one a person added (unless the task, moved to it, would be left without the model's group
 * or another group of handlers), or the group its model gave it when another group of handlers stays; nobody sets a
 * delegation's state by saving a task.
 */
@Component
public class TasksForCaseStaff extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "Een taak van een zaak kan alleen naar een groep of persoon die zaken behandelt"
            + " (behandelaars, teamleiders, directie); managers en het platform zien de inhoud van zaken niet.";
    private static final String WHAT = "keep tasks with the staff who handle cases (security.TasksForCaseStaff)";
    private static final Field LINK_USER = InternalFields.of(AbstractAddIdentityLinkCmd.class, "userId", WHAT);
    private static final Field LINK_GROUP = InternalFields.of(AbstractAddIdentityLinkCmd.class, "groupId", WHAT);
    private static final Field CLAIM_USER = InternalFields.of(ClaimTaskCmd.class, "userId", WHAT);
    private static final Field DELEGATE_USER = InternalFields.of(DelegateTaskCmd.class, "userId", WHAT);
    private static final Field LINK_TYPE = InternalFields.of(AbstractAddIdentityLinkCmd.class, "type", WHAT);
    private static final Field SAVED_TASK = InternalFields.of(SaveTaskCmd.class, "task", WHAT);
    private static final Field REMOVED_GROUP = InternalFields.of(DeleteIdentityLinkCmd.class, "groupId", WHAT);
    private static final Field REMOVED_FROM = InternalFields.of(DeleteIdentityLinkCmd.class, "taskId", WHAT);

    /**
     * A task without the group its model gave it drops out of that group's lists (the team leads' late-tasks filter, the
     * board's objections), off the team overview and out of a hand-over, and its alerts lose the team's mailbox: it waits
     * until it escalates. Another group of handlers may take it over; the board's and the team leads' tasks stay theirs.
     */
    static final String LAST_GROUP_REFUSAL = "Deze groep kreeg de taak van de klachtenprocedure: een andere groep"
            + " behandelaars kan hem overnemen (voeg die eerst toe, haal dan pas deze groep weg); een taak van de directie"
            + " of de teamleiders blijft bij die groep.";
    static final String MOVED_GROUP_REFUSAL = "De taak is naar deze groep verplaatst en staat bij geen andere groep"
            + " behandelaars meer: voeg eerst de groep toe die hem overneemt, haal dan pas deze groep weg.";
    static final String GROUP_REMOVAL_REFUSAL = "Alleen een teamleider haalt een groep van een taak; geef de taak anders"
            + " aan een collega (toewijzen) of laat hem terug in de groep (vrijgeven).";
    static final String DELEGATION_REFUSAL = "Delegeren doe je met 'Delegeren' in Tasklist (de taak gaat dan naar een"
            + " collega en komt bij jou terug); de stand van een delegatie zet een persoon niet zelf.";

    static final String CANDIDATE_REFUSAL = "Alleen een teamleider kan iemand als kandidaat (of als eigenaar of andere"
            + " betrokkene) aan een taak toevoegen; geef de taak anders aan een collega (toewijzen).";

    private final ObjectProvider<HandlerGroups> handlerGroups;

    public TasksForCaseStaff(ObjectProvider<HandlerGroups> handlerGroups) {
        this.handlerGroups = handlerGroups;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPostCommandInterceptorsTxRequired(),
                configuration::setCustomPostCommandInterceptorsTxRequired, new Guard());
    }

    /** The groups whose members may hold a case's task. */
    private Set<String> caseGroups() {
        Set<String> groups = new HashSet<>(handlerGroups.getObject().ids());
        groups.addAll(Set.of(Groups.TEAM_LEADS, Groups.DIRECTORS, Groups.ADMINS));
        return groups;
    }

    /**
     * The engine gives a task to whom its model says when it makes it: a candidate group or an assignee the deploy check
     * could not read (a computed expression, a mapping or a listener that sets the routing variable, a model deployed
     * before the check knew the form) would open the case to a manager or the platform, who then read it and could
     * decide it. Refused when the task is made: the step that made it rolls back (a job becomes an incident with this
     * message, a person's completion is refused), so nobody outside the case's staff ever holds it.
     */
    @EventListener(condition = "#task.eventName == 'create'")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void refuseATaskForOthersThanCaseStaff(DelegateTask task) {
        Set<String> allowed = caseGroups();
        for (IdentityLink link : task.getCandidates()) {
            if (link.getGroupId() != null && !allowed.contains(link.getGroupId())
                    && !handlerGroups.getObject().givenCases(link.getGroupId())) {
                throw notForCaseStaff(task, "groep '" + link.getGroupId() + "'");
            }
            if (link.getUserId() != null && !memberOfCaseGroups(link.getUserId())) {
                throw notForCaseStaff(task, "'" + link.getUserId() + "'");
            }
        }
        if (task.getAssignee() != null && !memberOfCaseGroups(task.getAssignee())) {
            throw notForCaseStaff(task, "'" + task.getAssignee() + "'");
        }
    }

    private static ProcessEngineException notForCaseStaff(DelegateTask task, String who) {
        String reference = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        return new ProcessEngineException("De taak '" + task.getName() + "' (" + task.getTaskDefinitionKey() + ")"
                + (reference == null ? "" : " van zaak " + reference) + " gaat volgens het model naar " + who + ", die geen"
                + " zaken behandelt. " + REFUSAL + " Een manager past het model aan (kandidaatgroep: een groep behandelaars,"
                + " teamleads of directors) en zet de zaak over naar die versie; daarna kan de stap opnieuw.");
    }

    private boolean memberOfCaseGroups(String user) {
        Set<String> allowed = caseGroups();
        CommandContext context = Context.getCommandContext();
        return context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getIdentityService()
                .createGroupQuery().groupMember(user).list().stream().map(Group::getId).anyMatch(allowed::contains));
    }

    private final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            CommandContext context = Context.getCommandContext();
            if (context != null && context.getAuthenticatedUserId() != null) {
                String group = null;
                String user = null;
                if (command instanceof AbstractAddIdentityLinkCmd) {
                    group = (String) read(LINK_GROUP, command);
                    user = (String) read(LINK_USER, command);
                    if (user != null && !IdentityLinkType.ASSIGNEE.equals(read(LINK_TYPE, command))
                            && !isTeamLeadOrAdmin(context)) {
                        // a user link of any type but assignee (candidate, owner, a type of one's own) gives the
                        // engine's grant on the task, which stays when the task passes to someone else: a handler who
                        // gave themselves one would keep reading the case after a hand-over or a move to another team
                        throw new RefusedChange(CANDIDATE_REFUSAL);
                    }
                } else if (command instanceof DeleteIdentityLinkCmd && read(REMOVED_GROUP, command) != null) {
                    refuseRemovingTheLastCaseGroup(context, (String) read(REMOVED_FROM, command),
                            (String) read(REMOVED_GROUP, command));
                } else if (command instanceof SaveTaskCmd) {
                    // PUT task/{id}: the whole task, its assignee and owner among its fields, given as a person wants
                    TaskEntity saved = (TaskEntity) read(SAVED_TASK, command);
                    PropertyChange delegation = saved == null || saved.getRevision() == 0 ? null
                            : saved.getPropertyChanges().get(TaskEntity.DELEGATION);
                    if (delegation != null && !java.util.Objects.equals(delegation.getOrgValue(), delegation.getNewValue())) {
                        // "pending" without delegating: the next "Voltooien" only hands the task back, to nobody
                        throw new RefusedChange(DELEGATION_REFUSAL);
                    }
                    user = changedUser(saved, TaskEntity.ASSIGNEE);
                    String owner = changedUser(saved, TaskEntity.OWNER);
                    if (owner != null && !memberOfCaseGroups(owner)) {
                        throw new RefusedChange(REFUSAL);
                    }
                    if (owner != null && !isTeamLeadOrAdmin(context)) {
                        // an owner holds the task's grant as a candidate user does (delegating sets the owner itself)
                        throw new RefusedChange(CANDIDATE_REFUSAL);
                    }
                } else if (command instanceof ClaimTaskCmd) {
                    user = (String) read(CLAIM_USER, command);
                } else if (command instanceof DelegateTaskCmd) {
                    user = (String) read(DELEGATE_USER, command);
                }
                if (group != null && !caseGroups().contains(group)) {
                    throw new RefusedChange(REFUSAL);
                }
                if (user != null && !memberOfCaseGroups(user)) {
                    throw new RefusedChange(REFUSAL);
                }
            }
            return next.execute(command);
        }

        /**
         * Only a team lead (or an administrator) takes a group off a case's task. A group a person added goes again; the
         * group the task's model gave it only when another group of handlers stays to take the task over.
         */
        private void refuseRemovingTheLastCaseGroup(CommandContext context, String taskId, String group) {
            if (!isTeamLeadOrAdmin(context)) {
                throw new RefusedChange(GROUP_REMOVAL_REFUSAL);
            }
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            if (task == null || task.getProcessInstanceId() == null) {
                return; // the engine answers a task that is gone; a task of no case holds no case
            }
            Set<String> model = modelGroups(task);
            List<String> staying = task.getCandidates().stream().map(IdentityLink::getGroupId)
                    .filter(other -> other != null && !other.equals(group)).toList();
            if (!model.contains(group)) {
                // a group a person added goes again, but not when it alone holds a task moved to it from the model's group
                if (staying.stream().noneMatch(other -> model.contains(other) || handlerGroup(other))) {
                    throw new RefusedChange(MOVED_GROUP_REFUSAL);
                }
                return;
            }
            if (!handlerGroup(group) || staying.stream().noneMatch(this::handlerGroup)) {
                throw new RefusedChange(LAST_GROUP_REFUSAL);
            }
        }

        private boolean handlerGroup(String group) {
            return handlerGroups.getObject().givenCases(group);
        }

        /** The groups the task's model gives it ({@code camunda:candidateGroups}, evaluated for its case). */
        private Set<String> modelGroups(TaskEntity task) {
            Set<String> groups = new HashSet<>();
            if (task.getTaskDefinition() == null) {
                return groups;
            }
            for (org.camunda.bpm.engine.delegate.Expression expression : task.getTaskDefinition().getCandidateGroupIdExpressions()) {
                Object value = expression.getValue(task.getExecution());
                if (value != null) {
                    for (String id : value.toString().split(",")) {
                        groups.add(id.strip());
                    }
                }
            }
            return groups;
        }

        /** The user a saved task is given to in this property, when it changes (or the task is new); else null. */
        private String changedUser(TaskEntity task, String property) {
            if (task == null) {
                return null;
            }
            if (task.getRevision() == 0) {
                return TaskEntity.ASSIGNEE.equals(property) ? task.getAssignee() : task.getOwner();
            }
            PropertyChange change = task.getPropertyChanges().get(property);
            return change == null || change.getNewValue() == null ? null : change.getNewValue().toString();
        }

        private boolean isTeamLeadOrAdmin(CommandContext context) {
            List<String> groups = context.getAuthentication() == null ? null : context.getAuthentication().getGroupIds();
            return groups != null && (groups.contains(Groups.TEAM_LEADS) || groups.contains(Groups.ADMINS));
        }
    }

    private static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
