package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mailbox}: whether the contact mailbox was gone over lately, by any node of the
 * cluster (the marks in {@code cluster_setting}). DOWN when it was not for {@link #STALE} (15 minutes, or three poll
 * intervals if longer): answers and objections lie unread, complaints by mail are not taken in, and the cases that wait
 * for an answer wait on. Also DOWN when it was never gone over and this node has run that long (a wrong password or host
 * from the first start). A poll that leaves mails in the inbox for the hourly limit of new complaints went over it: UP,
 * with how far the mails were read through. DOWN too when the only node that read it is gone (stopped, died, or
 * {@code MAILBOX_ENABLED} switched off everywhere), for a week. UNKNOWN when no node of the cluster reads a mailbox (nor
 * did that week), and in a node's first minutes before any poll.
 */
@Component("mailbox")
public class MailboxHealth extends AbstractHealthIndicator {

    static final Duration STALE = Duration.ofMinutes(15);

    private final MailboxReadMark readMark;
    private final MailboxProperties properties;
    private final Instant started;

    @org.springframework.beans.factory.annotation.Autowired
    public MailboxHealth(MailboxReadMark readMark, MailboxProperties properties) {
        this(readMark, properties, Instant.now());
    }

    /** @param started when this node started: a mailbox never read through is DOWN once the node has run a while */
    public MailboxHealth(MailboxReadMark readMark, MailboxProperties properties, Instant started) {
        super("Contact mailbox health check failed");
        this.readMark = readMark;
        this.properties = properties;
        this.started = started;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!readMark.readInTheCluster()) {
            Optional<Instant> gone = readMark.readerGoneSince();
            if (gone.isPresent()) {
                // the node that read it was stopped or died: answers lie unread, and waiting cases wait on
                builder.down().withDetail("reason", "no node reads the mailbox any more").withDetail("lastReader",
                        gone.get().toString());
            } else {
                builder.unknown().withDetail("reason", "not read by this application");
            }
            return;
        }
        Duration threePolls = properties.pollInterval() == null ? STALE : properties.pollInterval().multipliedBy(3);
        Duration stale = threePolls.compareTo(STALE) > 0 ? threePolls : STALE;
        Instant now = Instant.now();
        Optional<Instant> readUntil = readMark.readThrough();
        // the system clock's mark; the read mark is the engine's clock (which tests and time travel move), and stands
        // for a database of before the mark was kept
        Optional<Instant> goneOver = readMark.lastPolled().or(() -> readUntil);
        if (goneOver.isEmpty()) {
            boolean longEnough = Duration.between(started, now).compareTo(stale) > 0;
            (longEnough ? builder.down() : builder.unknown()).withDetail("reason", "never read through");
            return;
        }
        boolean behind = Duration.between(goneOver.get(), now).compareTo(stale) > 0;
        (behind ? builder.down() : builder.up()).withDetail("readUntil", readUntil.map(Instant::toString).orElse("-"))
                .withDetail("polledAt", goneOver.get().toString());
    }
}
