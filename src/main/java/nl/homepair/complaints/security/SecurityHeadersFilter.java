package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every page and API answer that the Camunda web applications do
 * not already cover (they set their own), and a size limit on JSON bodies so that a
 * huge or endless body is a 400, not a memory problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    /** JSON bodies are small; files travel as multipart, with their own limits. */
    static final long MAX_JSON_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/camunda/")) {
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            if (path.startsWith("/api/") || path.startsWith("/engine-rest/")) {
                response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
                response.setHeader("Cache-Control", "no-store");
            }
        }
        if (isJson(request)) {
            if (request.getContentLengthLong() > MAX_JSON_BYTES) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("{\"message\":\"body: " + TOO_LARGE + "\",\"errors\":[{\"field\":\"body\",\"message\":\""
                        + TOO_LARGE + "\"}]}");
                return;
            }
            request = new LimitedBody(request);
        }
        chain.doFilter(request, response);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        // also application/vnd.homepair+json, problem+json …: Jackson reads every +json type
        String bare = type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        return bare.equals(MediaType.APPLICATION_JSON_VALUE) || bare.startsWith("application/") && bare.endsWith("+json");
    }

    /** What a JSON body over the limit is told (413). */
    public static final String TOO_LARGE = "De aanvraag is te groot: hoogstens 1 MB aan JSON; stuur bestanden als multipart/form-data.";

    /** A body without Content-Length read past the limit: the API answers 413 (web.ApiErrorHandler). */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("JSON body larger than " + MAX_JSON_BYTES + " bytes");
        }
    }

    /** A body without Content-Length (chunked) is cut off at the same limit. */
    static final class LimitedBody extends HttpServletRequestWrapper {
        LimitedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > MAX_JSON_BYTES) {
                        throw new BodyTooLarge();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > MAX_JSON_BYTES) {
                        throw new BodyTooLarge();
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
