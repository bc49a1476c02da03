package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import nl.homepair.complaints.cluster.ClusterSettings;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

    static final String SETTING = "mailbox-read-until";
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

    /** After a poll that read the whole inbox: every mail that arrived before {@code pollStart} was seen. */
    void readUntil(Instant pollStart) {
        settings.put(SETTING, pollStart.toString());
    }

    /**
     * Whether a mail sent before {@code moment} may still wait unread in the contact mailbox: the application reads
     * one, and has not read it through since. False without a mailbox to read (nothing can wait there).
     */
    public boolean behind(Instant moment) {
        if (!properties.enabled() || moment == null
                || ClockUtil.getCurrentTime().toInstant().isAfter(moment.plus(LONGEST_WAIT))) {
            return false;
        }
        try {
            return readThrough().map(mark -> mark.isBefore(moment)).orElse(true);
        } catch (DataAccessException e) {
            return true; // cannot tell: waiting a working day more loses nothing, closing might
        }
    }

    /** The moment up to which the mailbox was read through; empty when it never was (or the mark cannot be read). */
    Optional<Instant> readThrough() {
        try {
            return settings.get(SETTING).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
