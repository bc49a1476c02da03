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
        rateLimit = rateLimit == null ? new RateLimit(null, null, null) : rateLimit;
        maxComplaintsPerAddress = maxComplaintsPerAddress == null ? 3 : maxComplaintsPerAddress;
    }

    /**
     * @param maxSubmissions complaints per client address within {@code window}
     * @param window         the sliding window the submissions are counted in
     * @param maxClients     how many client addresses are remembered at most; the least
     *                       recently seen is forgotten first, so memory stays bounded
     */
    public record RateLimit(Integer maxSubmissions, Duration window, Integer maxClients) {

        public RateLimit {
            maxSubmissions = maxSubmissions == null ? 5 : maxSubmissions;
            window = window == null ? Duration.ofMinutes(10) : window;
            maxClients = maxClients == null ? 10_000 : maxClients;
        }
    }
}
