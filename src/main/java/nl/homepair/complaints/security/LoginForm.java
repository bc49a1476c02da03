package nl.homepair.complaints.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
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
final class LoginForm extends HttpServletRequestWrapper {

    /** A login form is a user name and a password; anything longer is not one. */
    static final int MAX_BYTES = 16 * 1024;

    private final byte[] body;
    private final Map<String, String> fields = new HashMap<>();

    LoginForm(HttpServletRequest request) throws IOException {
        super(request);
        body = request.getInputStream().readNBytes(MAX_BYTES);
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
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

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the login form is read synchronously");
            }
        };
    }
}
