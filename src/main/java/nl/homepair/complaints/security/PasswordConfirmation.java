package nl.homepair.complaints.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * A password change through the engine ({@code PUT .../user/{id}/credentials}, from the
 * profile page of Tasklist, Cockpit or Admin, or the engine REST API): its JSON body holds
 * the new password and, as {@code authenticatedUserPassword}, the current password of the
 * person logged in. Read by us and handed on unread.
 */
final class PasswordConfirmation extends BufferedBody {

    /** A new and a current password; anything longer is not a password change. */
    static final int MAX_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String password;

    PasswordConfirmation(HttpServletRequest request) throws IOException {
        super(request, MAX_BYTES);
        password = complete() ? currentPassword() : null;
    }

    private String currentPassword() {
        try {
            JsonNode field = JSON.readTree(body()).path("authenticatedUserPassword");
            return field.isTextual() ? field.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Whether the request changes a user's password. */
    static boolean isOne(HttpServletRequest request, String path, String resource) {
        // JAX-RS serves ".../credentials/" as the same method
        return "PUT".equals(request.getMethod()) && resource.equals("user")
                && (path.endsWith("/credentials") || path.endsWith("/credentials/"));
    }

    /** The current password the person confirmed with, or null when the body holds none. */
    String password() {
        return password;
    }
}
