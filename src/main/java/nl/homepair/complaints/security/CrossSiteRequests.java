package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * A state-changing request sent by another site's page. Browsers resend cached Basic
 * credentials with it (CSRF); server-to-server callers send no {@code Origin} header.
 */
public final class CrossSiteRequests {

    static final String REFUSAL = "Verzoeken vanaf een andere website worden geweigerd.";

    private CrossSiteRequests() {
    }

    static boolean isCrossSiteWrite(HttpServletRequest request) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())) {
            return false;
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        return !isOwn(request, origin);
    }

    /**
     * Whether the browser says the request came from one of our own pages: {@code Sec-Fetch-Site:
     * same-origin}, or an {@code Origin} of this host. False when it cannot tell (no such header).
     */
    public static boolean isSameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && isOwn(request, origin);
    }

    private static boolean isOwn(HttpServletRequest request, String origin) {
        String self = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443 ? "" : ":" + request.getServerPort());
        return origin.equalsIgnoreCase(self)
                || origin.equalsIgnoreCase(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }
}
