package nl.homepair.complaints.reporting;

import java.time.LocalDate;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.ComplainantRole;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.ComplaintSubject;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.complaint.Verdict;

/** The columns of {@link CaseFacts} that the report counts, read without loading entities. */
public record FactRow(LocalDate receivedWeek, LocalDate clockStartDay, IntakeChannel channel, ComplainantRole role, ComplaintSubject subject,
                      Integer acknowledgementDays, Integer firstAssessmentDays, Integer decisionDays, Integer closingDays,
                      CaseOutcome outcome, Verdict verdict, Verdict revisedVerdict, boolean objection,
                      BoardDecision boardDecision, int affectedUserObjections, MeasureReviewOutcome measureReviewOutcome,
                      Boolean externalDispute, boolean stoppedByErasure, boolean closed, int pausedDays, boolean paused,
                      ComplaintStatus status, boolean assessmentMissed) {

    /** Handled by a declaration of inadmissibility: a moment of decision without a verdict (even after an erasure). */
    public boolean declaredInadmissible() {
        return decisionDays != null && verdict == null;
    }
}
