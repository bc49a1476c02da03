package nl.homepair.complaints.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.Optional;

/** Reads the text bodies of a MIME message, however deeply they are nested. */
public final class MailText {

    private MailText() {
    }

    /** The first text/plain body that is not an attachment. */
    public static Optional<String> plainText(Part part) throws MessagingException, IOException {
        return body(part, "text/plain");
    }

    /** The first text/html body that is not an attachment. */
    public static Optional<String> html(Part part) throws MessagingException, IOException {
        return body(part, "text/html");
    }

    private static Optional<String> body(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> text = body(multipart.getBodyPart(i), mimeType);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }
}
