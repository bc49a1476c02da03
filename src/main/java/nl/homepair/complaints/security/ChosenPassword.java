package nl.homepair.complaints.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * A password a person chooses through the engine: a new colleague's in Camunda Admin ({@code POST .../user/create})
 * or a changed one ({@code PUT .../user/{id}/credentials}, the profile page). Checked against the engine's password
 * policy before the engine sees it: the engine refuses a weak one too, but as a failed command that it logs as an
 * error (ENGINE-16004) at every try, which an operator's alerting would take for a fault.
 */
final class ChosenPassword {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIALS = Pattern.compile("/user/([^/]+)/credentials/?$");

    private ChosenPassword() {
    }

    /** Whether the request makes a new user (with a password). */
    static boolean isUserCreation(HttpServletRequest request, String path, String resource) {
        return "POST".equals(request.getMethod()) && resource.equals("user") && path.matches(".*/user/create/?$");
    }

    /** A new user's body, read and handed on unread. */
    static final class NewUser extends BufferedBody {

        NewUser(HttpServletRequest request) throws IOException {
            super(request, PasswordConfirmation.MAX_BYTES);
        }

        /** Whether the password in the body fails the policy (for this user's names); false when there is none to judge. */
        boolean weak(IdentityService identity) {
            JsonNode body = json(this);
            JsonNode password = body.path("credentials").path("password");
            JsonNode profile = body.path("profile");
            if (!password.isTextual()) {
                return false;
            }
            UserEntity user = new UserEntity(profile.path("id").asText(null));
            user.setFirstName(profile.path("firstName").asText(null));
            user.setLastName(profile.path("lastName").asText(null));
            user.setEmail(profile.path("email").asText(null));
            return !identity.checkPasswordAgainstPolicy(password.asText(), user).isValid();
        }
    }

    /** Whether the new password of a password change fails the policy for the user whose password it is. */
    static boolean weakChange(IdentityService identity, String path, PasswordConfirmation change) {
        JsonNode password = json(change).path("password");
        Matcher id = CREDENTIALS.matcher(path);
        if (!password.isTextual() || !id.find()) {
            return false;
        }
        User user = identity.createUserQuery().userId(id.group(1)).singleResult();
        return user != null && !identity.checkPasswordAgainstPolicy(password.asText(), user).isValid();
    }

    private static JsonNode json(BufferedBody body) {
        if (!body.complete()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body.body());
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
