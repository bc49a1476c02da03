package nl.homepair.complaints.escalation;

import java.util.Locale;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The start form "Bezwaar registreren" in Tasklist (R9): an objection received by post
 * or phone, with the same rules as by mail or REST. A refusal stops the start with its
 * Dutch reason, which Tasklist shows; nothing changes.
 */
@Component("registerObjectionDelegate")
public class RegisterObjectionDelegate implements JavaDelegate {

    private final ComplaintRepository complaints;
    private final ObjectionService objections;

    public RegisterObjectionDelegate(ComplaintRepository complaints, ObjectionService objections) {
        this.complaints = complaints;
        this.objections = objections;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = String.valueOf(execution.getVariable("objectionReference")).strip().toUpperCase(Locale.ROOT);
        Complaint complaint = complaints.findByReference(reference)
                .orElseThrow(() -> new BadUserRequestException("Er is geen klacht met referentie " + reference + "."));
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        try {
            Context.getCommandContext().runWithoutAuthorization(() -> {
                objections.object(complaint, (String) execution.getVariable("objectionMotivationText"), staff);
                return null;
            });
        } catch (ResponseStatusException e) {
            throw new BadUserRequestException(e.getReason());
        } catch (InvalidSubmissionException e) {
            throw new BadUserRequestException(e.summary());
        }
        execution.removeVariable("objectionMotivationText");
    }
}
