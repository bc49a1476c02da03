package nl.homepair.complaints.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is calling. On /api/* that is the user that {@link BasicAuthenticationFilter}
 * authenticated (kept on the request, not in the engine: the application checks its
 * own doors and then calls the engine as the system). Inside engine calls made by
 * Tasklist or the engine REST API it is the engine's current authentication.
 */
@Component
public class CurrentUser {

    static final String REQUEST_ATTRIBUTE = CurrentUser.class.getName();

    private final IdentityService identityService;
    private final HandlerGroups handlerGroups;

    public CurrentUser(IdentityService identityService, HandlerGroups handlerGroups) {
        this.identityService = identityService;
        this.handlerGroups = handlerGroups;
    }

    public Optional<String> id() {
        return Optional.ofNullable(authentication()).map(Authentication::getUserId);
    }

    public boolean isStaff() {
        List<String> groups = groups();
        return groups.stream().anyMatch(Groups.STAFF::contains) || handlerGroups.anyOf(groups);
    }

    public boolean isIn(String group) {
        return groups().contains(group);
    }

    public boolean isInAny(String... groups) {
        return List.of(groups).stream().anyMatch(this::isIn);
    }

    /** The caller's groups; none for an anonymous caller. */
    public List<String> groups() {
        Authentication auth = authentication();
        return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    }

    private Authentication authentication() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object fromRequest = request == null ? null : request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return fromRequest instanceof Authentication auth ? auth : identityService.getCurrentAuthentication();
    }
}
