package nl.homepair.complaints.intake;

/** An evidence file as received, before it is checked. */
public record EvidenceUpload(String fileName, byte[] content) {
}
