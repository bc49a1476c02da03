package nl.homepair.complaints.intake;

import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a complainant can send ({@code homepair.intake.*}), the same for every
 * channel.
 *
 * @param maxTextLength  longest description, attempted resolution or chat summary
 *                       (at most, and by default, {@link Complaint#TEXT_MAX})
 * @param maxFiles       how many evidence files one submission may carry
 * @param maxFileSize    the largest evidence file
 * @param allowedTypes   evidence types, checked against the file's content
 * @param receiptConfirmAfterDays a moment of receipt that staff give further back than this many days must be
 *                       confirmed ({@code receivedAtConfirmed}): a mistyped year is caught, an old letter is not refused
 */
@ConfigurationProperties("homepair.intake")
public record IntakeProperties(Integer maxTextLength, Integer maxFiles, DataSize maxFileSize, List<String> allowedTypes,
        Integer receiptConfirmAfterDays, Integer maxFilesPerCase) {

    public IntakeProperties {
        maxTextLength = maxTextLength == null ? Complaint.TEXT_MAX : Math.min(maxTextLength, Complaint.TEXT_MAX);
        maxFiles = maxFiles == null ? 5 : maxFiles;
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
        allowedTypes = allowedTypes == null
                ? List.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp")
                : List.copyOf(allowedTypes);
        receiptConfirmAfterDays = receiptConfirmAfterDays == null ? 30 : receiptConfirmAfterDays;
        // a case is no file store: each answer by mail may bring max-files more, and without a ceiling one
        // address could fill the database through one case (and its export, read into memory whole)
        maxFilesPerCase = maxFilesPerCase == null ? 30 : maxFilesPerCase;
    }
}
