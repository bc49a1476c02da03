package nl.homepair.complaints.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.CannotCreateTransactionException;

/** What waits for the next try (the server is away) and what is about the work itself (trying again changes nothing). */
class OutageTest {

    @Test
    void aMailServerThatCannotBeReachedIsAnOutage() {
        // as JavaMailSenderImpl reports a connection that failed
        assertThat(Outage.isOutage(new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))))).isTrue();
        assertThat(Outage.isOutage(new MailAuthenticationException("535 authentication failed"))).isTrue();
    }

    @Test
    void aRecipientTheServerRefusesIsNoOutage() {
        // as JavaMailSenderImpl reports a message the server refused: one exception per message, no cause
        MailSendException refused = new MailSendException(Map.of(new Object(),
                new SendFailedException("Invalid Addresses", new MessagingException("550 5.1.1 no such user"))));
        assertThat(Outage.isOutage(refused)).isFalse();
        assertThat(Outage.isOutage(new IllegalStateException("wrapped", refused))).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAnOutageAndARefusedValueIsNot() {
        assertThat(Outage.isOutage(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Outage.isOutage(new DataIntegrityViolationException("value too long"))).isFalse();
    }
}
