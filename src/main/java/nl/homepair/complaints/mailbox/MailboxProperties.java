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
 */
@ConfigurationProperties("homepair.mailbox")
public record MailboxProperties(boolean enabled, String protocol, String host, Integer port, String username,
                                String password, String folder, String processedFolder, String manualFolder,
                                Duration pollInterval, String authservId) {

    public MailboxProperties {
        // the defaults and the environment variables that set them are in application.yaml
        if (enabled && (protocol == null || host == null || port == null || folder == null
                || processedFolder == null || manualFolder == null || pollInterval == null)) {
            throw new IllegalArgumentException("homepair.mailbox: protocol, host, port, folder, processed-folder, "
                    + "manual-folder and poll-interval must be set when the mailbox is enabled");
        }
    }
}
