package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's identity service for the application API, through the
 * throttled {@link PasswordCheck}. The caller is kept on the request for
 * {@link CurrentUser}; the application checks its own doors (see {@code CaseAccess}) and
 * calls the engine as the system. Cross-site writes are refused ({@link CrossSiteRequests}).
 */
public class BasicAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;
    private final PasswordCheck passwords;

    public BasicAuthenticationFilter(IdentityService identityService, PasswordCheck passwords) {
        this.identityService = identityService;
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
        String userId = credentials.get().user();
        switch (passwords.check(request.getRemoteAddr(), userId, credentials.get().password())) {
            case THROTTLED -> {
                Refusals.throttled(response, passwords.retryAfterSeconds());
                return;
            }
            case REFUSED -> {
                Refusals.unauthorized(response);
                return;
            }
            case ACCEPTED -> { }
        }
        if (CrossSiteRequests.isCrossSiteWrite(request)) {
            Refusals.forbidden(response, CrossSiteRequests.REFUSAL);
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list()
                .stream().map(Group::getId).toList();
        request.setAttribute(CurrentUser.REQUEST_ATTRIBUTE, new Authentication(userId, groups));
        chain.doFilter(request, response);
    }
}
