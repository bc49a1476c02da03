package nl.homepair.complaints.escalation;

import java.util.List;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether the complainant went to independent dispute resolution and, when known, its outcome (R10): recorded by staff
 * on the case page or over the API, on the case and its timeline, counted in the figures (R16).
 */
@Service
public class ExternalDisputes {

    static final int OUTCOME_MAX = 2_000;

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final CaseSteps steps;

    public ExternalDisputes(ComplaintRepository complaints, CaseTimeline timeline, CaseSteps steps) {
        this.complaints = complaints;
        this.timeline = timeline;
        this.steps = steps;
    }

    /** Whether the case page offers to record it: a case with a decision (the dispute is about it), not erased. */
    public static boolean recordable(Complaint complaint) {
        return complaint.getDecidedAt() != null && complaint.getAnonymisedAt() == null;
    }

    @Transactional(noRollbackFor = {InvalidSubmissionException.class, CaseRefused.class})
    public Complaint record(Complaint seen, Boolean submitted, String outcome, String actor) {
        Complaint complaint = complaints.findById(seen.getId()).orElseThrow();
        complaint.requireNotErased();
        if (complaint.getDecidedAt() == null) {
            // the dispute is about the decision (R10): before it there is none to put to the independent body
            throw CaseRefused.notNow("Over deze klacht is nog geen besluit genomen; onafhankelijke geschiloplossing gaat over"
                    + " een besluit en komt daarna.");
        }
        if (submitted == null) {
            throw new InvalidSubmissionException(List.of(
                    new FieldError("submitted", "Geef aan of de klager het geschil heeft voorgelegd aan de onafhankelijke geschilleninstantie.")));
        }
        String text = outcome == null || outcome.isBlank() ? null : outcome.strip();
        if (text != null && text.length() > OUTCOME_MAX) {
            throw new InvalidSubmissionException(List.of(
                    new FieldError("outcome", "De uitkomst mag hoogstens " + OUTCOME_MAX + " tekens lang zijn.")));
        }
        if (!PlainText.isPlain(text)) {
            throw new InvalidSubmissionException(List.of(new FieldError("outcome", PlainText.REFUSAL)));
        }
        complaint.recordExternalDispute(submitted, text);
        steps.externalDispute(complaint, submitted);
        timeline.record(complaint, TimelineEventType.EXTERNAL_DISPUTE, actor,
                submitted ? "Voorgelegd aan onafhankelijke geschiloplossing" + (text == null ? "" : "; uitkomst: " + text)
                        : "Niet voorgelegd aan onafhankelijke geschiloplossing");
        return complaint;
    }
}
