package nl.homepair.complaints.engine;

import java.util.Set;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A handler's "Voltooien" that collides with a concurrent write on the same case is done again at
 * once, instead of answering "er is niets opgeslagen, probeer het opnieuw".
 *
 * <p>When a timer, the acknowledgement or a colleague on another node changes the case at the moment
 * a person completes a task, the engine refuses the later write (an optimistic-locking conflict, or
 * ENGINE-03077 for a parent execution that just ended: {@link ConcurrentChange}). Nothing was stored,
 * and the same command on the new state is what the person meant. So completing a task or submitting
 * its form is run again, up to {@link #ATTEMPTS} times in all, when it is a person's own command:
 * the outermost engine command, outside any Spring transaction (a command inside our own
 * transaction would see the same snapshot again; jobs have {@link ConcurrentChangeRetry}). Only then
 * does the person get the 409 of {@code web.EngineApiErrors}. Safe to repeat: the failed attempt
 * rolled back, and its mails go out from asynchronous steps, once per job.
 */
@Component
public class UserCommandRetry extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(UserCommandRetry.class);

    static final int ATTEMPTS = 3;
    private static final Set<Class<?>> RETRIED = Set.of(CompleteTaskCmd.class, SubmitTaskFormCmd.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineLists.append(configuration.getCustomPreCommandInterceptorsTxRequired(),
                configuration::setCustomPreCommandInterceptorsTxRequired, new Retrying());
    }

    static final class Retrying extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (!RETRIED.contains(command.getClass()) || Context.getCommandContext() != null
                    || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS || !ConcurrentChange.isConcurrentChange(e)) {
                        throw e;
                    }
                    log.info("{} met a concurrent change of the case (attempt {} of {}); running it again: {}",
                            command.getClass().getSimpleName(), attempt, ATTEMPTS, CauseChain.of(e));
                }
            }
        }
    }
}
