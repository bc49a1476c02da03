package nl.homepair.complaints.modeling;

import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.engine.EngineLists;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The complaint procedure ends only with its case closed (R14, R16): a path a manager drew to a plain end event without
 * {@code complaintLifecycle.close(…)} would end the process and leave the case open, with its last status, on the case
 * page and in the figures, while nothing runs for it any more. The deploy check ({@link CaseEnds}) refuses
 * what it can read from the flow; whatever it cannot (an end after a parallel fork, where it depends on the other path
 * whether the procedure ends there) is refused here, when it happens: the step that would end the procedure fails with
 * the reason (a person's completion with a Dutch form error, a job with an incident), and the case stays where it was
 * until the model is mended. A procedure ended from outside (deleted, or its last step cancelled) is not judged.
 */
@Component
public class CaseClosedAtItsEnd extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "De klachtenprocedure zou hier eindigen zonder dat de zaak is afgesloten: het eindevent"
            + " waar dit pad op uitkomt, sluit de zaak niet af met complaintLifecycle.close(complaintId, '…'). Er is niets"
            + " opgeslagen. Een procesbeheerder past het model aan (eindevent met die luisteraar) en zet de zaak over.";

    private final ObjectProvider<ComplaintRepository> complaints;

    public CaseClosedAtItsEnd(ObjectProvider<ComplaintRepository> complaints) {
        this.complaints = complaints;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPostBPMNParseListeners(),
                configuration::setCustomPostBPMNParseListeners, new AbstractBpmnParseListener() {
                    @Override
                    public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                        if (ComplaintProcess.PROCESS_KEY.equals(definition.getKey())) {
                            definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                                    (ExecutionListener) CaseClosedAtItsEnd.this::refuseAnOpenCase);
                        }
                    }
                });
    }

    private void refuseAnOpenCase(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        if (execution.isCanceled() || !execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        complaints.getObject().ofVariable(execution.getVariable(ComplaintProcess.VAR_COMPLAINT_ID))
                .filter(complaint -> complaint.getStatus() != ComplaintStatus.CLOSED)
                .ifPresent(complaint -> {
                    throw new RefusedChange(REFUSAL);
                });
    }
}
