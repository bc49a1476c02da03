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

    static Optional<Authentication> caller(HttpServletRequest request, String engine) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
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
