package nl.homepair.complaints.intake;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * How much of a multipart request the server takes at all, derived from what the intake
 * accepts ({@code homepair.intake.max-files} and {@code max-file-size}), so the two cannot
 * drift apart: the request no larger than that many files of a little more than the allowed
 * size, and one file as large as the whole request, so that our own check names a file that is
 * too large (a 12 MB video) and the web form keeps what was typed. Everything beyond is refused
 * before it is read: an anonymous client of the web form could otherwise make the server read
 * 120 MB per request into memory before any check.
 */
@Configuration(proxyBeanMethods = false)
public class UploadLimits {

    /** What a file may exceed the intake's limit by and still reach our check; also the room for the form's fields. */
    static final DataSize MARGIN = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, IntakeProperties intake) {
        long file = intake.maxFileSize().toBytes() + MARGIN.toBytes();
        long request = intake.maxFiles() * file + MARGIN.toBytes();
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setLocation(multipart.getLocation());
        factory.setFileSizeThreshold(multipart.getFileSizeThreshold());
        factory.setMaxFileSize(DataSize.ofBytes(request));
        factory.setMaxRequestSize(DataSize.ofBytes(request));
        return factory.createMultipartConfig();
    }
}
