package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    private final MailboxReadMark readMark;
    private final MailboxProperties properties;

    public MailboxHealth(MailboxReadMark readMark, MailboxProperties properties) {
        super("Contact mailbox health check failed");
        this.readMark = readMark;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!properties.enabled()) {
            builder.unknown().withDetail("reason", "not read by this application");
            return;
        }
        Optional<Instant> readUntil = readMark.readThrough();
        if (readUntil.isEmpty()) {
            builder.unknown().withDetail("reason", "never read through");
            return;
        }
        Duration threePolls = properties.pollInterval().multipliedBy(3);
        Duration stale = threePolls.compareTo(STALE) > 0 ? threePolls : STALE;
        boolean behind = Duration.between(readUntil.get(), Instant.now()).compareTo(stale) > 0;
        (behind ? builder.down() : builder.up()).withDetail("readUntil", readUntil.get().toString());
    }
}
