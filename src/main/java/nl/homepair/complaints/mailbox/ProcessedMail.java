package nl.homepair.complaints.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A mail of the contact mailbox that was handled, by its Message-ID, written in the same
 * transaction as what it caused: a mail seen again (a restart before it was moved)
 * changes nothing.
 */
@Entity
@Table(name = "processed_mail")
public class ProcessedMail {

    /** What a mail became. */
    public enum Outcome { NEW_COMPLAINT, INFORMATION, OBJECTION, POSSIBLE_OBJECTION, NOTE, REFUSED, IGNORED, MANUAL }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "processed_mail_seq")
    @SequenceGenerator(name = "processed_mail_seq", sequenceName = "processed_mail_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, unique = true, length = 500)
    private String messageId;

    @Column(nullable = false)
    private Instant processedAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 20)
    private Outcome outcome;

    @Column(length = 20)
    private String reference;

    protected ProcessedMail() {
        // for JPA
    }

    public ProcessedMail(String messageId, Instant processedAt, Outcome outcome, String reference) {
        this.messageId = messageId;
        this.processedAt = processedAt;
        this.outcome = outcome;
        this.reference = reference;
    }

    public String getMessageId() { return messageId; }
    public Outcome getOutcome() { return outcome; }
    public String getReference() { return reference; }
    public Instant getProcessedAt() { return processedAt; }
}
