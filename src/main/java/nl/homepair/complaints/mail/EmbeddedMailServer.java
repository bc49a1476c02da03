package nl.homepair.complaints.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local mail catcher of the default run: a real SMTP and IMAP server (GreenMail) on
 * localhost, so that the application runs without any mail server configured and a
 * person can still read what was sent (at /api/mailcatcher, or with any IMAP client).
 * Off unless {@code homepair.mail.embedded-server.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "homepair.mail.embedded-server.enabled", havingValue = "true")
public class EmbeddedMailServer {

    /** Also holds the contact mailbox that the application reads (homepair.mailbox.*). */
    @Bean(destroyMethod = "stop")
    GreenMail embeddedGreenMail(@Value("${homepair.mail.embedded-server.smtp-port:3025}") int smtpPort,
                                @Value("${homepair.mail.embedded-server.imap-port:3143}") int imapPort,
                                @Value("${homepair.mailbox.username:contact@homepair.nl}") String mailboxUser,
                                @Value("${homepair.mailbox.password:contact}") String mailboxPassword) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(mailboxUser, mailboxUser, mailboxPassword);
        return greenMail;
    }
}
