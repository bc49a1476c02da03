package nl.homepair.complaints.mail;

import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_RECIPIENT;
import static nl.homepair.complaints.complaint.ComplaintProcess.INPUT_MAIL_TEMPLATE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The one mail step of every model: which text goes to whom is said in the model, by
 * the input parameters {@code mailTemplate} (a file in the mail template folder) and
 * {@code mailRecipient} (COMPLAINANT, TEAM_LEAD or HANDLERS). All variables visible to
 * the step, its own input parameters included, are available to the template.
 */
@Component("sendMailDelegate")
public class SendMailDelegate implements JavaDelegate {

    private final ComplaintRepository complaints;
    private final CaseMailer mailer;

    public SendMailDelegate(ComplaintRepository complaints, CaseMailer mailer) {
        this.complaints = complaints;
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = (String) execution.getVariableLocal(INPUT_MAIL_TEMPLATE);
        Object recipient = execution.getVariableLocal(INPUT_MAIL_RECIPIENT);
        if (template == null || recipient == null) {
            throw new IllegalStateException("Mail step " + execution.getCurrentActivityId()
                    + " needs the input parameters " + INPUT_MAIL_TEMPLATE + " and " + INPUT_MAIL_RECIPIENT);
        }
        Long complaintId = (Long) execution.getVariable(VAR_COMPLAINT_ID);
        Complaint complaint = complaints.findById(complaintId)
                .orElseThrow(() -> new IllegalStateException("No complaint with id " + complaintId));
        mailer.send(complaint, template, MailRecipient.valueOf(recipient.toString()), execution.getVariables());
    }
}
