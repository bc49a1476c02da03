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
    /** How often a mail server that stays away is said again in the log. */
    private static final Duration SAY_AGAIN = Duration.ofHours(1);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailServerHealth.class);

    private final JavaMailSender sender;
    private final java.util.concurrent.atomic.AtomicReference<Instant> triedAt = new java.util.concurrent.atomic.AtomicReference<>(Instant.EPOCH);
    private volatile String failure;
    /** When the log last said that the server is away; null while it answers. */
    private volatile Instant saidAt;

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
                if (failure != null) {
                    log.info("Outgoing mail server {}:{} reachable again; the mails in the outbox go out", smtp.getHost(),
                            smtp.getPort());
                }
                failure = null;
                saidAt = null;
            } catch (MessagingException e) {
                failure = CauseChain.of(e);
                // the health's answer carries no details (for whoever asks): the reason is in the log, once an hour
                if (saidAt == null || Duration.between(saidAt, now).compareTo(SAY_AGAIN) >= 0) {
                    log.warn("Outgoing mail server {}:{} does not take this node's connection{}; mails wait in the outbox: {}",
                            smtp.getHost(), smtp.getPort(), saidAt == null ? "" : " (still)", failure);
                    saidAt = now;
                }
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
