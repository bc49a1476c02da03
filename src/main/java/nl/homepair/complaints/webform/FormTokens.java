package nl.homepair.complaints.webform;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import nl.homepair.complaints.cluster.ClusterSettings;
import nl.homepair.complaints.cluster.SharedKey;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Cross-site request forgery protection for the public web form, without a session per
 * visitor: anyone may open {@code /klacht} as often as they like, and a session each (kept in
 * memory for half an hour) would let a stranger fill a node's memory with page views. The
 * form instead carries a signed token tied to a random cookie of its own ({@value #COOKIE},
 * HttpOnly, SameSite=Lax): another site can make a browser post the form, but can neither read
 * the token nor set our cookie. The token says when it was made and is signed with a key that
 * every node shares ({@code cluster_setting}), so a form opened on one node is sent on another.
 * A session begins only when a complaint was registered (the confirmation and "the same form
 * sent again" live in it), which the web form's rate limit bounds.
 */
@Component
class FormTokens {

    static final String FIELD = "_csrf";
    static final String COOKIE = "HP-KLACHTFORMULIER";
    /** How long a form may stay open before it must be sent again (a long complaint, typed over a day). */
    static final Duration VALID = Duration.ofHours(24);
    static final String SETTING = "web-form-token-key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** What a posted token turned out to be. */
    enum Check {
        VALID,
        /** The browser sent no form cookie: it refuses cookies, or the form came from elsewhere. */
        NO_COOKIE,
        /** Missing, not ours, for another browser, or older than {@link #VALID}. */
        INVALID
    }

    private final SharedKey key;

    FormTokens(ClusterSettings settings) {
        this.key = settings.hmacKey(SETTING);
    }

    /** A token for a form page, tied to the browser's form cookie, which is set here when the browser has none. */
    String issue(HttpServletRequest request, HttpServletResponse response) {
        String nonce = cookie(request);
        if (nonce == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, nonce).path("/klacht").httpOnly(true)
                    .secure(request.isSecure()).sameSite("Lax").build().toString());
        }
        String body = nonce + "." + Instant.now().getEpochSecond();
        return body + "." + sign(body);
    }

    Check check(HttpServletRequest request, String token) {
        String nonce = cookie(request);
        if (nonce == null) {
            return Check.NO_COOKIE;
        }
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(nonce) || !parts[1].matches("\\d{1,12}")) {
            return Check.INVALID;
        }
        boolean signed = MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.UTF_8));
        Instant made = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        Instant now = Instant.now();
        boolean fresh = !made.isAfter(now.plus(Duration.ofMinutes(5))) && !made.plus(VALID).isBefore(now);
        return signed && fresh ? Check.VALID : Check.INVALID;
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && NONCE.matcher(cookie.getValue()).matches()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** Signed with the cluster's key: made by the first node that needs it, then read by every node once. */
    private String sign(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(body.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The browser's form cookie, which lasts its whole session: the same complaint sent again from it (Back after the
     * confirmation, or after an answer that never arrived) is recognised by it. Null without one.
     */
    static String browserOf(HttpServletRequest request) {
        return cookie(request);
    }
}
