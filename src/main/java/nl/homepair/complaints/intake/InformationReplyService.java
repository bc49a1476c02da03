package nl.homepair.complaints.intake;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_INFORMATION_RECEIVED;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_INFORMATION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_INFORMATION_REQUESTED_AT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseMessages;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.intake.SubmissionValidator.CheckedEvidence;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complainant's answer to a request for information (R4): stored on the case with
 * its evidence, and the waiting case resumes; refused when nothing was asked.
 */
@Service
public class InformationReplyService {

    /** How the timeline line of an answer begins. */
    private static final String INFORMATION_RECEIVED = "Aanvullende informatie ontvangen";

    private final RuntimeService runtimeService;
    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final SubmissionValidator validator;
    private final CaseSteps steps;

    private final nl.homepair.complaints.mail.MailProperties mail;
    private final nl.homepair.complaints.mail.MessageForm messageForm;

    public InformationReplyService(RuntimeService runtimeService, CaseTimeline timeline, CaseMessages caseMessages,
                                   SubmissionValidator validator, CaseSteps steps,
                                   nl.homepair.complaints.mail.MailProperties mail,
                                   nl.homepair.complaints.mail.MessageForm messageForm) {
        this.mail = mail;
        this.messageForm = messageForm;
        this.steps = steps;
        this.runtimeService = runtimeService;
        this.timeline = timeline;
        this.caseMessages = caseMessages;
        this.validator = validator;
    }

    // a refusal is checked before anything is written: it must not roll back the caller's
    // transaction (e.g. the mailbox handler, which records the refused mail and answers it)
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public boolean reply(Complaint complaint, String message, List<EvidenceUpload> uploads, String actor) {
        return reply(complaint, message, uploads, actor, null);
    }

    /**
     * @param receivedAt when the answer reached HomePair (a mail read later, after an outage of the mailbox), or null
     *                   for now: the wait on the complainant ends there (R4), in the deadline and in the figures
     * @return true when the answer was taken now, false when it was the same answer again (already on the case)
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public boolean reply(Complaint complaint, String message, List<EvidenceUpload> uploads, String actor, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            errors.add(new FieldError("message", "Schrijf de gevraagde informatie in je antwoord."));
        } else if (text.length() > Complaint.TEXT_MAX) {
            errors.add(new FieldError("message", "Je antwoord mag hoogstens " + Complaint.TEXT_MAX + " tekens lang zijn."));
        } else if (!PlainText.isPlain(text)) {
            errors.add(new FieldError("message", PlainText.REFUSAL));
        }
        List<CheckedEvidence> evidence = validator.checkEvidence(uploads, errors);
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        if (!waitsForInformation(complaint)) {
            if (alreadyReceived(complaint, text, evidence)) {
                // the same answer again (a client's retry after a timeout, a double click): it is in. Recognised before
                // the room for files is counted, which its own files, kept with the first, now take
                return false;
            }
            throw CaseRefused.notNow("Voor deze klacht wordt op dit moment geen aanvullende informatie gevraagd."
                    + (nl.homepair.complaints.complaint.CaseWithdrawal.beforeTheBoard(complaint) ? whileTheBoardReviews() : ""));
        }
        validator.checkRoom(complaint, evidence, errors);
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        for (CheckedEvidence file : evidence) {
            complaint.addEvidence(file.fileName(), file.contentType(), file.content());
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant received = receivedAt == null || receivedAt.isAfter(now) ? now : receivedAt;
        // no answer before its question (a platform's clock, a retried message of the request before): the wait would
        // end before it began, and the assessment's deadline move by less than nothing
        Optional<Instant> asked = askedAt(complaint);
        if (asked.isPresent() && received.isBefore(asked.get())) {
            received = asked.get();
        }
        timeline.record(complaint, TimelineEventType.INFORMATION_RECEIVED, actor, INFORMATION_RECEIVED
                + (evidence.isEmpty() ? "" : " met " + evidence.size() + " bewijsstuk(ken)") + CaseTimeline.receivedEarlier(received)
                + ": " + text);
        steps.informationReceived(complaint, received);
        runtimeService.createMessageCorrelation(MESSAGE_INFORMATION_RECEIVED)
                .processInstanceBusinessKey(complaint.getReference())
                .setVariable(VAR_INFORMATION_RECEIVED_AT, Date.from(received))
                .correlate();
        return true;
    }

    /**
     * What the complainant does instead while the board reviews the objection: what they add reaches a person through
     * the mailbox or the web form for a message, and the case, where the director sees it.
     */
    private String whileTheBoardReviews() {
        return " Het bezwaar ligt bij de directie. Wat de klager aan het bezwaar wil toevoegen, ook bestanden, stuurt hij"
                + " per e-mail aan " + mail.contactAddress() + " met het referentienummer in het onderwerp"
                + (messageForm.url() == null ? "" : ", of met het formulier " + messageForm.url())
                + "; het komt bij de zaak, waar de directie het ziet. Er is niets opgeslagen.";
    }

    /**
     * Whether this very answer is the case's latest information, received within the last day, and
     * its files are on the case: the same text with another photo is a new answer, which is refused.
     */
    private boolean alreadyReceived(Complaint complaint, String text, List<CheckedEvidence> files) {
        boolean filesKept = files.stream().allMatch(file -> complaint.getEvidence().stream()
                .anyMatch(kept -> kept.getFileName().equals(file.fileName()) && kept.getSizeBytes() == file.content().length));
        return filesKept && timeline.receivedLately(complaint, TimelineEventType.INFORMATION_RECEIVED, INFORMATION_RECEIVED, text);
    }

    /** When the case's open request for information was made; empty when its process holds none. */
    public Optional<Instant> askedAt(Complaint complaint) {
        return runtimeService.getVariable(complaint.getProcessInstanceId(), VAR_INFORMATION_REQUESTED_AT) instanceof Date asked
                ? Optional.of(asked.toInstant()) : Optional.empty();
    }

    public boolean waitsForInformation(Complaint complaint) {
        return caseMessages.waitsFor(complaint, MESSAGE_INFORMATION_RECEIVED);
    }
}
