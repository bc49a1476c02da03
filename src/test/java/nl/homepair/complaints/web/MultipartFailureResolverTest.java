package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import nl.homepair.complaints.text.FaultTexts;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * The answer to an upload that failed before any controller saw it: our disk's fault is a 503 the platform retries, a
 * broken body is the client's 400, a body too large a 413; outside {@code /api} the resolver leaves it to others.
 */
class MultipartFailureResolverTest {

    private final MultipartFailureResolver resolver = new MultipartFailureResolver(new ObjectMapper());

    @Test
    void anUploadThatFailsOnOurDiskIsAFaultNotBadInput() throws Exception {
        for (String disk : new String[] {"No space left on device",
                "The temporary upload location [/tmp/tomcat.8080.123/work/Tomcat/localhost/ROOT] is not valid"}) {
            MockHttpServletResponse response = resolve("/api/complaints", new IOException(disk));
            assertThat(response.getStatus()).as(disk).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("60");
            assertThat(response.getContentAsString()).contains(FaultTexts.NOTHING_STORED_TRY_LATER);
        }
    }

    @Test
    void aBrokenBodyIsTheClientsAndOtherPathsAreLeftAlone() throws Exception {
        MockHttpServletResponse broken = resolve("/api/complaints", new IOException("Stream ended unexpectedly"));
        assertThat(broken.getStatus()).isEqualTo(400);
        assertThat(broken.getHeader("Retry-After")).isNull();
        assertThat(broken.getContentAsString()).contains("\"message\"").doesNotContain(FaultTexts.NOTHING_STORED_TRY_LATER);

        MockHttpServletResponse large = new MockHttpServletResponse();
        assertThat(resolver.resolveException(request("/api/complaints"), large, null,
                new MaxUploadSizeExceededException(1024))).isNotNull();
        assertThat(large.getStatus()).isEqualTo(413);

        assertThat(resolver.resolveException(request("/klacht"), new MockHttpServletResponse(), null,
                new MultipartException("x", new IOException("No space left on device")))).isNull();
    }

    private MockHttpServletResponse resolve(String path, IOException cause) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(resolver.resolveException(request(path), response, null,
                new MultipartException("Failed to parse multipart servlet request", cause))).isNotNull();
        return response;
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        return request;
    }
}
