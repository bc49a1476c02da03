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
 * here. Tried at most once a minute by one caller, so that a load balancer's polling (or anyone's flood of calls) does not
 * open a connection each time.
 */
@Component("mailServer")
public class MailServerHealth extends AbstractHealthIndicator {

    private static final Duration TRY_EVERY = Duration.ofMinutes(1);

    private final JavaMailSender sender;
    private final java.util.concurrent.atomic.AtomicReference<Instant> triedAt = new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);
    private volatile String failure;

    public MailServerHealth(JavaMailSender sender) {
        super("Mail server health check failed");
        this.sender = sender;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = Instant.now();
        Instant last = triedAt.get();
        // one caller tries, the others read what the last try found: anonymous calls in a flood open no connections
        if (Duration.between(last, now).compareTo(TRY_EVERY) >= 0 && sender instanceof JavaMailSenderImpl smtp
                && triedAt.compareAndSet(last, now)) {
            try {
                smtp.testConnection();
                failure = null;
            } catch (MessagingException e) {
                failure = CauseChain.of(e);
            }
        }
        String failed = failure;
        if (failed == null) {
            builder.up();
        } else {
            builder.down().withDetail("error", failed);
        }
    }
}
