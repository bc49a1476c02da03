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
 * drift apart: each file may be a little larger than allowed, so that our own check names the
 * file that is too large, and the request no larger than that many such files. Everything
 * beyond is refused before it is read: an anonymous client of the web form could otherwise
 * make the server read 120 MB per request into memory before any check.
 */
@Configuration(proxyBeanMethods = false)
public class UploadLimits {

    /** What a file may exceed the intake's limit by and still reach our check; also the room for the form's fields. */
    static final DataSize MARGIN = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, IntakeProperties intake) {
        long file = intake.maxFileSize().toBytes() + MARGIN.toBytes();
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setLocation(multipart.getLocation());
        factory.setFileSizeThreshold(multipart.getFileSizeThreshold());
        factory.setMaxFileSize(DataSize.ofBytes(file));
        factory.setMaxRequestSize(DataSize.ofBytes(intake.maxFiles() * file + MARGIN.toBytes()));
        return factory.createMultipartConfig();
    }
}
