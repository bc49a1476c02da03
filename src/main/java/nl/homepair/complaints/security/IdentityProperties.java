package nl.homepair.complaints.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users created at start-up ({@code homepair.identity.users}); the default run defines
 * one demo user per role. Passwords come from configuration or the environment.
 */
@ConfigurationProperties("homepair.identity")
public record IdentityProperties(List<UserSpec> users) {

    public IdentityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record UserSpec(String id, String firstName, String lastName, String email, String password,
                           List<String> groups) {
        public UserSpec {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }
}
