package nl.homepair.complaints.mail;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public address of the web form for a message about a case ({@code /klacht/bericht}), {@code homepair.message-form.url}:
 * the mails that open the objection window name it beside the contact mailbox. Empty by default: only the operator knows
 * the address the public reaches the application at (not {@code localhost}), and a mail without it says only "mail ons".
 */
@ConfigurationProperties("homepair.message-form")
public record MessageForm(String url) {

    public MessageForm {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !(url.startsWith("https://") || url.startsWith("http://")) || url != null && URI.create(url).getHost() == null) {
            throw new IllegalArgumentException("homepair.message-form.url must be a full web address such as "
                    + "https://klachten.homepair.nl/klacht/bericht, not '" + url + "'");
        }
    }
}
