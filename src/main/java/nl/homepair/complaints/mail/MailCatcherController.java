package nl.homepair.complaints.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * A page of the mails the embedded mail catcher received, in the default run, for
 * administrators only: it shows every case's mails at once, also those of erased
 * addresses, which no other role may see together (R12, R13). Staff read a case's
 * mails in its case file ({@code /api/complaints/{ref}/mails}).
 */
@RestController
public class MailCatcherController {

    private final ObjectProvider<GreenMail> embeddedServer;
    private final CurrentUser currentUser;

    /** @param embeddedServer the embedded mail catcher, absent unless homepair.mail.embedded-server.enabled */
    public MailCatcherController(ObjectProvider<GreenMail> embeddedServer, CurrentUser currentUser) {
        this.embeddedServer = embeddedServer;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/mailcatcher", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    public String mails() throws MessagingException, IOException {
        if (!currentUser.isIn(Groups.ADMINS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Alleen beheerders zien alle verzonden e-mails.");
        }
        GreenMail greenMail = embeddedServer.getIfAvailable();
        if (greenMail == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Er draait geen lokale mailcatcher.");
        }
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Verzonden e-mails</title>
                <style>body{font-family:sans-serif;margin:2em}article{border:1px solid #ccc;margin:1em 0;padding:1em}
                pre{white-space:pre-wrap}</style></head><body><h1>Verzonden e-mails (lokale mailcatcher)</h1>
                """);
        // newest first, by the moment sent (the catcher keeps them in order of arrival)
        MimeMessage[] messages = greenMail.getReceivedMessages();
        java.util.List<MimeMessage> newestFirst = new java.util.ArrayList<>(java.util.Arrays.asList(messages));
        java.util.Collections.reverse(newestFirst);
        newestFirst.sort(java.util.Comparator.comparing(MailCatcherController::sentAt).reversed());
        for (MimeMessage m : newestFirst) {
            page.append("<article><h2>").append(esc(m.getSubject())).append("</h2><p>Aan: ")
                    .append(esc(addresses(m.getAllRecipients()))).append("<br>Verzonden: ")
                    .append(esc(m.getSentDate() == null ? "onbekend" : nl.homepair.complaints.text.DutchDates.moment(m.getSentDate().toInstant()))).append("</p><pre>")
                    .append(esc(MailText.plainText(m).orElse("(geen platte tekst)"))).append("</pre></article>");
        }
        if (messages.length == 0) {
            page.append("<p>Nog geen e-mails verzonden.</p>");
        }
        return page.append("</body></html>").toString();
    }

    private static java.util.Date sentAt(MimeMessage message) {
        try {
            return message.getSentDate() == null ? new java.util.Date(0) : message.getSentDate();
        } catch (MessagingException e) {
            return new java.util.Date(0);
        }
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
