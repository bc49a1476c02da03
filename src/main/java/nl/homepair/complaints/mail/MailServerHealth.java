package nl.homepair.complaints.mail;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailServer}: whether the outgoing mail server takes this node's
 * connection and login. DOWN while it does not: acknowledgements, decisions and the team leads' alerts wait in the
 * outbox (and are sent once it is back), and an alert about it cannot reach anyone by mail, so monitoring must see it
 * here. Tried at most once a minute, so that a load balancer's polling does not open a connection each time.
 */
@Component("mailServer")
public class MailServerHealth extends AbstractHealthIndicator {

    private static final Duration TRY_EVERY = Duration.ofMinutes(1);

    private final JavaMailSender sender;
    private volatile Instant triedAt = Instant.EPOCH;
    private volatile String failure;

    public MailServerHealth(JavaMailSender sender) {
        super("Mail server health check failed");
        this.sender = sender;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = Instant.now();
        if (Duration.between(triedAt, now).compareTo(TRY_EVERY) >= 0 && sender instanceof JavaMailSenderImpl smtp) {
            try {
                smtp.testConnection();
                failure = null;
            } catch (MessagingException e) {
                failure = CauseChain.of(e);
            }
            triedAt = now;
        }
        String failed = failure;
        if (failed == null) {
            builder.up();
        } else {
            builder.down().withDetail("error", failed);
        }
    }
}
