package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import nl.homepair.complaints.text.FaultTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The JSON answers with which the security filters refuse a request, in Dutch. */
final class Refusals {

    static final String REALM = "Basic realm=\"HomePair klachten\", charset=\"UTF-8\"";

    private Refusals() {
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "Inloggen is vereist.");
    }

    static void throttled(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        String wait = retryAfterSeconds < 120 ? retryAfterSeconds + " seconden"
                : ((retryAfterSeconds + 59) / 60) + " minuten";
        write(response, 429, "Te veel mislukte inlogpogingen vanaf dit adres; probeer het over " + wait + " opnieuw.");
    }

    /** The database (and so the user store) cannot be reached: a fault, not a wrong password. */
    static void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, FaultTexts.NOTHING_STORED_TRY_LATER);
    }

    static void forbidden(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, message);
    }

    /** The messages are this application's own constants, without quotes or backslashes. */
    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"message\":\"" + message + "\"}");
    }
}
