package nl.homepair.complaints.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One plain {@code UPDATE} in the caller's transaction. As a JPQL bulk update, Hibernate
 * translated the statement again for every mail and scheduled its bulk-operation clean-up:
 * a twentieth of a node's CPU in the timer storm (JFR, issue 16), for one row by its key.
 */
class SentMailDeliveryImpl implements SentMailDelivery {

    private final JdbcTemplate jdbc;

    SentMailDeliveryImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int markDelivered(Long id, Instant at) {
        return jdbc.update("update sent_mail set delivered_at = ? where id = ?", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id);
    }
}
