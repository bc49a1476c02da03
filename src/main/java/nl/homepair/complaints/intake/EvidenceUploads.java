package nl.homepair.complaints.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** Multipart files as evidence uploads, for every endpoint that takes evidence. */
public final class EvidenceUploads {

    private EvidenceUploads() {
    }

    public static List<EvidenceUpload> of(List<MultipartFile> files) {
        List<EvidenceUpload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                uploads.add(new EvidenceUpload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uploads;
    }

    /** The files a person chose: a file input left empty still sends a part without name or content. */
    public static List<MultipartFile> chosen(List<MultipartFile> files) {
        return files == null ? List.of() : files.stream().filter(EvidenceUploads::isChosen).toList();
    }

    private static boolean isChosen(MultipartFile file) {
        String name = file.getOriginalFilename();
        return !(file.isEmpty() && (name == null || name.isBlank()));
    }
}
