package nl.homepair.complaints.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** A deployment as Camunda Modeler's Deploy button sends it: multipart to /engine-rest/deployment/create. */
public final class ModelerDeploy {

    private ModelerDeploy() {
    }

    public static ResponseEntity<JsonNode> deploy(TestRestTemplate caller, String fileName, String content) {
        return deploy(caller, Map.of(fileName, content));
    }

    public static ResponseEntity<JsonNode> deploy(TestRestTemplate caller, Map<String, String> files) {
        return deploy(caller, files, "Camunda Modeler");
    }

    /** As {@link #deploy(TestRestTemplate, Map)}, naming another source (any caller may). */
    public static ResponseEntity<JsonNode> deploy(TestRestTemplate caller, Map<String, String> files, String source) {
        return deploy(caller, files, source, "modeler");
    }

    /** As {@link #deploy(TestRestTemplate, Map, String)}, with the name the Modeler's deploy dialog gives. */
    public static ResponseEntity<JsonNode> deploy(TestRestTemplate caller, Map<String, String> files, String source,
                                                  String deploymentName) {
        return deploy(caller, files, Map.of("deployment-name", deploymentName, "deployment-source", source));
    }

    /** As the Modeler's deploy dialog sends it with the given fields filled in (e.g. {@code tenant-id}). */
    public static ResponseEntity<JsonNode> deploy(TestRestTemplate caller, Map<String, String> files, Map<String, String> fields) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        fields.forEach(parts::add);
        files.forEach((fileName, content) -> parts.add(fileName, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return caller.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), JsonNode.class);
    }

    /** A model of the repository as text, to change as a manager would. */
    public static String repositoryModel(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
