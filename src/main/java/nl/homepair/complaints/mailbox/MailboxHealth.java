package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import nl.homepair.complaints.cluster.ClusterSettings;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailbox}: whether the contact mailbox was read through lately, by any node
 * of the cluster (the read mark in {@code cluster_setting}). DOWN when it was not for {@link #STALE} (15 minutes, or three
 * poll intervals if longer): answers and objections lie unread, complaints by mail are not taken in, and the cases
 * that wait for an answer wait on. UNKNOWN when the application reads no mailbox, or has never read it through.
 */
@Component("mailbox")
public class MailboxHealth extends AbstractHealthIndicator {

    static final Duration STALE = Duration.ofMinutes(15);

    private final ClusterSettings settings;
    private final MailboxProperties properties;

    public MailboxHealth(ClusterSettings settings, MailboxProperties properties) {
        super("Contact mailbox health check failed");
        this.settings = settings;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!properties.enabled()) {
            builder.unknown().withDetail("reason", "not read by this application");
            return;
        }
        Instant readUntil;
        try {
            readUntil = settings.get(MailboxReadMark.SETTING).map(Instant::parse).orElse(null);
        } catch (DateTimeParseException e) {
            readUntil = null;
        }
        if (readUntil == null) {
            builder.unknown().withDetail("reason", "never read through");
            return;
        }
        Duration stale = properties.pollInterval().multipliedBy(3).compareTo(STALE) > 0 ? properties.pollInterval().multipliedBy(3) : STALE;
        Duration behind = Duration.between(readUntil, Instant.now());
        (behind.compareTo(stale) > 0 ? builder.down() : builder.up()).withDetail("readUntil", readUntil.toString());
    }
}
