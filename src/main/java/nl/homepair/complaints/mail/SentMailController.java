package nl.homepair.complaints.mail;

import java.time.Instant;
import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.Complaint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/complaints/{reference}/mails}: the copies of every mail sent about a case. */
@RestController
public class SentMailController {

    private final CaseAccess access;
    private final SentMailRepository sentMails;

    public SentMailController(CaseAccess access, SentMailRepository sentMails) {
        this.access = access;
        this.sentMails = sentMails;
    }

    /** {@code deliveredAt} is empty while the mail server has not yet accepted the mail (it is retried). */
    public record MailView(Instant sentAt, String template, String recipient, String subject, String body,
                           Instant deliveredAt) {
    }

    @GetMapping("/api/complaints/{reference}/mails")
    public List<MailView> mails(@PathVariable String reference) {
        Complaint complaint = access.forStaff(reference);
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .map(m -> new MailView(m.getSentAt(), m.getTemplate(), m.getRecipient(), m.getSubject(), m.getBody(),
                        m.getDeliveredAt()))
                .toList();
    }
}
