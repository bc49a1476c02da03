package nl.homepair.complaints.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.reporting.CaseFactsRecorder;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends a templated mail about a case and keeps a copy on the case (R14). Every subject
 * carries the reference number so that replies can be tied to the case (R3, R5).
 * A failure to send propagates, so that the calling job is retried by the engine.
 */
@Service
public class CaseMailer {

    private final JavaMailSender mailSender;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final SentMailRepository sentMails;
    private final CaseTimeline timeline;
    private final CaseFactsRecorder facts;
    private final DisputeResolution dispute;

    public CaseMailer(JavaMailSender mailSender, MailTemplates templates, MailProperties properties,
                      SentMailRepository sentMails, CaseTimeline timeline, DisputeResolution dispute,
                      CaseFactsRecorder facts) {
        this.facts = facts;
        this.mailSender = mailSender;
        this.templates = templates;
        this.properties = properties;
        this.sentMails = sentMails;
        this.timeline = timeline;
        this.dispute = dispute;
    }

    public SentMail send(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values) {
        String to = addressOf(complaint, recipient, values);
        Map<String, Object> model = new HashMap<>(values);
        model.put("dispute", dispute);
        model.put("contactAddress", properties.contactAddress());
        model.put("complaint", complaint);
        model.put("reference", complaint.getReference());
        model.put("fmt", new DutchFormat());
        RenderedMail mail = templates.render(template, model);
        String subject = mail.subject().contains(complaint.getReference())
                ? mail.subject()
                : mail.subject() + " [" + complaint.getReference() + "]";

        deliver(to, subject, mail, template);

        Instant now = ClockUtil.getCurrentTime().toInstant();
        SentMail copy = sentMails.save(new SentMail(complaint.getId(), now, template, to, subject, mail.text()));
        facts.mailSent(complaint, template, now);
        timeline.record(complaint, TimelineEventType.MAIL_SENT, CaseTimeline.SYSTEM,
                "E-mail \"" + subject + "\" verzonden aan " + to);
        return copy;
    }

    /**
     * A mail that belongs to no case, e.g. the answer to an objection for a reference we do
     * not know (R9). There is no case to keep a copy on; the mailbox records the mail it answers.
     */
    public void sendWithoutCase(String to, String template, Map<String, Object> values) {
        if (to == null || !EmailAddresses.isValid(to)) {
            throw new IllegalStateException("No valid address for mail " + template);
        }
        Map<String, Object> model = new HashMap<>(values);
        model.put("contactAddress", properties.contactAddress());
        model.put("fmt", new DutchFormat());
        deliver(to.trim(), null, templates.render(template, model), template);
    }

    private void deliver(String to, String subject, RenderedMail mail, String template) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(to);
            helper.setSubject(subject == null ? mail.subject() : subject);
            helper.setText(mail.text(), mail.html());
            // RFC 3834: a machine sent this; auto-responders (and our own mailbox intake) must not answer
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not prepare mail " + template, e);
        }
        mailSender.send(message);
    }

    private String addressOf(Complaint complaint, MailRecipient recipient, Map<String, Object> values) {
        String address = switch (recipient) {
            case COMPLAINANT -> complaint.getEmail();
            case OTHER_PARTY -> (String) values.get("otherPartyEmail");
            case AFFECTED_USER -> (String) values.get("affectedUserEmail");
            case TEAM_LEAD -> properties.teamLeadAddress();
            case HANDLERS -> properties.handlersAddress();
            case DIRECTORS -> properties.directorsAddress();
        };
        if (address == null || !EmailAddresses.isValid(address)) {
            throw new IllegalStateException("No valid address for " + recipient + " on case " + complaint.getReference());
        }
        return address.trim();
    }
}
