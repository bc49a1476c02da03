package nl.homepair.complaints.mailbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The contact mailbox that the application reads itself (R3), {@code homepair.mailbox.*}.
 *
 * @param enabled         poll at all (off when no mailbox is configured)
 * @param protocol        {@code imap} or {@code imaps}
 * @param host            the IMAP server
 * @param port            its port (993 for imaps)
 * @param username        the mailbox login
 * @param password        its password (from the environment)
 * @param folder          where new mail arrives
 * @param processedFolder where handled mail is moved, so a restart never handles it twice
 * @param manualFolder    where mail that cannot be read automatically goes, for a handler
 * @param pollInterval    time between two polls
 * @param authservId      the authserv-id with which our receiving mail server writes its
 *                        {@code Authentication-Results} header; only that header is believed.
 *                        Empty: the topmost header (the one the last server added) is read.
 * @param leaseDuration   in a cluster only the node holding the mailbox lease reads the
 *                        mailbox; it extends the lease at every poll and every mail, and another
 *                        node takes over when the holder has not done so for this long. Longer
 *                        than {@code pollInterval}, or the nodes would take turns.
 * @param maxNewComplaintsPerHour at most this many new complaints (and mails set aside for a handler) in an hour (default
 *                        {@value #DEFAULT_MAX_NEW_COMPLAINTS_PER_HOUR}); beyond it, mails without a
 *                        reference in their subject stay in the inbox until the hour has room,
 *                        and the team leads hear of it once an hour: a wave of spam does not
 *                        become thousands of cases, each with a triage task and deadline mails
 */
@ConfigurationProperties("homepair.mailbox")
public record MailboxProperties(boolean enabled, String protocol, String host, Integer port, String username,
                                String password, String folder, String processedFolder, String manualFolder,
                                Duration pollInterval, String authservId, Duration leaseDuration,
                                Integer maxNewComplaintsPerHour) {

    public static final int DEFAULT_MAX_NEW_COMPLAINTS_PER_HOUR = 50;

    public MailboxProperties {
        maxNewComplaintsPerHour = maxNewComplaintsPerHour != null ? maxNewComplaintsPerHour : DEFAULT_MAX_NEW_COMPLAINTS_PER_HOUR;
        if (maxNewComplaintsPerHour < 1) {
            throw new IllegalArgumentException("homepair.mailbox.max-new-complaints-per-hour must be at least 1, not "
                    + maxNewComplaintsPerHour);
        }
        // the defaults and the environment variables that set them are in application.yaml
        if (enabled && (protocol == null || host == null || port == null || folder == null
                || processedFolder == null || manualFolder == null || pollInterval == null || leaseDuration == null)) {
            throw new IllegalArgumentException("homepair.mailbox: protocol, host, port, folder, processed-folder, "
                    + "manual-folder, poll-interval and lease-duration must be set when the mailbox is enabled");
        }
        if (enabled && leaseDuration.compareTo(pollInterval) <= 0) {
            throw new IllegalArgumentException("homepair.mailbox.lease-duration (" + leaseDuration
                    + ") must be longer than poll-interval (" + pollInterval + "), or the nodes of a cluster take turns");
        }
    }
}
