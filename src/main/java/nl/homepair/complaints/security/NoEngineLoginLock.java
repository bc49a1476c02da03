package nl.homepair.complaints.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * The engine's own login lock is off (application.yaml: it counts per user, from anywhere, so anyone could lock out
 * the director); {@link LoginThrottle} counts per client address instead. With the lock "off" the engine still wrote
 * every wrong password to the user's row (attempts, lock time: an update and a commit) and logged it, and only for a
 * user that exists: a stranger timing a wrong password for {@code directeur} against one for a made-up name learned
 * which names are real. The engine's identity provider here checks the password and writes nothing on a failure.
 */
@Component
public class NoEngineLoginLock extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(WithoutLock.class));
    }

    /** Camunda's database identity provider without its per-user lock. */
    public static class WithoutLock extends DbIdentityServiceProvider {

        @Override
        protected void lockUser(UserEntity user) {
            // nothing: LoginThrottle holds up a guesser per address, without a write per wrong password
        }

        @Override
        protected boolean isUserLocked(UserEntity user) {
            // a lock an earlier version wrote (attempts, lock time) does not keep the user out
            return false;
        }
    }
}
