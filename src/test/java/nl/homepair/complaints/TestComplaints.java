package nl.homepair.complaints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The complaints and files tests submit, in one place (petclinic's {@code george()}):
 * {@code submit(janJansen())}, {@code janJansen().email("els@example.nl").file("foto.png", PNG)}.
 * A rule change in intake then means one change here, not one per test.
 */
public final class TestComplaints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A small file the content check recognises as PNG: the signature and a few bytes. */
    public static final byte[] PNG = png(16);

    /** A small file the content check recognises as PDF. */
    public static final byte[] PDF = "%PDF-1.7\nfactuur\n".getBytes(StandardCharsets.US_ASCII);

    private TestComplaints() {
    }

    /** A PNG signature followed by every byte value and then reproducible random bytes. */
    public static byte[] png(int size) {
        byte[] content = new byte[Math.max(size, 8)];
        new Random(42).nextBytes(content);
        for (int i = 16; i < Math.min(content.length, 16 + 256); i++) {
            content[i] = (byte) (i - 16);
        }
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, content, 0, signature.length);
        return content;
    }

    /** A complete, valid complaint of a client about a job, as the platform sends it. */
    public static Builder janJansen() {
        return new Builder()
                .with("name", "Jan Jansen")
                .with("email", "jan@example.nl")
                .with("role", "CLIENT")
                .with("subject", "JOB_HANDLING")
                .with("jobDate", "2026-04-20")
                .with("jobReference", "OPD-4711")
                .with("description", "De schilder kwam twee keer niet opdagen.")
                .with("attemptedResolution", "Via de chat twee nieuwe afspraken gemaakt.")
                .with("chatSummary", "Schilder zegde beide keren af zonder reden.");
    }

    /** A complaint for POST /api/complaints: its fields and evidence files. */
    public static final class Builder {

        private final ObjectNode fields = JSON.createObjectNode();
        private final Map<String, byte[]> files = new LinkedHashMap<>();

        /** Sets a field; {@code null} leaves it out. */
        public Builder with(String field, String value) {
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
            return this;
        }

        public Builder name(String name) {
            return with("name", name);
        }

        public Builder email(String email) {
            return with("email", email);
        }

        public Builder description(String description) {
            return with("description", description);
        }

        public Builder file(String name, byte[] content) {
            files.put(name, content);
            return this;
        }

        public String json() {
            return fields.toString();
        }

        /** JSON without files, multipart with them, as the API accepts both. */
        public HttpEntity<?> request() {
            HttpHeaders headers = new HttpHeaders();
            if (files.isEmpty()) {
                headers.setContentType(MediaType.APPLICATION_JSON);
                return new HttpEntity<>(json(), headers);
            }
            return multipart(json(), files);
        }
    }

    /** Any JSON request body. */
    public static HttpEntity<String> jsonRequest(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** The multipart request of POST /api/complaints: the complaint as JSON and its evidence files. */
    public static HttpEntity<MultiValueMap<String, Object>> multipart(String complaintJson, Map<String, byte[]> files) {
        HttpHeaders jsonPart = new HttpHeaders();
        jsonPart.setContentType(MediaType.APPLICATION_JSON);
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("complaint", new HttpEntity<>(complaintJson, jsonPart));
        files.forEach((name, content) -> parts.add("evidence", file(name, content)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(parts, headers);
    }

    /** A file part of a multipart request, with its name. */
    public static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}
