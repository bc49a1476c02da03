package nl.homepair.complaints.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A file someone sent us (evidence, a set-aside message's attachment), given to staff's browser: shown inline only when
 * its content was recognised as an image or PDF, else only downloaded; never sniffed, never cached, and in a sandbox
 * where nothing in it runs.
 */
public final class SandboxedFiles {

    private SandboxedFiles() {
    }

    /** @param recognisedType the type its first bytes show (an image, PDF), or null: then a download */
    public static ResponseEntity<byte[]> response(byte[] content, String recognisedType, String fileName) {
        ContentDisposition disposition = (recognisedType != null ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(fileName, StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(recognisedType != null ? MediaType.parseMediaType(recognisedType) : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }
}
