package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff pages ({@code /zaken}) use the login of Tasklist, Cockpit and Admin: the
 * user that the web applications' session holds becomes the caller for
 * {@link CurrentUser}, so the application's own checks ({@code CaseAccess}) apply as on
 * {@code /api}. Without that session the browser goes to the Tasklist login; there is
 * no second password prompt. Cross-site writes are refused ({@link CrossSiteRequests}).
 */
public class WebappSessionFilter extends OncePerRequestFilter {

    static final String ENGINE = "default";
    public static final String LOGIN = "/camunda/app/tasklist/" + ENGINE + "/#/login";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CrossSiteRequests.isCrossSiteWrite(request)) {
            Refusals.forbidden(response, CrossSiteRequests.REFUSAL);
            return;
        }
        UserAuthentication user = sessionUser(request.getSession(false));
        if (user == null) {
            response.sendRedirect(request.getContextPath() + LOGIN);
            return;
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, new Authentication(user.getIdentityId(), groups));
        chain.doFilter(request, response);
    }

    private static UserAuthentication sessionUser(HttpSession session) {
        if (session == null) {
            return null;
        }
        Authentications all = AuthenticationUtil.getAuthsFromSession(session);
        return all == null ? null : all.getAuthentications().stream()
                .filter(a -> ENGINE.equals(a.getProcessEngineName())).findFirst().orElse(null);
    }
}
