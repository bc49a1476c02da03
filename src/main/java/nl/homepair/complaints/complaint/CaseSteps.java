package nl.homepair.complaints.complaint;

import java.time.Instant;
import java.util.List;

/**
 * Every step of a case, told as it happens and in its transaction, to whoever keeps its own
 * record of them: the facts behind the figures (R16, {@code reporting.CaseFactsRecorder}),
 * which must outlive the anonymisation of the case. The places where steps happen call it
 * (intake, the lifecycle expressions of the models, the mailer, objections, privacy); the
 * reporting package depends on this one, never the other way round.
 */
public interface CaseSteps {

    void received(Complaint complaint);

    void classified(Complaint complaint);

    void acknowledged(Complaint complaint, Instant at);

    /** Every mail about a case, by the template the model named. */
    void mailSent(Complaint complaint, String template, Instant at);

    void statusChanged(Complaint complaint, ComplaintStatus status, Instant at);

    /**
     * The complainant's answer to a request for information reached HomePair at {@code receivedAt} (a mail read
     * after an outage, a letter typed in later): the wait on the complainant ends there, not when it was handled.
     */
    void informationReceived(Complaint complaint, Instant receivedAt);

    /** A decision, or its revision after an upheld objection; called from the step that decides. */
    void decided(Complaint complaint, Verdict verdict, Instant at);

    /** Declared outside the procedure (R1): handled at this moment, as a decision is; no verdict. */
    void declaredInadmissible(Complaint complaint, Instant at);

    void objection(Complaint complaint, Instant at);

    /** The objection recorded with {@link #objection} was registered by mistake: no escalation to count. */
    void objectionRegisteredInError(Complaint complaint);

    void boardDecided(Complaint complaint, BoardDecision decision, Instant at);

    void affectedUserObjection(Complaint complaint);

    void measureReviewed(Complaint complaint, MeasureReviewOutcome outcome);

    /** The measures against a user that stand after the board changed or lifted them. */
    void measuresAgainstUser(Complaint complaint, List<Measure> standing);

    void externalDispute(Complaint complaint, boolean submitted);

    void closed(Complaint complaint, CaseOutcome outcome, Instant at);

    /** Personal data erased or anonymised (R13); {@code stopped} when an open case was ended for it. */
    void anonymised(Complaint complaint, boolean stopped, Instant at);
}
