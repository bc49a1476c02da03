package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The web applications' login form (user name and password, form-encoded), read by us
 * and handed on unread: if a filter asks the servlet container for the parameters,
 * Camunda's JAX-RS login warns on every login that its body was consumed.
 */
final class LoginForm extends BufferedBody {

    /** A login form is a user name and a password; anything longer is not one. */
    static final int MAX_BYTES = 16 * 1024;

    private final Map<String, String> fields = new HashMap<>();

    LoginForm(HttpServletRequest request) throws IOException {
        super(request, MAX_BYTES);
        for (String pair : new String(body(), StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                } catch (IllegalArgumentException e) {
                    // a malformed field is no credential
                }
            }
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    String field(String name) {
        return fields.get(name);
    }
}
