package nl.homepair.complaints.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is calling, as established by the engine's authentication filter on /api/* and
 * /engine-rest/* (HTTP Basic against the engine's identity service).
 */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    public CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Optional<String> id() {
        return Optional.ofNullable(identityService.getCurrentAuthentication()).map(Authentication::getUserId);
    }

    public boolean isStaff() {
        return groups().stream().anyMatch(Groups.STAFF::contains);
    }

    public boolean isIn(String group) {
        return groups().contains(group);
    }

    private List<String> groups() {
        Authentication auth = identityService.getCurrentAuthentication();
        return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    }
}
