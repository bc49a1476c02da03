package nl.homepair.complaints.webform;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Cross-site request forgery protection for the web form without Spring Security: a
 * random token per session, rendered in a hidden field and compared on POST. Another
 * site can make a browser post the form, but cannot read the token. The session cookie
 * is also SameSite=Lax, so a cross-site POST does not even carry the session.
 */
final class CsrfTokens {

    static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = CsrfTokens.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** The session's token, created on first use. */
    static String of(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, created);
            return created;
        }
    }

    private static final String USED = CsrfTokens.class.getName() + ".used";
    private static final String USED_FOR = CsrfTokens.class.getName() + ".usedFor";
    private static final String USED_WITH = CsrfTokens.class.getName() + ".usedWith";

    /**
     * After a complaint was registered the token is used up (the next form gets a new one);
     * the same token sent again (a double click, a resent POST) is recognised and answered
     * with the reference it already produced, so it never registers a second complaint.
     */
    static void markUsed(HttpSession session, String token, String reference, String fingerprint) {
        session.setAttribute(USED, token);
        session.setAttribute(USED_FOR, reference);
        session.setAttribute(USED_WITH, fingerprint);
        session.removeAttribute(ATTRIBUTE);
    }

    /**
     * The reference the session's last complaint got, if this is the same form sent again: with
     * the used token (a double click, a resent POST), or with the next form's token and the same
     * content (Back after the confirmation, or after an answer that never arrived, and send again).
     * A different complaint, from an older tab or the next form, is not a resend.
     */
    static String referenceOfResend(HttpSession session, String submitted, String fingerprint) {
        return fingerprint.equals(session.getAttribute(USED_WITH)) && (wasUsed(session, submitted) || matches(session, submitted))
                ? (String) session.getAttribute(USED_FOR) : null;
    }

    /** Whether this is the token this session last used: it was this session's, so no forgery. */
    static boolean wasUsed(HttpSession session, String submitted) {
        if (session == null || submitted == null) {
            return false;
        }
        Object used = session.getAttribute(USED);
        return used instanceof String token
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the submitted token is the one of this session (a missing session never matches). */
    static boolean matches(HttpSession session, String submitted) {
        if (session == null || submitted == null) {
            return false;
        }
        Object expected = session.getAttribute(ATTRIBUTE);
        return expected instanceof String token
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
