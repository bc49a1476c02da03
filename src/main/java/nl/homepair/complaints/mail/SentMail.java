package nl.homepair.complaints.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * The copy of a mail about a case (R14: every mail sent, a copy), written before the mail
 * leaves and so also the outbox: {@code deliveryKey} names the step that sends it (the job
 * and the activity, or the incoming mail it answers), so a step retried after its
 * transaction rolled back finds its mail already delivered and does not send it again;
 * {@code messageId} is the mail's stable Message-ID, the same on every attempt, so a
 * receiver can drop a duplicate of a mail whose delivery was not confirmed. A mail that
 * belongs to no case (an answer to an unknown reference, a reminder to staff) goes through
 * the same outbox without a case ({@code complaintId} empty); such a row is only the
 * outbox and is deleted after {@code homepair.privacy.caseless-mail-retention}.
 */
@Entity
@NamedQuery(name = "SentMail.findByDeliveryKey", query = "select m from SentMail m where m.deliveryKey = :deliveryKey")
@Table(name = "sent_mail", indexes = @Index(name = "ix_sent_mail_complaint", columnList = "complaint_id"),
        uniqueConstraints = @UniqueConstraint(name = "uk_sent_mail_delivery_key", columnNames = "delivery_key"))
public class SentMail {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sent_mail_seq")
    @SequenceGenerator(name = "sent_mail_seq", sequenceName = "sent_mail_seq", allocationSize = 1)
    private Long id;

    /** The case the mail is about; empty for a mail that belongs to no case. */
    @Column(name = "complaint_id")
    private Long complaintId;

    @Column(nullable = false)
    private Instant sentAt;

    @Column(nullable = false, length = 50)
    private String template;

    @Column(nullable = false, length = 254)
    private String recipient;

    @Column(nullable = false, length = 500)
    private String subject;

    @Column(nullable = false, length = 50_000)
    private String body;

    @Column(name = "html_body", length = 100_000)
    private String htmlBody;

    @Column(name = "delivery_key", length = 200)
    private String deliveryKey;

    @Column(name = "message_id", length = 250)
    private String messageId;

    /** When the mail server accepted the mail; empty while it waits for a retry. */
    private Instant deliveredAt;

    protected SentMail() {
        // for JPA
    }

    public SentMail(Long complaintId, Instant sentAt, String template, String recipient, String subject, String body,
                    String htmlBody, String deliveryKey, String messageId) {
        this.complaintId = complaintId;
        this.sentAt = sentAt;
        this.template = template;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.htmlBody = htmlBody;
        this.deliveryKey = deliveryKey;
        this.messageId = messageId;
    }

    /** Whether the mail says the same, to the same address, as {@code other}. */
    boolean saysTheSameAs(SentMail other) {
        return java.util.Objects.equals(recipient, other.recipient) && java.util.Objects.equals(subject, other.subject)
                && java.util.Objects.equals(body, other.body) && java.util.Objects.equals(htmlBody, other.htmlBody);
    }

    public Long getId() { return id; }
    public Long getComplaintId() { return complaintId; }
    public Instant getSentAt() { return sentAt; }
    public String getTemplate() { return template; }
    public String getRecipient() { return recipient; }
    public String getSubject() { return subject; }
    public String getBody() { return body; }
    public String getHtmlBody() { return htmlBody; }
    public String getDeliveryKey() { return deliveryKey; }
    public String getMessageId() { return messageId; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public boolean isDelivered() { return deliveredAt != null; }
}
