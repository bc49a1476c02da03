package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
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
        // a case page shows a complainant's name, address, words and mails: not kept in a shared office browser's
        // cache after logout, and nothing but the page's own script and styles runs on it (an evidence file carries
        // its own, sandboxed policy)
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!EVIDENCE_FILE.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        chain.doFilter(request, response);
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final java.util.regex.Pattern EVIDENCE_FILE = java.util.regex.Pattern.compile(
            "/zaken/[^/]+/bewijs/[^/]+|/zaken/berichten/[^/]+/bijlagen/[^/]+");
}
