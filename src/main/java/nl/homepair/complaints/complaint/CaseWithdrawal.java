package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_WITHDRAWAL_REASON;

import java.util.List;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A complainant who withdraws the complaint ("laat maar, het is opgelost"), through the platform or by telling a
 * handler: the case ends as {@link CaseOutcome#WITHDRAWN} wherever it waits (the model's event subprocess "Klacht
 * ingetrokken" cancels its tasks and timers and confirms it by mail), not as inadmissible, which would tell a
 * satisfied complainant that the complaint fell outside the procedure, and count so in the figures (R16).
 * A decided case is not withdrawn: its decision stands, and what is left is the objection, which the complainant
 * may simply not make.
 */
@Service
public class CaseWithdrawal {

    static final int REASON_MAX = 2000;

    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final RuntimeService runtimeService;

    public CaseWithdrawal(CaseTimeline timeline, CaseMessages caseMessages, RuntimeService runtimeService) {
        this.timeline = timeline;
        this.caseMessages = caseMessages;
        this.runtimeService = runtimeService;
    }

    /**
     * @param reason what the complainant said, as far as it was said; required, so the timeline says why
     * @param actor  who recorded it: the platform's API user or the handler
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void withdraw(Complaint complaint, String reason, String actor) {
        complaint.requireNotErased();
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason",
                    "Geef aan waarom de klager de klacht intrekt (bijvoorbeeld: opgelost met de vakprofessional).")));
        }
        if (text.length() > REASON_MAX) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason",
                    "De reden mag hoogstens " + REASON_MAX + " tekens lang zijn.")));
        }
        if (!PlainText.isPlain(text)) {
            throw new InvalidSubmissionException(List.of(new FieldError("reason", PlainText.REFUSAL)));
        }
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            throw CaseRefused.notNow("De zaak is al afgesloten (" + (complaint.getOutcome() == null ? "afgesloten"
                    : complaint.getOutcome().label().toLowerCase(java.util.Locale.ROOT)) + ").");
        }
        if (complaint.getDecidedAt() != null) {
            throw CaseRefused.notNow("Over deze klacht is al besloten; het besluit blijft staan. Intrekken kan niet meer;"
                    + " wie geen bezwaar maakt, laat de bezwaartermijn verlopen.");
        }
        if (!caseMessages.waitsFor(complaint, MESSAGE_COMPLAINT_WITHDRAWN)) {
            // the case's first step has not run yet (it runs right after registration), or the model has no withdrawal
            throw CaseRefused.notNow("De zaak kan op dit moment niet worden ingetrokken; probeer het over een minuut opnieuw.");
        }
        timeline.record(complaint, TimelineEventType.NOTE, actor, "Klacht ingetrokken door de klager: " + text);
        runtimeService.createMessageCorrelation(MESSAGE_COMPLAINT_WITHDRAWN)
                .processInstanceBusinessKey(complaint.getReference())
                .setVariable(VAR_WITHDRAWAL_REASON, CamundaText.fit(text, "de tijdlijn van de zaak"))
                .correlate();
    }
}
