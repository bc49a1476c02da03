package nl.homepair.complaints.security;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * The one password check of every door (application API, engine REST API, web
 * application login): throttled per client address and user name before the engine
 * sees the password.
 */
@Component
public class PasswordCheck {

    public enum Outcome { ACCEPTED, REFUSED, THROTTLED }

    private final IdentityService identityService;
    private final LoginThrottle throttle;

    public PasswordCheck(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.throttle = throttle;
    }

    public Outcome check(String client, String user, String password) {
        if (throttle.blocked(client, user)) {
            return Outcome.THROTTLED;
        }
        if (passwordMatches(user, password)) {
            throttle.succeeded(client, user);
            return Outcome.ACCEPTED;
        }
        throttle.failed(client, user);
        return Outcome.REFUSED;
    }

    /** Seconds a throttled caller should wait (Retry-After). */
    long retryAfterSeconds() {
        return throttle.window().toSeconds();
    }

    private boolean passwordMatches(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            return false;
        }
        try {
            return identityService.checkPassword(user, password);
        } catch (RuntimeException e) {
            // a refusal, not a server error
            return false;
        }
    }
}
