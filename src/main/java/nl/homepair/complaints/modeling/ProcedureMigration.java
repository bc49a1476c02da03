package nl.homepair.complaints.modeling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the open cases of a process to its latest version (issue 14, item 5) with
 * Camunda's migration API: every activity maps to the one with the same id in the new
 * version, timers and messages follow the new model's definitions. Tasks keep their id,
 * assignee and due date, jobs their due date, and the process its variables. A dry run
 * migrates each case inside a transaction that is rolled back, so it reports exactly what
 * the real run would do, per case: moved, or which activity has no counterpart.
 */
@Service
public class ProcedureMigration {

    private static final Logger log = LoggerFactory.getLogger(ProcedureMigration.class);

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final DecisionService decisions;
    private final TransactionTemplate transactions;
    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;

    public ProcedureMigration(RepositoryService repository, RuntimeService runtime, DecisionService decisions,
                              PlatformTransactionManager transactionManager, ComplaintRepository complaints,
                              CaseTimeline timeline) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.repository = repository;
        this.runtime = runtime;
        this.decisions = decisions;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One open case: where it is, and whether it can move. */
    public record CaseMove(String reference, String processInstanceId, int fromVersion, boolean canMove,
                           List<String> problems) {
    }

    public record Report(String process, int toVersion, boolean dryRun, int movable, int moved, List<CaseMove> cases) {
    }

