package nl.homepair.complaints.security;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;

/**
 * The web applications' login form (user name and password, form-encoded), read by us
 * and handed on unread: if a filter asks the servlet container for the parameters,
 * Camunda's JAX-RS login warns on every login that its body was consumed. What Camunda
 * reads is the form as we read it, rebuilt as UTF-8 from the two fields: a body in another
 * charset, or with a field twice, would otherwise show Camunda a user and password that our
 * throttle never checked (one user's right password read by us, another's guess by Camunda).
 */
final class LoginForm extends BufferedBody {

    /** A login form is a user name and a password; anything longer is not one. */
    static final int MAX_BYTES = 16 * 1024;

    private final Map<String, String> fields = new HashMap<>();

    private static final String FORM_UTF8 = "application/x-www-form-urlencoded;charset=UTF-8";

    private final byte[] handedOn;

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
        StringJoiner form = new StringJoiner("&");
        for (String name : new String[] {"username", "password"}) {
            if (fields.containsKey(name)) {
                form.add(name + "=" + URLEncoder.encode(fields.get(name), StandardCharsets.UTF_8));
            }
        }
        handedOn = form.toString().getBytes(StandardCharsets.UTF_8);
        serve(handedOn);
    }

    @Override
    public String getContentType() {
        return FORM_UTF8;
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    @Override
    public int getContentLength() {
        return handedOn.length;
    }

    @Override
    public long getContentLengthLong() {
        return handedOn.length;
    }

    @Override
    public String getHeader(String name) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            return FORM_UTF8;
        }
        if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
            return Integer.toString(handedOn.length);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) || HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(getHeader(name)));
        }
        return super.getHeaders(name);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    String field(String name) {
        return fields.get(name);
    }
}
