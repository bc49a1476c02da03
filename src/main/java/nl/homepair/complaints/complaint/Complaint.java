package nl.homepair.complaints.complaint;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A complaint as the complainant sent it (R2) plus what the procedure records about it.
 * The process instance only holds the id, the reference (business key) and the values
 * its gateways route on.
 */
@Entity
@Table(name = "complaint")
public class Complaint {

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int JOB_REFERENCE_MAX = 100;
    /** The longest free text a person can send us (description, objection, answer): the column size. */
    public static final int TEXT_MAX = 10_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "complaint_seq")
    @SequenceGenerator(name = "complaint_seq", sequenceName = "complaint_seq", allocationSize = 1)
    private Long id;

    @Version
    private long version;

    /**
     * Derived from the sequence id, so it is set right after the insert in the same
     * transaction (Hibernate inserts the state it had at persist time); never null once
     * committed.
     */
    @Column(unique = true, length = 20)
    private String reference;

    @Column(name = "complainant_name", nullable = false, length = NAME_MAX)
    private String name;

    @Column(name = "complainant_email", nullable = false, length = EMAIL_MAX)
    private String email;

    /** Addresses the complainant had before a handler corrected it (lower case, comma-separated, oldest first). */
    @Column(name = "earlier_emails", length = 1000)
    private String earlierEmails;

    // Enum columns are plain text (JdbcTypeCode) on every database, never H2's native ENUM
    // type, whose stored ordinals were read back as "1" after a crash (docs/decisions.md).
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private ComplainantRole role;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private ComplaintSubject subject;

    private LocalDate jobDate;

    @Column(length = JOB_REFERENCE_MAX)
    private String jobReference;

    @Column(nullable = false, length = TEXT_MAX)
    private String description;

    @Column(length = TEXT_MAX)
    private String attemptedResolution;

    @Column(length = TEXT_MAX)
    private String chatSummary;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 20)
    private IntakeChannel channel;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 30)
    private ComplaintStatus status = ComplaintStatus.REGISTERED;

    @Column(nullable = false)
    private Instant receivedAt;

    @Column(nullable = false)
    private Instant registeredAt;

    @Column(length = 100)
    private String registeredBy;

    @Column(length = 64)
    private String processInstanceId;

    /**
     * The caller and the {@code Idempotency-Key} of the request that registered the complaint
     * ({@code platform:<key>}), unique: a retried POST finds its complaint instead of making a
     * second one. {@code intakeFingerprint} is a hash of that request, to refuse a key reused
     * for another complaint. At most 64 + 1 + 200 characters (a Camunda user id, the key).
     */
    @Column(name = "intake_key", unique = true, length = 300)
    private String intakeKey;

    @Column(name = "intake_fingerprint", length = 64)
    private String intakeFingerprint;

    private Instant acknowledgedAt;

    private Instant closedAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 30)
    private CaseOutcome outcome;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 30)
    private Verdict verdict;

    private Instant decidedAt;

    /** When it was declared inadmissible (R1), also after a decision on the merits followed an upheld objection. */
    private Instant declaredInadmissibleAt;

    private Instant objectionDeadline;

    private Instant objectionReceivedAt;

    /** When the user a measure was taken against objected to it (the board reviews it: directors see the case). */
    private Instant measureObjectionReceivedAt;

    /** The board's decision on an objection (R9). */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private BoardDecision boardDecision;

    /** Whether the complainant went to independent dispute resolution, when known (R10). */
    private Boolean externalDisputeSubmitted;

    @Column(length = 2_000)
    private String externalDisputeOutcome;

    /** When the personal data was erased or anonymised (R13); the figures stay. */
    private Instant anonymisedAt;

    /**
     * The attachments of a complaint by mail that were left out, one line each with the reason
     * ({@code Bijlage "x.heic" niet opgenomen: …}), for the acknowledgement to name; null if none.
     */
    @Column(name = "files_left_out", length = FILES_LEFT_OUT_MAX)
    private String filesLeftOut;

    @OneToMany(mappedBy = "complaint", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @OrderBy("id")
    private List<Evidence> evidence = new ArrayList<>();

    protected Complaint() {
        // for JPA
    }

    public Complaint(String name, String email, ComplainantRole role, ComplaintSubject subject,
                     String description, IntakeChannel channel, Instant receivedAt,
                     Instant registeredAt, String registeredBy) {
        this.name = name;
        this.email = email;
        this.role = role;
        this.subject = subject;
        this.description = description;
        this.channel = channel;
        this.receivedAt = receivedAt;
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
    }

    public void assignReference(String reference) {
        if (this.reference != null) {
            throw new IllegalStateException("Reference already assigned: " + this.reference);
        }
        this.reference = reference;
    }

    public Evidence addEvidence(String fileName, String contentType, byte[] content) {
        Evidence file = new Evidence(this, fileName, contentType, content, false);
        evidence.add(file);
        return file;
    }

    /**
     * A file that was put with this case by mistake, taken off it (the database row goes: {@code orphanRemoval}); the
     * caller puts a copy with the case it belongs to.
     */
    public void removeEvidence(Evidence file) {
        requireNotErased();
        if (!evidence.remove(file)) {
            throw new IllegalArgumentException("Evidence " + file.getId() + " is not on case " + reference);
        }
    }

    /** A file someone other than the complainant sent (the affected user's objection): not in the complainant's copy. */
    public Evidence addEvidenceAboutOthers(String fileName, String contentType, byte[] content) {
        Evidence file = new Evidence(this, fileName, contentType, content, true);
        evidence.add(file);
        return file;
    }

    public void linkProcessInstance(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public void markAcknowledged(Instant at) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
        }
    }

    /** Role and subject completed by a handler, for a complaint that arrived without them. */
    public void classify(ComplainantRole role, ComplaintSubject subject) {
        this.role = role;
        this.subject = subject;
    }

    public void close(CaseOutcome outcome, Instant at) {
        this.outcome = outcome;
        moveTo(ComplaintStatus.CLOSED, at);
    }

    public void decide(Verdict verdict, Instant at, Instant objectionDeadline) {
        this.verdict = verdict;
        this.decidedAt = at;
        this.objectionDeadline = objectionDeadline;
        this.status = ComplaintStatus.DECIDED;
    }

    /**
     * Declared outside the procedure (R1): like a decision on the merits, it can be objected to until the deadline
     * (procedure §4, "Niet tevreden over de afhandeling?"); the case waits for that as a decided case does.
     */
    public void declareInadmissible(Instant at, Instant objectionDeadline) {
        this.decidedAt = at;
        this.declaredInadmissibleAt = at;
        this.objectionDeadline = objectionDeadline;
        this.status = ComplaintStatus.DECIDED;
    }

    /**
     * The verdict after an upheld objection; the objection window of the first decision stays. After a declaration
     * of inadmissibility it is the first verdict, decided at {@code at}.
     */
    public void revise(Verdict verdict, Instant at) {
        if (this.verdict == null) {
            // the first decision on the merits, after the board upheld an objection to the inadmissibility
            this.decidedAt = at;
        }
        this.verdict = verdict;
    }

    public void objectionReceived(Instant at) {
        this.objectionReceivedAt = at;
    }

    /** The objection was registered on this case by mistake: the case has none (and may get one in its window). */
    public void objectionRegisteredInError() {
        this.objectionReceivedAt = null;
    }

    public void measureObjectionReceived(Instant at) {
        this.measureObjectionReceivedAt = at;
    }

    public void boardDecided(BoardDecision boardDecision) {
        this.boardDecision = boardDecision;
    }

    public void recordExternalDispute(boolean submitted, String outcome) {
        this.externalDisputeSubmitted = submitted;
        this.externalDisputeOutcome = outcome;
    }

    /**
     * Erases what identifies or describes the complainant and the case (R13), keeping what
     * the figures need: role, subject, channel, status, outcome, verdict and the moments.
     */
    public void anonymise(Instant at) {
        this.name = ANONYMOUS;
        this.email = ANONYMOUS_EMAIL;
        this.earlierEmails = null;
        this.description = ERASED;
        this.attemptedResolution = null;
        this.chatSummary = null;
        this.jobReference = null;
        this.jobDate = null;
        this.externalDisputeOutcome = null;
        this.filesLeftOut = null;
        this.evidence.clear();
        // the request's hash is one of name, address and text; the key was the client's
        this.intakeKey = null;
        this.intakeFingerprint = null;
        this.anonymisedAt = at;
    }

    static final int FILES_LEFT_OUT_MAX = 2_000;

    /** Remembers a file of the complainant's mail that was left out, for the acknowledgement (a line that no longer fits is dropped). */
    public void fileLeftOut(String line) {
        String joined = filesLeftOut == null ? line : filesLeftOut + "\n" + line;
        if (joined.length() <= FILES_LEFT_OUT_MAX) {
            filesLeftOut = joined;
        }
    }

    public String getFilesLeftOut() { return filesLeftOut; }

    /** {@link #getFilesLeftOut()} as lines, for a list in a mail. */
    public List<String> getFilesLeftOutLines() {
        return filesLeftOut == null ? List.of() : List.of(filesLeftOut.split("\n"));
    }

    public static final String ANONYMOUS = "Geanonimiseerd";
    public static final String ANONYMOUS_EMAIL = "geanonimiseerd@example.invalid";
    public static final String ERASED = "[verwijderd]";

    public void moveTo(ComplaintStatus newStatus, Instant at) {
        this.status = newStatus;
        if (newStatus == ComplaintStatus.CLOSED && closedAt == null) {
            closedAt = at;
        }
    }

    public void setJobDate(LocalDate jobDate) {
        this.jobDate = jobDate;
    }

    public void setJobReference(String jobReference) {
        this.jobReference = jobReference;
    }

    public void setAttemptedResolution(String attemptedResolution) {
        this.attemptedResolution = attemptedResolution;
    }

    public void setChatSummary(String chatSummary) {
        this.chatSummary = chatSummary;
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public ComplainantRole getRole() { return role; }
    public ComplaintSubject getSubject() { return subject; }
    public LocalDate getJobDate() { return jobDate; }
    public String getJobReference() { return jobReference; }
    public String getDescription() { return description; }
    public String getAttemptedResolution() { return attemptedResolution; }
    public String getChatSummary() { return chatSummary; }
    public IntakeChannel getChannel() { return channel; }
    public ComplaintStatus getStatus() { return status; }
    public Instant getReceivedAt() { return receivedAt; }
    public Instant getRegisteredAt() { return registeredAt; }
    public String getRegisteredBy() { return registeredBy; }
    public String getIntakeKey() { return intakeKey; }
    public String getIntakeFingerprint() { return intakeFingerprint; }

    /** The request that registered this complaint, see {@link #getIntakeKey()}. */
    public void rememberIntakeRequest(String key, String fingerprint) {
        this.intakeKey = key;
        this.intakeFingerprint = fingerprint;
    }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public Instant getClosedAt() { return closedAt; }
    public CaseOutcome getOutcome() { return outcome; }
    public Instant getAnonymisedAt() { return anonymisedAt; }

    /**
     * A case whose personal data were erased (R13) takes nothing new: what was added would be
     * personal data again, on a case that no clean-up looks at any more.
     */
    /**
     * A handler corrects a mistyped or changed address of the complainant (the case page); checked by the caller. The old
     * address stays one of the complainant's (their replies from it, their export and erasure by it), unless it was
     * someone else's: a typo that is another person's real address.
     */
    public void correctEmail(String address, boolean oldWasTheComplainants) {
        requireNotErased();
        java.util.LinkedHashSet<String> earlier = new java.util.LinkedHashSet<>(getEarlierEmails());
        if (oldWasTheComplainants) {
            earlier.add(email.toLowerCase(java.util.Locale.ROOT));
        } else {
            earlier.remove(email.toLowerCase(java.util.Locale.ROOT));
        }
        earlier.remove(address.toLowerCase(java.util.Locale.ROOT));
        String joined = String.join(",", earlier);
        while (joined.length() > 1000) { // the oldest go first
            joined = joined.substring(joined.indexOf(',') + 1);
        }
        this.earlierEmails = joined.isEmpty() ? null : joined;
        this.email = address;
    }

    /** The complainant's addresses before corrections, oldest first; empty when it was never corrected. */
    public java.util.List<String> getEarlierEmails() {
        return earlierEmails == null || earlierEmails.isBlank() ? java.util.List.of() : java.util.List.of(earlierEmails.split(","));
    }

    /** Whether this is the complainant's address, now or before a correction. */
    public boolean isComplainantAddress(String address) {
        return address != null && (address.equalsIgnoreCase(email)
                || getEarlierEmails().contains(address.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    public void requireNotErased() {
        if (anonymisedAt != null) {
            throw CaseRefused.notNow("De persoonsgegevens van zaak " + reference + " zijn gewist; er kan niets meer aan"
                    + " worden toegevoegd.");
        }
    }
    public Verdict getVerdict() { return verdict; }
    public Instant getDecidedAt() { return decidedAt; }
    /** Declared inadmissible, and not decided on its merits after an objection since. */
    public boolean isDeclaredInadmissible() { return declaredInadmissibleAt != null && verdict == null; }
    public Instant getDeclaredInadmissibleAt() { return declaredInadmissibleAt; }
    public Instant getObjectionDeadline() { return objectionDeadline; }
    public Instant getObjectionReceivedAt() { return objectionReceivedAt; }
    public Instant getMeasureObjectionReceivedAt() { return measureObjectionReceivedAt; }
    public BoardDecision getBoardDecision() { return boardDecision; }
    public Boolean getExternalDisputeSubmitted() { return externalDisputeSubmitted; }
    public String getExternalDisputeOutcome() { return externalDisputeOutcome; }
    public List<Evidence> getEvidence() { return Collections.unmodifiableList(evidence); }
}
