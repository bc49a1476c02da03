package nl.homepair.complaints.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plain statements in the caller's transaction. As a JPQL bulk update, Hibernate translated
 * "delivered" again for every mail and scheduled its bulk-operation clean-up: a twentieth of
 * a node's CPU in the timer storm (JFR, issue 16), for one row by its key.
 */
class SentMailDeliveryImpl implements SentMailDelivery {

    private final JdbcTemplate jdbc;

    SentMailDeliveryImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int markDelivered(Long id, Instant at) {
        return jdbc.update("update sent_mail set delivered_at = ? where id = ?", utc(at), id);
    }

    @Override
    public int rewriteUndelivered(SentMail fresh, Long id) {
        return jdbc.update("update sent_mail set sent_at = ?, template = ?, recipient = ?, subject = ?, body = ?, html_body = ?,"
                + " message_id = ? where id = ? and delivered_at is null", utc(fresh.getSentAt()), fresh.getTemplate(),
                fresh.getRecipient(), fresh.getSubject(), fresh.getBody(), fresh.getHtmlBody(), fresh.getMessageId(), id);
    }

    @Override
    public int readdressUndelivered(Long complaintId, String from, String to) {
        return jdbc.update("update sent_mail set recipient = ? where complaint_id = ? and lower(recipient) = ? and delivered_at is null",
                to, complaintId, from.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public int deleteUndelivered(String deliveryKey) {
        return jdbc.update("delete from sent_mail where delivery_key = ? and delivered_at is null", deliveryKey);
    }

    @Override
    public int deleteCaselessBefore(Instant before) {
        return jdbc.update("delete from sent_mail where complaint_id is null and sent_at < ?", utc(before));
    }

    @Override
    public int deleteCaselessAbout(String address) {
        String lower = address.strip().toLowerCase(Locale.ROOT);
        String mentioned = nl.homepair.complaints.text.PlainText.likeContaining(lower);
        return jdbc.update("delete from sent_mail where complaint_id is null and (lower(recipient) = ?"
                + " or lower(body) like ? escape '\\')", lower, mentioned);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
