package nl.homepair.complaints.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Moving an open case to a new version routes it only when its routing is behind it: a mail in triage is routed by the
 * model once a handler gave its role and subject; a case past the routing step, also in a model with a flow back or a
 * routing inside a sub-process, is routed by the move (it would otherwise reach a task for {@code ${handlerGroup}}
 * without a group).
 */
class RoutingToComeTest {

    @Test
    void inTheProcedureOnlyTheTriageIsBeforeTheRouting() throws IOException {
        BpmnModelInstance procedure;
        try (InputStream in = new FileInputStream("processes/complaintProcedure.bpmn")) {
            procedure = Bpmn.readModelFromStream(in);
        }
        assertThat(ProcedureMigration.routingToCome(procedure, List.of("UserTask_TriageComplaint"))).isTrue();
        assertThat(ProcedureMigration.routingToCome(procedure, List.of("BusinessRuleTask_Route"))).isTrue();
        assertThat(ProcedureMigration.routingToCome(procedure, List.of("UserTask_AssessComplaint"))).isFalse();
        assertThat(ProcedureMigration.routingToCome(procedure, List.of("UserTask_Decide", "UserTask_CheckAcknowledgement")))
                .isFalse();
    }

    @Test
    void aFlowBackKeepsTheTriageBeforeTheRoutingAndTheStepsAfterItAfter() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("complaintProcedure").startEvent()
                .exclusiveGateway("Gateway_Join")
                .userTask("UserTask_Triage")
                .businessRuleTask("BusinessRuleTask_Route").camundaDecisionRef(ReferenceRules.ROUTING_DECISION)
                .userTask("UserTask_Assess")
                .exclusiveGateway("Gateway_Again").endEvent()
                .moveToNode("Gateway_Again").connectTo("Gateway_Join")
                .done();

        assertThat(ProcedureMigration.routingToCome(model, List.of("UserTask_Triage"))).isTrue();
        assertThat(ProcedureMigration.routingToCome(model, List.of("UserTask_Assess"))).isFalse();
        assertThat(ProcedureMigration.routingToCome(model, List.of("BusinessRuleTask_Route"))).isTrue();
    }

    @Test
    void aStepAfterARoutingInsideASubProcessIsNotBeforeIt() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("complaintProcedure").startEvent()
                .subProcess("SubProcess_Intake").embeddedSubProcess().startEvent()
                .userTask("UserTask_Triage")
                .businessRuleTask("BusinessRuleTask_Route").camundaDecisionRef(ReferenceRules.ROUTING_DECISION)
                .userTask("UserTask_Assess").endEvent()
                // a reminder beside the triage, ending on its own: no way out of the sub-process before the routing
                .moveToActivity("UserTask_Triage").boundaryEvent("BoundaryEvent_TriageReminder").cancelActivity(false)
                .timerWithDuration("PT1H").serviceTask("ServiceTask_Remind").camundaExpression("${true}").endEvent()
                .subProcessDone()
                .userTask("UserTask_Decide").endEvent()
                .done();

        assertThat(ProcedureMigration.routingToCome(model, List.of("UserTask_Triage"))).isTrue();
        assertThat(ProcedureMigration.routingToCome(model, List.of("UserTask_Assess"))).isFalse();
        assertThat(ProcedureMigration.routingToCome(model, List.of("UserTask_Decide"))).isFalse();
    }
}
