package nl.homepair.complaints.webform;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import nl.homepair.complaints.cluster.SharedEvents;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many complaints the web form registered for one e-mail address within the last day, counted by all nodes
 * ({@code web_form_address}, the address as a SHA-256). Each registered complaint sends an acknowledgement from
 * HomePair to the address typed in the form: without a cap per address, a stranger who changes networks had our mails
 * sent to someone else's address by the hundred, and every one was a case in the handlers' queue. Beyond
 * {@code homepair.webform.max-complaints-per-address} (3) the form refuses with a Dutch message and stores nothing; a
 * complainant with more to say answers the acknowledgement of an earlier complaint. When the database cannot be read,
 * the registration itself answers.
 */
@Component
public class ComplaintsPerAddress {

    private static final Logger log = LoggerFactory.getLogger(ComplaintsPerAddress.class);
    static final Duration DAY = Duration.ofDays(1);

    private final SharedEvents registered;
    private final int max;

    public ComplaintsPerAddress(JdbcTemplate jdbc, WebFormProperties properties) {
        this.registered = new SharedEvents(jdbc, "web_form_address", "submitted_at", DAY);
        this.max = properties.maxComplaintsPerAddress();
    }

    public int max() {
        return max;
    }

    /** Whether the form registered as many complaints for this address within the last day as it may. */
    public boolean full(String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        try {
            return registered.between(key(email), now.minus(DAY), now) >= max;
        } catch (DataAccessException e) {
            log.debug("Web form complaints per address not readable; the registration answers", e);
            return false;
        }
    }

    /** Counts a complaint the form registered for this address. */
    public void registered(String email) {
        try {
            registered.record(key(email), ClockUtil.getCurrentTime().toInstant());
        } catch (DataAccessException e) {
            log.warn("Web form complaint not counted for its address: {}", e.getMessage());
        }
    }

    /** Forgets every count (tests, which send many complaints from one address). */
    public void clear() {
        registered.forgetAll();
    }

    private static String key(String email) {
        return "address:" + email.strip().toLowerCase(Locale.ROOT);
    }
}
