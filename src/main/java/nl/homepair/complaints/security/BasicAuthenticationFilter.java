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
 * HTTP Basic against the engine's identity service for the application API, through the
 * throttled {@link PasswordCheck}. The caller is kept on the request for
 * {@link CurrentUser}; the application checks its own doors (see {@code CaseAccess}) and
 * calls the engine as the system. Cross-site writes are refused ({@link CrossSiteRequests}).
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {

    private final PasswordCheck passwords;

    public BasicAuthenticationFilter(PasswordCheck passwords) {
        this.passwords = passwords;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<BasicCredentials> credentials = BasicCredentials.from(request.getHeader("Authorization"));
        if (credentials.isEmpty()) {
            Refusals.unauthorized(response);
            return;
        }
        Optional<Authentication> caller = passwords.authenticate(request, response, credentials.get());
        if (caller.isEmpty()) {
            return;
        }
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }
}
