package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff pages ({@code /zaken}) use the login of Tasklist, Cockpit and Admin: the
 * user that the web applications' session holds becomes the caller for
 * {@link CurrentUser}, so the application's own checks ({@code CaseAccess}) apply as on
 * {@code /api}. Without that session the browser goes to the Tasklist login; there is
 * no second password prompt. Cross-site writes are refused ({@link CrossSiteRequests}).
 */
public class WebappSessionFilter extends OncePerRequestFilter {

    private final String engine;
    private final long cacheTimeToLive;

    /**
     * For the process engine of this name ({@code camunda.bpm.process-engine-name}); the login is read again from the
     * engine after {@code cacheTimeToLive} milliseconds (0: never), as the web applications do.
     */
    public WebappSessionFilter(String engine, long cacheTimeToLive) {
        this.engine = engine;
        this.cacheTimeToLive = cacheTimeToLive;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CrossSiteRequests.isCrossSiteWrite(request)) {
            Refusals.forbidden(response, CrossSiteRequests.REFUSAL);
            return;
        }
        Optional<Authentication> caller = WebappLogin.caller(request, engine, cacheTimeToLive);
        if (caller.isEmpty()) {
            response.sendRedirect(request.getContextPath() + WebappLogin.loginPage(engine));
            return;
        }
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }
}
