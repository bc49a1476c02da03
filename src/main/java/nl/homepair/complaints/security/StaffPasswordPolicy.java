package nl.homepair.complaints.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A password a person chooses, in Camunda Admin, on Tasklist's profile page or through the engine REST API, meets
 * Camunda's password policy (R12): at least 10 characters with a capital, a small letter, a digit and a special
 * character, and not the user's own name. Logins are throttled, not locked; against a patient guesser the password
 * itself must hold. The webapps show the rules while a password is typed.
 *
 * <p>The policy starts once the engine is built, after the starter created the administrator (whose password the
 * production profile checks itself, {@link ProductionSafetyCheck}); the users of {@code homepair.identity.users} are
 * created without it, as their passwords come from configuration (the demo users of the default run, machine users
 * in production, checked there).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class StaffPasswordPolicy extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (configuration.getPasswordPolicy() == null) {
            configuration.setPasswordPolicy(new DefaultPasswordPolicyImpl());
        }
        configuration.setEnablePasswordPolicy(true);
    }
}
