package nl.homepair.complaints.escalation;

import java.util.Locale;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.tasklist.StartFormRefusals;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

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
        String staff = Context.getCommandContext().getAuthenticatedUserId();
        StartFormRefusals.refusedAsFormError(() -> {
            Complaint complaint = complaints.findByReference(reference)
                    .orElseThrow(() -> CaseRefused.notFound("Er is geen klacht met referentie " + reference + "."));
            return Context.getCommandContext().runWithoutAuthorization(() -> {
                objections.object(complaint, (String) execution.getVariable("objectionMotivationText"), staff);
                return null;
            });
        });
        execution.removeVariable("objectionMotivationText");
    }
}
