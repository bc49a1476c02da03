package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import nl.homepair.complaints.cluster.ClusterSettings;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Up to when the contact mailbox was read through: the moment a poll began that went over the whole inbox without
 * losing its connection. Kept in {@code cluster_setting}, so every node of a cluster knows it, whichever node reads.
 * A complainant's answer sent before that moment is on its case; one sent later may still wait in the mailbox (the
 * mail server or the mailbox was down), and a case whose wait for the answer ended meanwhile waits a working day
 * more instead of closing as incomplete with a mail that says no answer came (R4), for at most a week.
 */
@Component
public class MailboxReadMark {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(MailboxReadMark.class);

    static final String SETTING = "mailbox-read-until";
    /** When a poll last went over the whole inbox (the system clock), also one that held mails back: for the health. */
    static final String POLLED = "mailbox-polled-at";
    /** When a node that reads the mailbox last tried to (the system clock), whether or not it reached it. */
    static final String IN_USE = "mailbox-in-use";
    /** How often a node that reads the mailbox says so ({@link #IN_USE}); a mark older than twice this is no node's. */
    static final Duration IN_USE_REFRESH = Duration.ofMinutes(30);
    /**
     * An outage longer than this is not waited out: a mailbox that stays unreadable (a changed password) must not
     * keep every waiting case open for ever; an answer read after it goes to a handler as a mail about a closed case.
     */
    static final Duration LONGEST_WAIT = Duration.ofDays(7);

    private final ClusterSettings settings;
    private final MailboxProperties properties;

    public MailboxReadMark(ClusterSettings settings, MailboxProperties properties) {
        this.settings = settings;
        this.properties = properties;
    }

    /** The time between two polls of the contact mailbox. */
    Duration pollInterval() {
        return properties.pollInterval();
    }

    /** When this node last recorded {@link #IN_USE}; written at most every {@link #IN_USE_REFRESH}. */
    private volatile Instant inUseWritten;

    /** After a poll that read the whole inbox: every mail that arrived before {@code pollStart} was seen. */
    void readUntil(Instant pollStart) {
        settings.put(SETTING, pollStart.toString());
    }

    /** After a poll that went over the whole inbox, also one that left mails in it for the hourly limit. */
    void polled() {
        settings.put(POLLED, Instant.now().toString());
    }

    /** When a poll last went over the whole inbox, by any node; empty when none did since this was recorded. */
    Optional<Instant> lastPolled() {
        return instant(POLLED);
    }

    /** A node that reads the mailbox is about to try (whether it holds the lease or reaches the server or not). */
    void tryingToRead() {
        Instant now = Instant.now();
        if (inUseWritten == null || Duration.between(inUseWritten, now).compareTo(IN_USE_REFRESH) >= 0) {
            settings.put(IN_USE, now.toString());
            inUseWritten = now;
        }
    }

    /**
     * Whether the cluster reads the contact mailbox: this node does, or another one said lately that it does. A node
     * without {@code MAILBOX_ENABLED} runs timers of waiting cases too, and must not close them while the node that reads
     * is behind.
     */
    boolean readInTheCluster() {
        if (properties.enabled()) {
            return true;
        }
        return instant(IN_USE).map(mark -> mark.plus(IN_USE_REFRESH.multipliedBy(2)).isAfter(Instant.now())).orElse(false);
    }

    /**
     * When a node that read the mailbox was last heard of, when none has for a while and this node does not read it
     * either: the reader was stopped or died, or {@code MAILBOX_ENABLED} was switched off everywhere. Answers may lie
     * unread meanwhile. Empty while the mailbox is read, and once no node has read it for {@link #LONGEST_WAIT} (taken
     * as a mailbox no longer used: nothing waits for it any longer).
     */
    Optional<Instant> readerGoneSince() {
        if (readInTheCluster()) {
            return Optional.empty();
        }
        Instant weekAgo = Instant.now().minus(LONGEST_WAIT);
        // a node that only tried (a one-off start with the mailbox on by default, a wrong host) read nothing: no mailbox
        // was in use, and nothing waits for it
        boolean goneOverThatWeek = lastPolled().or(this::readThrough).filter(read -> read.isAfter(weekAgo)).isPresent();
        return goneOverThatWeek ? instant(IN_USE).filter(mark -> mark.isAfter(weekAgo)) : Optional.empty();
    }

    /** When a node that does not read the mailbox last looked whether the one that did is gone; when it last said so. */
    private volatile Instant goneCheckedAt;
    private volatile Instant goneSaidAt;

    /**
     * On a node that does not read the mailbox, every few minutes: when the node that read it is gone, a WARN once an
     * hour says so (the health's DOWN carries no details), with what to do.
     */
    void sayIfTheReaderIsGone() {
        Instant now = Instant.now();
        if (goneCheckedAt != null && Duration.between(goneCheckedAt, now).compareTo(Duration.ofMinutes(5)) < 0) {
            return;
        }
        goneCheckedAt = now;
        Optional<Instant> gone;
        try {
            gone = readerGoneSince();
        } catch (DataAccessException e) {
            return; // the database is away: said elsewhere
        }
        if (gone.isEmpty()) {
            goneSaidAt = null;
        } else if (goneSaidAt == null || Duration.between(goneSaidAt, now).compareTo(Duration.ofHours(1)) >= 0) {
            goneSaidAt = now;
            log.warn("No node has read the contact mailbox since {}: answers and"
                    + " mails lie unread, and cases that wait for an answer wait on (for at most a week). Start a node with"
                    + " MAILBOX_ENABLED=true; to stop using the mailbox for good, delete the row 'mailbox-in-use' of"
                    + " cluster_setting", gone.get());
        }
    }

    /**
     * Whether a node of the cluster has ever read a contact mailbox (its marks are there, however old): a node that does
     * not read it cannot tell that its folders hold nothing of a person, also while the reading node is down.
     */
    boolean everReadInTheCluster() {
        return properties.enabled() || instant(IN_USE).isPresent() || instant(SETTING).isPresent();
    }

    /**
     * Whether a mail sent before {@code moment} may still wait unread in the contact mailbox: a node of the cluster
     * reads one, or did until lately ({@link #readerGoneSince}: the node that reads it is down), and it has not been read
     * through since. False without a mailbox to read (nothing can wait there).
     */
    public boolean behind(Instant moment) {
        return behind(moment, moment);
    }

    /**
     * As {@link #behind(Instant)}, for mails that still count when they arrive after {@code moment}, up to {@code upTo}
     * (an answer in the days after its deadline): whether the mailbox was read through to the later of the two. The
     * week after {@code moment} bounds the wait all the same.
     */
    public boolean behind(Instant moment, Instant upTo) {
        if (moment == null || ClockUtil.getCurrentTime().toInstant().isAfter(moment.plus(LONGEST_WAIT))) {
            return false;
        }
        Instant until = upTo != null && upTo.isAfter(moment) ? upTo : moment;
        try {
            return (readInTheCluster() || readerGoneSince().isPresent())
                    && readThrough().map(mark -> mark.isBefore(until)).orElse(true);
        } catch (DataAccessException e) {
            return true; // cannot tell: waiting a working day more loses nothing, closing might
        }
    }

    /** The moment up to which the mailbox was read through; empty when it never was (or the mark cannot be read). */
    Optional<Instant> readThrough() {
        return instant(SETTING);
    }

    private Optional<Instant> instant(String setting) {
        try {
            return settings.get(setting).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
