package nl.homepair.complaints.mailbox;

import nl.homepair.complaints.engine.EngineLists;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The form of <em>E-mail handmatig verwerken</em> offers "Antwoord op een vraag om informatie" on every version of
 * the task ({@code formRefBinding="latest"}), but only a model with the end listener {@code setAsideAnswers.handled}
 * acts on it: a task made by an older version of {@code manualMailHandling} (open when the application was
 * upgraded), or a model whose listener a manager removed, would complete and drop the complainant's answer without a
 * word. Every user task with that form therefore gets the listener when its model does not name it; a model that
 * names it keeps its own, so the answer is taken once. Camunda parses an older version again after a restart, with
 * this listener, so the tasks of before the upgrade take the answer too.
 */
@Component
public class SetAsideAnswerHook extends AbstractProcessEnginePlugin {

    /** The form whose choice {@link SetAsideAnswers#INFORMATION} the listener acts on. */
    static final String FORM = "handleMailManually";
    static final String LISTENER = SetAsideAnswers.BEAN + ".handled";

    private final ObjectProvider<SetAsideAnswers> answers;

    public SetAsideAnswerHook(ObjectProvider<SetAsideAnswers> answers) {
        this.answers = answers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPostBPMNParseListeners(), configuration::setCustomPostBPMNParseListeners,
                new ManualMailTasks());
    }

    private final class ManualMailTasks extends AbstractBpmnParseListener {

        private final ExecutionListener handled = execution -> answers.getObject().handled(execution);

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            if (FORM.equals(userTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef")) && !namesTheListener(userTask)) {
                activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, handled);
            }
        }
    }

    private static boolean namesTheListener(Element userTask) {
        Element extensions = userTask.element("extensionElements");
        return extensions != null && extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "executionListener").stream()
                .anyMatch(listener -> ExecutionListener.EVENTNAME_END.equals(listener.attribute("event"))
                        && String.valueOf(listener.attribute("expression")).replace(" ", "").contains(LISTENER));
    }
}
