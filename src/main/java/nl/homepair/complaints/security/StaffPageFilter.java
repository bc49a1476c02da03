package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The application's own pages for staff (the figures at {@code /rapportage}): whoever is
 * logged in to Tasklist, Cockpit or Admin in this browser is that user here too, so staff
 * need no second login; without that session, HTTP Basic through {@link PasswordCheck}
 * (the browser asks). The caller is kept on the request for {@link CurrentUser}; each page
 * checks the groups it is for. Pages only read: there is no form that changes anything.
 */
public class StaffPageFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final PasswordCheck passwords;
    private final String engine;
    private final long cacheTimeToLive;

    public StaffPageFilter(PasswordCheck passwords, String engine, long cacheTimeToLive) {
        this.passwords = passwords;
        this.engine = engine;
        this.cacheTimeToLive = cacheTimeToLive;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Optional<Authentication> caller = WebappLogin.caller(request, engine, cacheTimeToLive);
        if (caller.isEmpty()) {
            Optional<BasicCredentials> credentials = BasicCredentials.from(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (credentials.isEmpty()) {
                askToLogIn(request, response);
                return;
            }
            caller = passwords.authenticate(request, response, credentials.get());
            if (caller.isEmpty()) {
                return;
            }
        }
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    private static void askToLogIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Refusals.REALM);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Inloggen vereist</title></head>
                <body><h1>Inloggen vereist</h1><p>Log eerst in bij
                <a href="%s/camunda/app/tasklist/">Tasklist</a> en open deze pagina daarna opnieuw.</p></body></html>
                """.formatted(request.getContextPath()));
    }
}
