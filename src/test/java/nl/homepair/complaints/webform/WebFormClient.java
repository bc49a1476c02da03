package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.TestComplaints;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The public web form over HTTP, as a browser without JavaScript uses it: it opens the form
 * (the form's cookie and token) and posts it, keeping the cookies it is given; redirects are followed only by a
 * request of its own.
 */
public final class WebFormClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * What a browser holds: its cookies (the form's own, and the session that a registered complaint began) and the
     * token of the form it shows.
     */
    public static final class Session {

        private final Map<String, String> cookies = new LinkedHashMap<>();
        private String token;

        public String token() {
            return token;
        }

        /** The Cookie header the browser sends. */
        public String cookie() {
            StringBuilder header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
            return header.toString();
        }

        /** The same browser state in a second request that leaves before the first one's answer came. */
        public Session copy() {
            Session copy = new Session();
            copy.cookies.putAll(cookies);
            copy.token = token;
            return copy;
        }

        /** The browser state before an answer that never arrived: the session cookie it would have set is not there. */
        public Session withoutCookie(String name) {
            Session copy = copy();
            copy.cookies.remove(name);
            return copy;
        }

        public boolean hasCookie(String name) {
            return cookies.containsKey(name);
        }

        void take(ResponseEntity<?> response) {
            for (String set : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
                String pair = set.contains(";") ? set.substring(0, set.indexOf(';')) : set;
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
    }

    private final TestRestTemplate http;
    private final String base;

    /** For the application at {@code base} ("" when {@code http} already points at it). */
    public WebFormClient(TestRestTemplate http, String base) {
        this.http = http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
        this.base = base;
    }

    /** The same browser opening the form again (Back, or a new visit): the form's next token. */
    public Session reopen(Session session) {
        ResponseEntity<String> page = get(session, "/klacht");
        Matcher token = TOKEN.matcher(page.getBody());
        assertThat(token.find()).isTrue();
        session.token = token.group(1);
        return session;
    }

    public Session open() {
        ResponseEntity<String> page = http.getForEntity(base + "/klacht", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        Session session = new Session();
        session.take(page);
        Matcher token = TOKEN.matcher(page.getBody());
        assertThat(token.find()).isTrue();
        session.token = token.group(1);
        return session;
    }

    /** A complaint that the form registers, field by field. */
    public static Map<String, String> validFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Jan Jansen");
        fields.put("email", "jan@example.nl");
        fields.put("role", "CLIENT");
        fields.put("subject", "JOB_HANDLING");
        fields.put("jobDate", "2025-04-20");
        fields.put("jobReference", "OPD-4711");
        fields.put("description", "De schilder kwam twee keer niet opdagen; één keer zonder bericht.");
        fields.put("attemptedResolution", "Via de chat twee nieuwe afspraken gemaakt.");
        fields.put("chatSummary", "Schilder zegde beide keren af zonder reden.");
        return fields;
    }

    /** As a browser posts our own form: {@code Sec-Fetch-Site: same-origin}. */
    public ResponseEntity<String> post(Session session, String token, Map<String, String> fields, Map<String, byte[]> files) {
        return postFrom("same-origin", session, token, fields, files);
    }

    /** As a browser posts a form of a page on {@code site} ("same-origin", "cross-site"). */
    public ResponseEntity<String> postFrom(String site, Session session, String token, Map<String, String> fields,
                                           Map<String, byte[]> files) {
        return postTo("/klacht", site, session, token, fields, files);
    }

    /** As a browser posts our form at {@code path} (the complaint's, or the one for a message about a complaint). */
    public ResponseEntity<String> postTo(String path, String site, Session session, String token, Map<String, String> fields,
                                         Map<String, byte[]> files) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        if (token != null) {
            parts.add("_csrf", token);
        }
        fields.forEach(parts::add);
        files.forEach((name, content) -> parts.add("evidence", TestComplaints.file(name, content)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.add("Sec-Fetch-Site", site);
        if (session != null) {
            headers.add(HttpHeaders.COOKIE, session.cookie());
        }
        ResponseEntity<String> answer = http.exchange(base + path, HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
        if (session != null) {
            session.take(answer);
        }
        return answer;
    }

    public ResponseEntity<String> post(Session session, Map<String, String> fields, Map<String, byte[]> files) {
        return post(session, session.token(), fields, files);
    }

    public ResponseEntity<String> get(Session session, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, session.cookie());
        ResponseEntity<String> answer = http.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        session.take(answer);
        return answer;
    }
}
