package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's identity service for the application API. The caller
 * is kept on the request for {@link CurrentUser}; the application checks its own doors
 * (see {@code CaseAccess}) and calls the engine as the system. A state-changing call
 * from another site's page is refused, because browsers resend cached Basic
 * credentials (CSRF): server-to-server callers send no Origin header.
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Basic ";

    private final IdentityService identityService;
    private final LoginThrottle throttle = new LoginThrottle();

    public BasicAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] credentials = credentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        Instant now = Instant.now();
        if (credentials != null && throttle.blocked(request.getRemoteAddr(), credentials[0], now)) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.WINDOW.toSeconds()));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"message\":\"Te veel mislukte inlogpogingen; probeer het over 10 minuten opnieuw.\"}");
            return;
        }
        boolean valid = credentials != null && checkPassword(credentials[0], credentials[1]);
        if (credentials != null) {
            if (valid) {
                throttle.succeeded(request.getRemoteAddr(), credentials[0]);
            } else {
                throttle.failed(request.getRemoteAddr(), credentials[0], now);
            }
        }
        if (!valid) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"HomePair klachten\", charset=\"UTF-8\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"message\":\"Inloggen is vereist.\"}");
            return;
        }
        if (isCrossSiteWrite(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"message\":\"Verzoeken vanaf een andere website worden geweigerd.\"}");
            return;
        }
        String userId = credentials[0];
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list()
                .stream().map(Group::getId).toList();
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, new Authentication(userId, groups));
        chain.doFilter(request, response);
    }

    static boolean isCrossSiteWrite(HttpServletRequest request) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())) {
            return false;
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        String self = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        return !origin.equalsIgnoreCase(self) && !origin.equalsIgnoreCase(
                request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }

    private boolean checkPassword(String user, String password) {
        try {
            return identityService.checkPassword(user, password);
        } catch (RuntimeException e) {
            // e.g. a locked user (ENGINE-27001): a refusal, not a server error
            return false;
        }
    }

    private static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
