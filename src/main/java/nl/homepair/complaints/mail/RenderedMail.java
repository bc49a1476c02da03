package nl.homepair.complaints.mail;

/** A mail template rendered for one case: subject, plain text and HTML. */
public record RenderedMail(String subject, String text, String html) {
}