    /**
     * @param references only these cases (business keys); all open cases of older versions when empty
     */
    public Report migrate(String processKey, boolean dryRun, List<String> references, String actor) {
        ProcessDefinition target = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .withoutTenantId().latestVersion().singleResult();
        if (target == null) {
            throw new IllegalArgumentException("Proces " + processKey + " bestaat niet");
        }
        List<CaseMove> cases = new ArrayList<>();
        int moved = 0;
        // the named cases, each looked up once (not once per version: a Modeler deploy makes a version)
        java.util.Map<String, List<ProcessInstance>> named = references == null || references.isEmpty() ? null
                : references.stream().distinct().flatMap(reference -> runtime.createProcessInstanceQuery()
                        .processDefinitionKey(processKey).processInstanceBusinessKey(reference).list().stream())
                        .collect(java.util.stream.Collectors.groupingBy(ProcessInstance::getProcessDefinitionId));
        for (ProcessDefinition source : repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .orderByProcessDefinitionVersion().asc().list()) {
            if (source.getId().equals(target.getId())) {
                continue;
            }
            List<ProcessInstance> open = named == null
                    ? runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).list()
                    : named.getOrDefault(source.getId(), List.of());
            if (open.isEmpty()) {
                continue;
            }
            MigrationPlan plan = runtime.createMigrationPlan(source.getId(), target.getId())
                    .mapEqualActivities().updateEventTriggers().build();
            Set<String> mapped = new LinkedHashSet<>();
            for (MigrationInstruction instruction : plan.getInstructions()) {
                mapped.add(instruction.getSourceActivityId());
            }
            for (ProcessInstance instance : open) {
                List<String> problems = unmapped(instance.getId(), mapped);
                if (problems.isEmpty()) {
                    problems = tryMigration(plan, instance, dryRun, actor, source.getVersion(), target.getVersion());
                }
                boolean ok = problems.isEmpty();
                cases.add(new CaseMove(instance.getBusinessKey(), instance.getId(), source.getVersion(), ok, problems));
                if (ok && !dryRun) {
                    moved++;
                }
            }
        }
        if (!dryRun) {
            log.info("{}: {} open cases moved to version {} by {}: {}", processKey, moved, target.getVersion(), actor,
                    cases.stream().filter(CaseMove::canMove).map(CaseMove::reference).toList());
        }
        return new Report(processKey, target.getVersion(), dryRun, (int) cases.stream().filter(CaseMove::canMove).count(),
                moved, cases);
    }

    /** Activities where the case now waits that the new version does not have. */
    private List<String> unmapped(String processInstanceId, Set<String> mapped) {
        List<String> problems = new ArrayList<>();
        collect(runtime.getActivityInstance(processInstanceId), mapped, problems);
        return problems;
    }

    private static void collect(ActivityInstance activity, Set<String> mapped, List<String> problems) {
        for (ActivityInstance child : activity.getChildActivityInstances()) {
            if (!mapped.contains(child.getActivityId())) {
                problems.add("de zaak staat bij " + child.getActivityId() + " (" + child.getActivityName()
                        + "), dat in de nieuwe versie niet (meer) met dat id bestaat");
            }
            collect(child, mapped, problems);
        }
        // a case waiting as a job before or after a step (a mail step that retries while the mail server is down)
        for (org.camunda.bpm.engine.runtime.TransitionInstance waiting : activity.getChildTransitionInstances()) {
            if (!mapped.contains(waiting.getActivityId())) {
                problems.add("de zaak wacht bij " + waiting.getActivityId() + " (" + waiting.getActivityName()
                        + ", een stap die nog wordt uitgevoerd of opnieuw wordt geprobeerd), dat in de nieuwe versie niet"
                        + " (meer) met dat id bestaat");
            }
        }
    }

    /**
     * Migrates one case in its own transaction; rolled back on a dry run. The case's timeline says who moved it from
     * which version to which, and what the routing table decided for a case that had no routing yet (R14).
     */
    private List<String> tryMigration(MigrationPlan plan, ProcessInstance instance, boolean dryRun, String actor,
                                      int from, int to) {
        try {
            transactions.executeWithoutResult(status -> {
                runtime.newMigration(plan).processInstanceIds(instance.getId()).skipCustomListeners().execute();
                String routed = routeIfNeeded(instance.getId());
                if (dryRun) {
                    status.setRollbackOnly();
                    return;
                }
                String process = plan.getTargetProcessDefinitionId().split(":")[0];
                String line = "Zaak overgezet van versie " + from + " naar versie " + to + " van " + process
                        + (routed == null ? "" : "; " + routed);
                complaints.findByReference(String.valueOf(instance.getBusinessKey())).ifPresent(complaint -> {
                    if (ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY.equals(process)) {
                        // the review of the affected user's objection: not in the complainant's copy of their data
                        timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, line);
                    } else {
                        timeline.record(complaint, TimelineEventType.NOTE, actor, line);
                    }
                });
            });
            return List.of();
        } catch (RuntimeException e) {
            // as a failed job's incident keeps it: a step of the new version that fails on a case's value (a timer that
            // reads a name as a number) quotes the value, and a manager may not read cases (R12)
            String problem = CauseChain.forJob(e);
            return List.of(problem == null ? e.getClass().getSimpleName() : problem);
        }
    }

    /**
     * A case that started before the routing table has no group, priority or deadline
     * lengths; the new version's tasks need them, so the table decides them now. A case whose
     * routing is still to come (a mail in triage, whose role and subject a handler has yet to
     * give) is routed by the model itself, on what the handler filled in.
     */
    private String routeIfNeeded(String processInstanceId) {
        if (runtime.getVariable(processInstanceId, "handlerGroup") != null) {
            return null;
        }
        String definitionId = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
                .getProcessDefinitionId();
        if (!ComplaintProcess.PROCESS_KEY.equals(repository.getProcessDefinition(definitionId).getKey())
                || routingToCome(repository.getBpmnModelInstance(definitionId), runtime.getActiveActivityIds(processInstanceId))) {
            return null;
        }
        Map<String, Object> inputs = new HashMap<>();
        for (String name : List.of(ComplaintProcess.VAR_ROLE, ComplaintProcess.VAR_SUBJECT, ComplaintProcess.VAR_CHANNEL)) {
            inputs.put(name, runtime.getVariable(processInstanceId, name));
        }
        var result = decisions.evaluateDecisionTableByKey(ReferenceRules.ROUTING_DECISION).variables(inputs).evaluate().getSingleResult();
        VariableMap routed = Variables.createVariables();
        for (String name : List.of("handlerGroup", "priority", "mediationDays", "decisionDays")) {
            routed.putValue(name, result.getEntry(name));
        }
        runtime.setVariables(processInstanceId, routed);
        return "de routeringstabel gaf de zaak nu groep " + routed.get("handlerGroup") + ", prioriteit "
                + routed.get("priority");
    }

    /**
     * Whether a step the case is at (or a sub-process around it that holds no routing) lies before a step that evaluates
     * the routing table: reached from a start of the model without passing one (a flow back from after the routing to
     * the triage keeps the triage before it). The routing is then still to come.
     */
    static boolean routingToCome(BpmnModelInstance model, List<String> activeIds) {
        List<FlowNode> routings = model.getModelElementsByType(BusinessRuleTask.class).stream()
                .filter(task -> ReferenceRules.ROUTING_DECISION.equals(task.getCamundaDecisionRef()))
                .map(FlowNode.class::cast).toList();
        List<FlowNode> starts = model.getModelElementsByType(StartEvent.class).stream()
                .filter(start -> !(start.getParentElement() instanceof SubProcess around) || around.triggeredByEvent())
                .map(FlowNode.class::cast).toList();
        Set<String> before = forwards(starts, routings);
        for (String id : activeIds) {
            var active = model.getModelElementById(id);
            for (var element = active; element != null; element = element.getParentElement()) {
                if (element instanceof FlowNode step && before.contains(step.getId())
                        && (element == active || routings.stream().noneMatch(routing -> within(routing, step)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The steps the flows lead to from the given ones, the given ones included, not past a step in {@code stops}
     * (which is included): along sequence flows, to an activity's boundary events, into a sub-process through its start
     * event and out of it through its end (not out of one that holds a stop).
     */
    private static Set<String> forwards(List<FlowNode> from, List<FlowNode> stops) {
        Set<String> stopIds = new HashSet<>(stops.stream().map(FlowNode::getId).toList());
        Deque<FlowNode> todo = new ArrayDeque<>(from);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            FlowNode node = todo.poll();
            if (!seen.add(node.getId()) || stopIds.contains(node.getId())) {
                continue;
            }
            boolean entered = node instanceof SubProcess inner && !inner.triggeredByEvent()
                    && !inner.getChildElementsByType(StartEvent.class).isEmpty();
            if (entered) {
                // its way out is through its end, after what runs inside
                ((SubProcess) node).getChildElementsByType(StartEvent.class).forEach(todo::add);
            } else {
                node.getOutgoing().forEach(flow -> todo.add(flow.getTarget()));
            }
            node.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(boundary -> boundary.getAttachedTo() == node).forEach(todo::add);
            // out through its end, unless a stop lies inside it: the way out then passes the stop (an end reached on a side
            // branch, a reminder beside the triage, does not end the sub-process before it)
            if (node instanceof EndEvent && node.getParentElement() instanceof SubProcess around && !around.triggeredByEvent()
                    && stops.stream().noneMatch(stop -> within(stop, around))) {
                around.getOutgoing().forEach(flow -> todo.add(flow.getTarget()));
            }
        }
        return seen;
    }

    private static boolean within(FlowNode step, FlowNode around) {
        for (var parent = step.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == around) {
                return true;
            }
        }
        return false;
    }
}
