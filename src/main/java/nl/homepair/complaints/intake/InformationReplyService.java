package nl.homepair.complaints.intake;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_INFORMATION_RECEIVED;

import java.util.ArrayList;
import java.util.List;
import nl.homepair.complaints.complaint.CaseMessages;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.intake.SubmissionValidator.CheckedEvidence;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complainant's answer to a request for information (R4): stored on the case with
 * its evidence, and the waiting case resumes; refused when nothing was asked.
 */
@Service
public class InformationReplyService {

    private final RuntimeService runtimeService;
    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final SubmissionValidator validator;

    public InformationReplyService(RuntimeService runtimeService, CaseTimeline timeline, CaseMessages caseMessages,
                                   SubmissionValidator validator) {
        this.runtimeService = runtimeService;
        this.timeline = timeline;
        this.caseMessages = caseMessages;
        this.validator = validator;
    }

    // a refusal is checked before anything is written: it must not roll back the caller's
    // transaction (e.g. the mailbox handler, which records the refused mail and answers it)
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void reply(Complaint complaint, String message, List<EvidenceUpload> uploads, String actor) {
        List<FieldError> errors = new ArrayList<>();
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            errors.add(new FieldError("message", "Schrijf de gevraagde informatie in je antwoord."));
        } else if (text.length() > Complaint.TEXT_MAX) {
            errors.add(new FieldError("message", "Je antwoord mag hoogstens " + Complaint.TEXT_MAX + " tekens lang zijn."));
        }
        List<CheckedEvidence> evidence = validator.checkEvidence(uploads, errors);
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        if (!waitsForInformation(complaint)) {
            throw CaseRefused.notNow(
                    "Voor deze klacht wordt op dit moment geen aanvullende informatie gevraagd.");
        }
        for (CheckedEvidence file : evidence) {
            complaint.addEvidence(file.fileName(), file.contentType(), file.content());
        }
        timeline.record(complaint, TimelineEventType.INFORMATION_RECEIVED, actor, "Aanvullende informatie ontvangen"
                + (evidence.isEmpty() ? "" : " met " + evidence.size() + " bewijsstuk(ken)") + ": " + text);
        runtimeService.createMessageCorrelation(MESSAGE_INFORMATION_RECEIVED)
                .processInstanceBusinessKey(complaint.getReference())
                .correlate();
    }

    public boolean waitsForInformation(Complaint complaint) {
        return caseMessages.waitsFor(complaint, MESSAGE_INFORMATION_RECEIVED);
    }
}
