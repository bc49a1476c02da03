package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who is logged in to Tasklist, Cockpit or Admin in this browser, for the application's
 * process engine ({@code camunda.bpm.process-engine-name}): the one login that the staff
 * pages share with the web applications.
 */
final class WebappLogin {

    private WebappLogin() {
    }

    /**
     * The user of the session, with their groups as the engine has them now: as the web applications do on each of
     * their requests, the login is read again from the engine once its cache time ({@code
     * camunda.bpm.webapp.auth.cache.time-to-live}, 5 minutes) has passed. A user removed in Admin is logged out here
     * too, and one moved to another team sees that team's cases, also when they keep a case page open (it asks for
     * its timeline every 15 seconds) and never return to Tasklist. {@code cacheTimeToLive} 0: the login as it was.
     */
    static Optional<Authentication> caller(HttpServletRequest request, String engine, long cacheTimeToLive) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null && cacheTimeToLive > 0) {
            AuthenticationUtil.updateCache(authentications, session, cacheTimeToLive);
            AuthenticationUtil.updateSession(session, authentications);
        }
        if (authentications != null && authentications.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication user) {
            List<String> groups = user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
            return Optional.of(new Authentication(user.getIdentityId(), groups));
        }
        return Optional.empty();
    }

    /** Tasklist's login page for that engine, from the context path. */
    static String loginPage(String engine) {
        return "/camunda/app/tasklist/" + engine + "/#/login";
    }
}
