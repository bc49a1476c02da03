package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A JSON body over the limit is refused before anything reads it, whatever JSON type it names (Jackson reads +json too). */
class JsonBodyLimitTest {

    private static MockHttpServletResponse post(String contentType, long length, AtomicBoolean passed) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/complaints/KL-2026-000001/chat-messages") {
            @Override
            public long getContentLengthLong() {
                return length;
            }
        };
        request.setContentType(contentType);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SecurityHeadersFilter().doFilter(request, response, (req, res) -> passed.set(true));
        return response;
    }

    @Test
    void everyJsonTypeHasTheLimit() throws Exception {
        for (String type : new String[] {"application/json", "application/json;charset=UTF-8", "application/vnd.homepair+json",
            "APPLICATION/PROBLEM+JSON; charset=utf-8"}) {
            AtomicBoolean passed = new AtomicBoolean();
            MockHttpServletResponse response = post(type, SecurityHeadersFilter.MAX_JSON_BYTES + 1, passed);
            assertThat(response.getStatus()).as(type).isEqualTo(413);
            assertThat(response.getContentAsString()).contains("De aanvraag is te groot");
            assertThat(passed).as(type).isFalse();
        }
        AtomicBoolean small = new AtomicBoolean();
        post("application/vnd.homepair+json", 100, small);
        assertThat(small).isTrue();
        AtomicBoolean multipart = new AtomicBoolean();
        post("multipart/form-data; boundary=x", SecurityHeadersFilter.MAX_JSON_BYTES + 1, multipart);
        assertThat(multipart).as("files have their own limits").isTrue();
    }
}
