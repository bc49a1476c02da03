package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Uploads that are read at the same moment: two per client network, a few per node; the rest is refused before its
 * body is read, and a finished upload frees its place. The chain of each upload starts the next one while it is
 * still being read, as parallel slow uploads overlap.
 */
class UploadsAtOnceTest {

    private static MockHttpServletRequest upload(String client) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/klacht");
        request.setServletPath("/klacht");
        request.setContentType("multipart/form-data; boundary=x");
        request.setRemoteAddr(client);
        return request;
    }

    /** Sends the uploads one inside the other, and returns each one's status (200: read, 429: refused). */
    private static List<Integer> overlapping(UploadsAtOnce filter, List<MockHttpServletRequest> uploads) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        send(filter, uploads, 0, statuses);
        return statuses;
    }

    private static void send(UploadsAtOnce filter, List<MockHttpServletRequest> uploads, int i, List<Integer> statuses)
            throws java.io.IOException, jakarta.servlet.ServletException {
        if (i == uploads.size()) {
            return;
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        int index = statuses.size();
        statuses.add(0);
        FilterChain reading = (request, r) -> send(filter, uploads, i + 1, statuses);
        filter.doFilter(uploads.get(i), response, reading);
        if (response.getStatus() == 429) {
            send(filter, uploads, i + 1, statuses); // refused at once: the next one comes anyway
            assertThat(response.getHeader("Retry-After")).isEqualTo("60");
            assertThat(response.getContentAsString()).contains("Er is niets opgeslagen");
        }
        statuses.set(index, response.getStatus());
    }

    @Test
    void twoPerClientAndAFewPerNode() throws Exception {
        UploadsAtOnce filter = new UploadsAtOnce(4);
        List<Integer> statuses = overlapping(filter, List.of(upload("203.0.113.7"), upload("203.0.113.7"),
                upload("203.0.113.7"), upload("198.51.100.1"), upload("198.51.100.2"), upload("198.51.100.3")));
        assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);

        // all finished: every place is free again
        assertThat(overlapping(filter, List.of(upload("203.0.113.7"), upload("203.0.113.7"))))
                .containsExactly(200, 200);
    }

    @Test
    void uploadsBehindALoginAreNotCounted() throws Exception {
        UploadsAtOnce filter = new UploadsAtOnce(4);
        List<MockHttpServletRequest> platform = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest request = upload("192.0.2.10");
            request.setRequestURI("/api/complaints");
            request.setServletPath("/api/complaints");
            platform.add(request);
        }
        assertThat(overlapping(filter, platform)).containsOnly(200);
        MockHttpServletRequest sneaky = upload("192.0.2.10");
        sneaky.setRequestURI("/camunda/../klacht"); // the container maps it to the web form
        MockHttpServletRequest another = upload("192.0.2.10");
        MockHttpServletRequest third = upload("192.0.2.10");
        assertThat(overlapping(filter, List.of(sneaky, another, third))).containsExactly(200, 200, 429);
        // the web applications' scripts and unknown paths below /camunda/ take no login: Spring MVC reads the body
        List<MockHttpServletRequest> assets = new ArrayList<>();
        for (String path : List.of("/camunda/assets/x.js", "/camunda/lib/y", "/camunda/x")) {
            MockHttpServletRequest request = upload("192.0.2.11");
            request.setRequestURI(path);
            request.setServletPath(path);
            assets.add(request);
        }
        assertThat(overlapping(filter, assets)).containsExactly(200, 200, 429);
        // paths that only begin like a page behind a login, the web applications' other API paths and their login
        String login = "/camunda/api/admin/auth/user/default/login/tasklist";
        for (List<String> paths : List.of(List.of("/zakenx", "/rapportage-oud", "/camunda/api/x"), List.of(login, login, login),
                List.of("/zaken", "/rapportage/", "/camunda/api/engine/engine/default/task"))) {
            List<MockHttpServletRequest> unguarded = new ArrayList<>();
            for (String path : paths) {
                MockHttpServletRequest request = upload("192.0.2.12");
                request.setRequestURI(path);
                request.setServletPath(path);
                unguarded.add(request);
            }
            assertThat(overlapping(filter, unguarded)).as(String.valueOf(paths))
                    .containsExactly(200, 200, paths.get(0).equals("/zaken") ? 200 : 429);
        }
    }

    /**
     * A complaint typed without files is a small body, read in memory at once: not counted, so that a household behind
     * one address is not refused while someone in it uploads a large photo. The web form's refusal is a page in Dutch.
     */
    @Test
    void aSmallBodyIsNotCountedAndTheFormsRefusalIsAPageInDutch() throws Exception {
        UploadsAtOnce filter = new UploadsAtOnce(4);
        List<MockHttpServletRequest> household = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MockHttpServletRequest typed = upload("203.0.113.9");
            typed.setContent(new byte[30 * 1024]);
            household.add(typed);
        }
        assertThat(overlapping(filter, household)).containsOnly(200);
        MockHttpServletRequest photo = upload("203.0.113.9");
        photo.setContent(new byte[(int) UploadsAtOnce.SMALL_BODY + 1]);
        assertThat(overlapping(filter, List.of(photo, upload("203.0.113.9"), upload("203.0.113.9"))))
                .containsExactly(200, 200, 429);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        filter.doFilter(upload("203.0.113.9"), new MockHttpServletResponse(), (a, b) ->
                filter.doFilter(upload("203.0.113.9"), new MockHttpServletResponse(), (c, d) ->
                        filter.doFilter(upload("203.0.113.9"), refused, (e, f) -> { })));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("text/html");
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("<html lang=\"nl\">",
                "Er is niets opgeslagen", "Ga terug naar je formulier", "href=\"/klacht\"");

        // a message about an existing complaint is sent back to its own form, never to the one that starts a new case
        MockHttpServletResponse refusedMessage = new MockHttpServletResponse();
        MockHttpServletRequest message = upload("203.0.113.9");
        message.setRequestURI("/klacht/bericht");
        message.setServletPath("/klacht/bericht");
        filter.doFilter(upload("203.0.113.9"), new MockHttpServletResponse(), (a, b) ->
                filter.doFilter(upload("203.0.113.9"), new MockHttpServletResponse(), (c, d) ->
                        filter.doFilter(message, refusedMessage, (e, f) -> { })));
        assertThat(refusedMessage.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("je bericht is nog niet ontvangen", "href=\"/klacht/bericht\"").doesNotContain("href=\"/klacht\"");
    }

    @Test
    void otherRequestsAreNotCounted() throws Exception {
        UploadsAtOnce filter = new UploadsAtOnce(1);
        MockHttpServletRequest json = new MockHttpServletRequest("POST", "/api/complaints");
        json.setContentType("application/json");
        json.setRemoteAddr("203.0.113.7");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(upload("203.0.113.7"), new MockHttpServletResponse(), (request, r) -> filter.doFilter(json, response,
                (inner, innerResponse) -> { }));
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
