package nl.homepair.complaints.reporting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.complaint.Verdict;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What the figures (R16) need to know about one case, and nothing that identifies anyone:
 * moments, codes and counts, written as the case moves and never touched by anonymisation
 * or erasure (R13). Durations are in Dutch working days from the day the clock started
 * (R11), computed when the step happens; see docs/decisions.md for their definitions.
 * Mutated only through {@link CaseFactsRecorder}.
 */
@Entity
@Table(name = "case_facts", indexes = {
        @Index(name = "ix_case_facts_received", columnList = "received_at"),
        @Index(name = "ix_case_facts_closed", columnList = "closed_at")})
public class CaseFacts {

    /** The complaint's id; one row per complaint. */
    @Id
    @Column(name = "complaint_id")
    private Long complaintId;

    @Version
    private long version;

    @Column(nullable = false, length = 20)
    private String reference;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** Monday of the week of receipt (Amsterdam), so weekly figures need no date functions in SQL. */
    @Column(nullable = false)
    private LocalDate receivedWeek;

    /** The day the working-day clock started (R11). */
    @Column(nullable = false)
    private LocalDate clockStartDay;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 20)
    private IntakeChannel channel;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private ComplainantRole role;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private ComplaintSubject subject;

    /** Where the case stands now. */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 30)
    private ComplaintStatus status;

    private Instant acknowledgedAt;
    private Integer acknowledgementDays;

    /** When the complainant heard the outcome of the first assessment (next steps, or inadmissible). */
    private Instant firstAssessmentAt;
    /** Working days to the first assessment, the days waiting on the complainant left out (R4). */
    private Integer firstAssessmentDays;

    /**
     * The term of the first assessment had passed without it when the case stopped waiting for one (it began to wait on
     * the complainant, or closed): missed, whatever came after.
     */
    @Column(name = "assessment_missed")
    private boolean assessmentMissed;

    private int informationRequests;
    /** Working days the assessment clock stood still, waiting on the complainant. */
    private int pausedDays;
    /** Start of the wait on the complainant that is still running, if any. */
    private Instant pausedSince;

    private Instant mediationStartedAt;
    /** Null while mediating or without mediation. */
    private Boolean mediationResolved;

    private Instant decidedAt;
    private Integer decisionDays;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 30)
    private Verdict verdict;
    /** The verdict after an upheld objection. */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 30)
    private Verdict revisedVerdict;

    private boolean measureWarning;
    private boolean measureSuspension;
    private boolean measureRemoval;
    private boolean measureCompensationAdvice;
    private boolean measureInternalImprovement;

    private Instant objectionAt;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private BoardDecision boardDecision;
    private Instant boardDecidedAt;

    /** Objections of users a measure was taken against (DSA art. 20). */
    private int affectedUserObjections;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 20)
    private MeasureReviewOutcome measureReviewOutcome;

    /** Whether the complainant went to independent dispute resolution, when known (R10). */
    private Boolean externalDispute;

    private Instant closedAt;
    private Integer closingDays;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 30)
    private CaseOutcome outcome;

    /** The case was stopped before its end because the complainant's data was erased on request. */
    private boolean stoppedByErasure;
    /** When the personal data of the case was erased or anonymised; the facts stay. */
    private Instant anonymisedAt;

    protected CaseFacts() {
        // for JPA
    }

    CaseFacts(Long complaintId, String reference, Instant receivedAt, LocalDate receivedWeek, LocalDate clockStartDay,
              IntakeChannel channel, ComplaintStatus status) {
        this.complaintId = complaintId;
        this.reference = reference;
        this.receivedAt = receivedAt;
        this.receivedWeek = receivedWeek;
        this.clockStartDay = clockStartDay;
        this.channel = channel;
        this.status = status;
    }

    void classify(ComplainantRole role, ComplaintSubject subject) {
        this.role = role;
        this.subject = subject;
    }

    void status(ComplaintStatus status) {
        this.status = status;
    }

    void acknowledged(Instant at, int days) {
        if (acknowledgedAt == null) {
            acknowledgedAt = at;
            acknowledgementDays = days;
        }
    }

    void firstAssessment(Instant at, int days) {
        if (firstAssessmentAt == null) {
            firstAssessmentAt = at;
            firstAssessmentDays = days;
        }
    }

    void assessmentMissed() {
        this.assessmentMissed = true;
    }

    void pauseStarted(Instant at) {
        if (pausedSince == null) {
            pausedSince = at;
            informationRequests++;
        }
    }

    void pauseEnded(int days) {
        pausedSince = null;
        pausedDays += days;
    }

    void mediationStarted(Instant at) {
        if (mediationStartedAt == null) {
            mediationStartedAt = at;
        }
    }

    void mediationEnded(boolean resolved) {
        if (mediationStartedAt != null && mediationResolved == null) {
            mediationResolved = resolved;
        }
    }

    void decided(Verdict verdict, Instant at, int days) {
        if (decidedAt == null) {
            this.decidedAt = at;
            this.decisionDays = days;
            this.verdict = verdict;
        } else {
            this.revisedVerdict = verdict;
        }
    }

    void measures(boolean warning, boolean suspension, boolean removal, boolean compensationAdvice,
                  boolean internalImprovement) {
        this.measureWarning = warning;
        this.measureSuspension = suspension;
        this.measureRemoval = removal;
        this.measureCompensationAdvice = compensationAdvice;
        this.measureInternalImprovement = internalImprovement;
    }

    /** After the board changed or lifted them: the other measures (advice, improvement) stay. */
    void measuresAgainstUser(boolean warning, boolean suspension, boolean removal) {
        this.measureWarning = warning;
        this.measureSuspension = suspension;
        this.measureRemoval = removal;
    }

    void objection(Instant at) {
        if (objectionAt == null) {
            objectionAt = at;
        }
    }

    void objectionRegisteredInError() {
        objectionAt = null;
    }

    void boardDecided(BoardDecision decision, Instant at) {
        this.boardDecision = decision;
        this.boardDecidedAt = at;
    }

    void affectedUserObjection() {
        affectedUserObjections++;
    }

    void measureReviewed(MeasureReviewOutcome outcome) {
        this.measureReviewOutcome = outcome;
    }

    void externalDispute(boolean submitted) {
        this.externalDispute = submitted;
    }

    void closed(CaseOutcome outcome, Instant at, Integer days) {
        if (closedAt == null) {
            this.closedAt = at;
            this.closingDays = days;
            this.outcome = outcome;
        }
        this.status = ComplaintStatus.CLOSED;
        this.pausedSince = null;
    }

    void stoppedByErasure(Instant at) {
        this.stoppedByErasure = true;
        closed(null, at, null);
    }

    void anonymised(Instant at) {
        if (anonymisedAt == null) {
            anonymisedAt = at;
        }
    }

    public Long getComplaintId() { return complaintId; }
    public String getReference() { return reference; }
    public Instant getReceivedAt() { return receivedAt; }
    public LocalDate getReceivedWeek() { return receivedWeek; }
    public LocalDate getClockStartDay() { return clockStartDay; }
    public IntakeChannel getChannel() { return channel; }
    public ComplainantRole getRole() { return role; }
    public ComplaintSubject getSubject() { return subject; }
    public ComplaintStatus getStatus() { return status; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public Integer getAcknowledgementDays() { return acknowledgementDays; }
    public Instant getFirstAssessmentAt() { return firstAssessmentAt; }
    public Integer getFirstAssessmentDays() { return firstAssessmentDays; }
    public int getInformationRequests() { return informationRequests; }
    public int getPausedDays() { return pausedDays; }
    public Instant getPausedSince() { return pausedSince; }
    public Instant getMediationStartedAt() { return mediationStartedAt; }
    public Boolean getMediationResolved() { return mediationResolved; }
    public Instant getDecidedAt() { return decidedAt; }
    public Integer getDecisionDays() { return decisionDays; }
    public boolean isAssessmentMissed() { return assessmentMissed; }
    public Verdict getVerdict() { return verdict; }
    public Verdict getRevisedVerdict() { return revisedVerdict; }
    public boolean isMeasureWarning() { return measureWarning; }
    public boolean isMeasureSuspension() { return measureSuspension; }
    public boolean isMeasureRemoval() { return measureRemoval; }
    public boolean isMeasureCompensationAdvice() { return measureCompensationAdvice; }
    public boolean isMeasureInternalImprovement() { return measureInternalImprovement; }
    public Instant getObjectionAt() { return objectionAt; }
    public BoardDecision getBoardDecision() { return boardDecision; }
    public Instant getBoardDecidedAt() { return boardDecidedAt; }
    public int getAffectedUserObjections() { return affectedUserObjections; }
    public MeasureReviewOutcome getMeasureReviewOutcome() { return measureReviewOutcome; }
    public Boolean getExternalDispute() { return externalDispute; }
    public Instant getClosedAt() { return closedAt; }
    public Integer getClosingDays() { return closingDays; }
    public CaseOutcome getOutcome() { return outcome; }
    public boolean isStoppedByErasure() { return stoppedByErasure; }
    public Instant getAnonymisedAt() { return anonymisedAt; }
}
