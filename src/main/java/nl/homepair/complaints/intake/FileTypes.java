package nl.homepair.complaints.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises evidence files by their first bytes, not by name or declared type: an
 * executable renamed to "factuur.pdf" is not a PDF.
 */
public final class FileTypes {

    private FileTypes() {
    }

    public static Optional<String> detect(byte[] content) {
        if (startsWith(content, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("application/pdf");
        }
        if (startsWith(content, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of("image/png");
        }
        if (startsWith(content, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(content, 0, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(content, 0, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("image/gif");
        }
        if (startsWith(content, 0, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && startsWith(content, 8, "WEBP".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** The brands of an ISO media file that make it a HEIC/HEIF photo (what phones store photos as). */
    private static final List<String> HEIF_BRANDS = List.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    /**
     * Whether this is a photo in HEIC/HEIF, the format of many phone cameras: not evidence we can show, but a person
     * who sends one should hear what to do, not that it is "geen afbeelding".
     */
    public static boolean isHeif(byte[] content) {
        return isoMediaBrand(content).filter(HEIF_BRANDS::contains).isPresent();
    }

    /** The major brand of an ISO media file (MP4, MOV, HEIC, ...): its {@code ftyp} box's first four letters. */
    private static Optional<String> isoMediaBrand(byte[] content) {
        return startsWith(content, 4, "ftyp".getBytes(StandardCharsets.US_ASCII)) && content.length >= 12
                ? Optional.of(new String(content, 8, 4, StandardCharsets.US_ASCII)) : Optional.empty();
    }

    /**
     * Whether this is a video (MP4, a phone's MOV, 3GP, WebM or Matroska, AVI): not evidence we take, whatever its size; a
     * person who sends one should hear that, not that it is too large, and then, made smaller, "geen afbeelding".
     */
    public static boolean isVideo(byte[] content) {
        // a generic brand (isom, mp42, 3gp4) holds sound alone too (a voice recorder's file, a messenger's voice note):
        // sound tracks and no picture track make it no video; a file whose track list we cannot find counts as one
        boolean isoMedia = isoMediaBrand(content).filter(brand -> !HEIF_BRANDS.contains(brand)
                && !STILL_IMAGE_BRANDS.contains(brand) && !AUDIO_BRANDS.contains(brand)).isPresent()
                && !(hasTrackOf(content, "soun") && !hasTrackOf(content, "vide"));
        boolean matroska = startsWith(content, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3});
        boolean avi = startsWith(content, 0, "RIFF".getBytes(StandardCharsets.US_ASCII))
                && startsWith(content, 8, "AVI ".getBytes(StandardCharsets.US_ASCII));
        return isoMedia || matroska || avi;
    }

    /**
     * Whether an ISO media file declares a track of this handler type ({@code vide}, {@code soun}): a {@code hdlr} box
     * has its type 8 bytes after its name (version and flags, then a reserved word).
     */
    private static boolean hasTrackOf(byte[] content, String handler) {
        byte[] box = "hdlr".getBytes(StandardCharsets.US_ASCII);
        byte[] type = handler.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 12 + type.length <= content.length; i++) {
            if (content[i] == 'h' && startsWith(content, i, box) && startsWith(content, i + 12, type)) {
                return true;
            }
        }
        return false;
    }

    /** Brands of an ISO media file that hold a still image, not a video (AVIF, a camera's raw photo). */
    private static final List<String> STILL_IMAGE_BRANDS = List.of("avif", "avis", "crx ");
    /** Brands of an ISO media file that hold sound only (a phone's voice memo, a recorded call): no video. */
    private static final List<String> AUDIO_BRANDS = List.of("M4A ", "M4B ", "M4P ", "F4A ", "F4B ");

    /** Extensions per detected type; the first is the one given to a file that has none of them. */
    private static final Map<String, List<String>> EXTENSIONS = Map.of(
            "application/pdf", List.of("pdf"),
            "image/png", List.of("png"),
            "image/jpeg", List.of("jpg", "jpeg"),
            "image/gif", List.of("gif"),
            "image/webp", List.of("webp"));

    /**
     * The name under which a file of this detected type is stored and served: its own name
     * when the extension fits the content, else with the extension replaced ("evil.html"
     * holding a PNG becomes "evil.png"), so that no browser or mail client opens it as
     * something else.
     */
    public static String nameFor(String fileName, String type) {
        List<String> extensions = EXTENSIONS.getOrDefault(type, List.of("bin"));
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (extensions.contains(extension)) {
            return fileName;
        }
        String base = dot <= 0 ? (dot == 0 ? "bestand" : fileName) : fileName.substring(0, dot);
        return base + "." + extensions.get(0);
    }

    private static boolean startsWith(byte[] content, int offset, byte[] magic) {
        return content.length >= offset + magic.length
                && Arrays.equals(content, offset, offset + magic.length, magic, 0, magic.length);
    }
}
