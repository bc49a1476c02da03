package nl.homepair.complaints.webform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the public web form ({@code homepair.webform.*}).
 *
 * @param rateLimit               how many complaints one client address may send in a window
 * @param maxComplaintsPerAddress how many complaints the form registers for one e-mail address within a day
 *                                ({@link ComplaintsPerAddress})
 */
@ConfigurationProperties("homepair.webform")
public record WebFormProperties(RateLimit rateLimit, Integer maxComplaintsPerAddress) {

    public WebFormProperties {
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null) : rateLimit;
        maxComplaintsPerAddress = maxComplaintsPerAddress == null ? 3 : maxComplaintsPerAddress;
    }

    /**
     * @param maxSubmissions     complaints per client address within {@code window}
     * @param window             the sliding window the submissions are counted in
     * @param maxClients         how many client addresses are remembered at most; the least
     *                           recently seen is forgotten first, so memory stays bounded
     * @param maxWithFilesPerDay complaints and messages with files per client address within a day, counted by all
     *                           nodes: each may store 5 files of 10 MB, and the 10-minute limit alone let one address
     *                           store some 36 GB a day (a stranger filling the database's disk)
     */
    public record RateLimit(Integer maxSubmissions, Duration window, Integer maxClients, Integer maxWithFilesPerDay) {

        public RateLimit {
            maxSubmissions = maxSubmissions == null ? 5 : maxSubmissions;
            window = window == null ? Duration.ofMinutes(10) : window;
            maxClients = maxClients == null ? 10_000 : maxClients;
            maxWithFilesPerDay = maxWithFilesPerDay == null ? 10 : maxWithFilesPerDay;
        }
    }
}
