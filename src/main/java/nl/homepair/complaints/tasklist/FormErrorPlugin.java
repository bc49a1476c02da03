package nl.homepair.complaints.tasklist;

import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.engine.EngineLists;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * A form error or a refusal raised in a task listener (e.g. {@link TaskOutcomeCheck}, a moved
 * due date in {@code sla.FixedDueDates}) reaches the caller as what it is: the engine wraps
 * listener exceptions in a general {@code ProcessEngineException} (REST 500, an error in the
 * log); this interceptor takes the {@code FormFieldValidationException} or
 * {@link RefusedChange} out again, so that {@code /engine-rest} answers 400 and Tasklist shows
 * the Dutch message. Any other exception of a listener stays a server error.
 */
@Component
public class FormErrorPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPreCommandInterceptorsTxRequired(),
                configuration::setCustomPreCommandInterceptorsTxRequired, new FormErrorUnwrapping());
    }

    static final class FormErrorUnwrapping extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof FormFieldValidationException formError) {
                        throw formError;
                    }
                    if (cause instanceof RefusedChange refusal) {
                        throw refusal;
                    }
                }
                throw e;
            }
        }
    }
}
