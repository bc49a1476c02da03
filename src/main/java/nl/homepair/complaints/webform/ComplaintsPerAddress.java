package nl.homepair.complaints.webform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.homepair.complaints.cluster.SharedEventTables;
import nl.homepair.complaints.cluster.SharedEvents;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * How many complaints the web form registered for one e-mail address within the last day, counted by all nodes
 * ({@code web_form_address}, the address signed with the cluster's key). Each registered complaint sends an acknowledgement from
 * HomePair to the address typed in the form: without a cap per address, a stranger who changes networks had our mails
 * sent to someone else's address by the hundred, and every one was a case in the handlers' queue. Beyond
 * {@code homepair.webform.max-complaints-per-address} (3) within 24 hours the form refuses with a Dutch message and
 * stores nothing; a complainant with more to say answers the acknowledgement of an earlier complaint or mails the
 * contact address. When the database cannot be read, the registration itself answers.
 */
@Component
public class ComplaintsPerAddress {

    private static final Logger log = LoggerFactory.getLogger(ComplaintsPerAddress.class);
    static final Duration DAY = Duration.ofDays(1);

    private final SharedEvents registered;
    private final int max;

    public ComplaintsPerAddress(SharedEventTables tables, WebFormProperties properties) {
        this.registered = tables.of("web_form_address", "submitted_at", DAY);
        this.max = properties.maxComplaintsPerAddress();
    }

    public int max() {
        return max;
    }

    /**
     * How long until the form takes another complaint for this address, when it registered as many within the last 24
     * hours as it may; empty when it takes one now. Two posts at the same moment (on two nodes) may both pass: the cap
     * is about hundreds, not one more.
     */
    public Optional<Duration> waitFor(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        try {
            List<Instant> latest = registered.latest(key(email), now.minus(DAY), now, max);
            return latest.size() < max ? Optional.empty()
                    : Optional.of(Duration.between(now, latest.get(latest.size() - 1).plus(DAY)));
        } catch (DataAccessException e) {
            log.debug("Web form complaints per address not readable; the registration answers", e);
            return Optional.empty();
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

    /**
     * One mailbox, however the address is written: in lower case, without a "+tag" after the name (every large mail
     * service delivers jan+1@ to jan@), and for Gmail without the dots in the name it ignores.
     */
    static String key(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "address:" + address;
        }
        String name = address.substring(0, at);
        String domain = address.substring(at + 1);
        int tag = name.indexOf('+');
        if (tag > 0) {
            name = name.substring(0, tag);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            name = name.replace(".", "");
            domain = "gmail.com";
        }
        return "address:" + name + "@" + domain;
    }
}
