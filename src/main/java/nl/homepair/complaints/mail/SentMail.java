package nl.homepair.complaints.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** The copy of a mail that was sent about a case (R14: every mail sent, a copy). */
@Entity
@Table(name = "sent_mail", indexes = @Index(name = "ix_sent_mail_complaint", columnList = "complaint_id"))
public class SentMail {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sent_mail_seq")
    @SequenceGenerator(name = "sent_mail_seq", sequenceName = "sent_mail_seq", allocationSize = 1)
    private Long id;

    @Column(name = "complaint_id", nullable = false)
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

    protected SentMail() {
        // for JPA
    }

    public SentMail(Long complaintId, Instant sentAt, String template, String recipient, String subject, String body) {
        this.complaintId = complaintId;
        this.sentAt = sentAt;
        this.template = template;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
    }

    public Long getId() { return id; }
    public Long getComplaintId() { return complaintId; }
    public Instant getSentAt() { return sentAt; }
    public String getTemplate() { return template; }
    public String getRecipient() { return recipient; }
    public String getSubject() { return subject; }
    public String getBody() { return body; }
}
