package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The one password check of every door (application API, engine REST API, web
 * application login): throttled per client address and user name before the engine
 * sees the password.
 */
@Component
public class PasswordCheck {

    /** UNAVAILABLE: the user store (the database) cannot be reached; nothing is counted against the caller. */
    public enum Outcome { ACCEPTED, REFUSED, THROTTLED, UNAVAILABLE }

    private final IdentityService identityService;
    private final LoginThrottle throttle;

    public PasswordCheck(IdentityService identityService, LoginThrottle throttle) {
        this.identityService = identityService;
        this.throttle = throttle;
    }

    public Outcome check(String client, String user, String password) {
        return check(client, user, password, user);
    }

    private static final String CONFIRM = "confirm:";

    /**
     * A logged-in person confirming their own password, e.g. to change it: throttled as a
     * login is, but counted apart, because the Basic login of every API request succeeds
     * and would clear the count. Without it, someone at a session left open could guess the
     * password there without limit.
     */
    public Outcome confirm(String client, String user, String password) {
        return check(client, user, password, CONFIRM + user);
    }

    private Outcome check(String client, String user, String password, String counted) {
        if (throttle.blocked(client, counted)) {
            return Outcome.THROTTLED;
        }
        boolean matches;
        try {
            matches = passwordMatches(user, password);
        } catch (StoreUnavailable e) {
            return Outcome.UNAVAILABLE;
        }
        if (matches) {
            throttle.succeeded(client, counted);
            return Outcome.ACCEPTED;
        }
        throttle.failed(client, counted);
        return Outcome.REFUSED;
    }

    /**
     * HTTP Basic as every API door checks it: a throttled or wrong password (429, 401) and a
     * cross-site write (403) are answered here and give empty; otherwise the caller with
     * their groups.
     */
    Optional<Authentication> authenticate(HttpServletRequest request, HttpServletResponse response,
                                          BasicCredentials credentials) throws IOException {
        switch (check(request.getRemoteAddr(), credentials.user(), credentials.password())) {
            case THROTTLED -> {
                Refusals.throttled(response, retryAfterSeconds(request.getRemoteAddr(), credentials.user()));
                return Optional.empty();
            }
            case REFUSED -> {
                Refusals.unauthorized(response);
                return Optional.empty();
            }
            case UNAVAILABLE -> {
                Refusals.unavailable(response);
                return Optional.empty();
            }
            case ACCEPTED -> { }
        }
        if (CrossSiteRequests.isCrossSiteWrite(request)) {
            Refusals.forbidden(response, CrossSiteRequests.REFUSAL);
            return Optional.empty();
        }
        List<String> groups;
        try {
            groups = identityService.createGroupQuery().groupMember(credentials.user()).list()
                    .stream().map(Group::getId).toList();
        } catch (RuntimeException e) {
            if (!databaseDown(e)) {
                throw e;
            }
            Refusals.unavailable(response);
            return Optional.empty();
        }
        return Optional.of(new Authentication(credentials.user(), groups));
    }

    /** Seconds a throttled login should wait (Retry-After): what is left of its wait, rounded up. */
    long retryAfterSeconds(String client, String user) {
        return seconds(throttle.remainingWait(client, user));
    }

    /** {@link #retryAfterSeconds} for a throttled {@link #confirm}. */
    long retryAfterConfirmSeconds(String client, String user) {
        return seconds(throttle.remainingWait(client, CONFIRM + user));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, wait.plusMillis(999).toSeconds());
    }

    private boolean passwordMatches(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            return false;
        }
        try {
            return identityService.checkPassword(user, password);
        } catch (RuntimeException e) {
            if (databaseDown(e)) {
                throw new StoreUnavailable();
            }
            // a refusal, not a server error
            return false;
        }
    }

    /** Whether the failure is the database's (a connection or SQL error somewhere in the chain). */
    static boolean databaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    private static final class StoreUnavailable extends RuntimeException {
        StoreUnavailable() {
            super(null, null, false, false);
        }
    }
}
