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
 * (a session cookie and the form's token) and posts it; redirects are followed only by a
 * request of its own.
 */
public final class WebFormClient {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** What a browser holds after opening the form: its session cookie and the form's token. */
    public record Session(String cookie, String token) {
    }

    private final TestRestTemplate http;
    private final String base;

    /** For the application at {@code base} ("" when {@code http} already points at it). */
    public WebFormClient(TestRestTemplate http, String base) {
        this.http = http.withRedirects(ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
        this.base = base;
    }

    /** The same browser opening the form again (Back, or a new visit): the session's next token. */
    public Session reopen(Session session) {
        Matcher token = TOKEN.matcher(get(session, "/klacht").getBody());
        assertThat(token.find()).isTrue();
        return new Session(session.cookie(), token.group(1));
    }

    public Session open() {
        ResponseEntity<String> page = http.getForEntity(base + "/klacht", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        Matcher token = TOKEN.matcher(page.getBody());
        assertThat(token.find()).isTrue();
        return new Session(cookie.substring(0, cookie.indexOf(';')), token.group(1));
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
        return http.exchange(base + "/klacht", HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
    }

    public ResponseEntity<String> post(Session session, Map<String, String> fields, Map<String, byte[]> files) {
        return post(session, session.token(), fields, files);
    }

    public ResponseEntity<String> get(Session session, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, session.cookie());
        return http.exchange(base + path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
