package nl.homepair.complaints.casework;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff pages' settings.
 *
 * @param timelineRefresh how often an open case page fetches its timeline again (15 seconds): a chat message, a mail or a
 *                        completed task shows up without reloading the page
 */
@ConfigurationProperties("homepair.casework")
public record CaseworkProperties(Duration timelineRefresh) {

    public CaseworkProperties {
        timelineRefresh = timelineRefresh == null || timelineRefresh.toMillis() < 1000 ? Duration.ofSeconds(15) : timelineRefresh;
    }
}
