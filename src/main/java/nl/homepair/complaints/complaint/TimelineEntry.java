package nl.homepair.complaints.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.homepair.complaints.text.PlainText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One thing that happened to a case, by whom and when (R14). Append-only. */
@Entity
@NamedQuery(name = "TimelineEntry.findByComplaintIdOrderByOccurredAtAscIdAsc",
        query = "select t from TimelineEntry t where t.complaintId = :complaintId order by t.occurredAt asc, t.id asc")
@NamedQuery(name = "TimelineEntry.findByComplaintIdAndIdempotencyKey",
        query = "select t from TimelineEntry t where t.complaintId = :complaintId and t.idempotencyKey = :idempotencyKey")
@Table(name = "timeline_entry", indexes = @Index(name = "ix_timeline_complaint", columnList = "complaint_id"))
public class TimelineEntry {

    public static final int SUMMARY_MAX = 12_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "timeline_seq")
    @SequenceGenerator(name = "timeline_seq", sequenceName = "timeline_seq", allocationSize = 1)
    private Long id;

    @Column(name = "complaint_id", nullable = false)
    private Long complaintId;

    @Column(nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 30)
    private TimelineEventType type;

    /** A staff user id, "systeem" or the complainant's channel. */
    @Column(nullable = false, length = 100)
    private String actor;

    @Column(nullable = false, length = SUMMARY_MAX)
    private String summary;

    /**
     * What someone other than the complainant said or got (the user a measure was taken against, the
     * other party): left out of the complainant's copy of their data (GDPR art. 15(4)).
     */
    @Column(name = "about_others", nullable = false)
    private boolean aboutOthers;

    /**
     * The caller and the {@code Idempotency-Key} of the request that wrote the entry ({@code <caller>:<key>}), unique
     * per case (migration V18): a chat message delivered again is on the case once.
     */
    @Column(name = "idempotency_key", length = 320)
    private String idempotencyKey;

    protected TimelineEntry() {
        // for JPA
    }

    public TimelineEntry(Long complaintId, Instant occurredAt, TimelineEventType type, String actor, String summary) {
        this(complaintId, occurredAt, type, actor, summary, false);
    }

    public TimelineEntry(Long complaintId, Instant occurredAt, TimelineEventType type, String actor, String summary,
            boolean aboutOthers) {
        this.aboutOthers = aboutOthers;
        this.complaintId = complaintId;
        this.occurredAt = occurredAt;
        this.type = type;
        this.actor = actor;
        this.summary = fitted(summary);
    }

    /**
     * The summary as an entry keeps it: at most {@link #SUMMARY_MAX} characters, and a text cut to fit says so (a long
     * mail or message read on the case page as if it ended there would mislead the handler).
     */
    public static String fitted(String summary) {
        return summary == null || summary.length() <= SUMMARY_MAX ? summary
                : PlainText.head(summary, SUMMARY_MAX - CUT.length()) + CUT;
    }

    static final String CUT = "\n\n[Ingekort: de tekst was langer dan een regel van de tijdlijn kan bevatten.]";

    /** A line found to be about someone else after all (a mail that reached a stranger): kept for staff only. */
    public void markAboutOthers() {
        this.aboutOthers = true;
    }

    /** Keeps who did what kind of thing when (for the figures), not what was said. */
    public void redact() {
        this.summary = Complaint.ERASED;
    }

    public Long getId() { return id; }
    public Long getComplaintId() { return complaintId; }
    public Instant getOccurredAt() { return occurredAt; }
    public TimelineEventType getType() { return type; }
    public String getActor() { return actor; }
    public String getSummary() { return summary; }
    public boolean isAboutOthers() { return aboutOthers; }
    public String getIdempotencyKey() { return idempotencyKey; }

    /** Before the entry is saved: the request that wrote it, see {@link #getIdempotencyKey()}. */
    public TimelineEntry writtenBy(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
        return this;
    }
}
