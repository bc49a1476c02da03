package nl.homepair.complaints.casework;

import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complainant's address, mistyped by a handler who registered a phone call or a letter, or changed since: the
 * acknowledgement bounced, and every later mail (the request for information, the decision with its objection
 * deadline) would go to the same wrong address (R5, R4, R8). A handler corrects it on the case page; the case's
 * newest mail to the old address can go again to the new one. Mails sent later go to the new address, and the
 * mailbox knows the complainant's replies from it.
 */
@Service
public class AddressCorrection {

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final SentMailRepository sentMails;
    private final CaseMailer mailer;
    private final ProcessEngineImpl engine;

    public AddressCorrection(ComplaintRepository complaints, CaseTimeline timeline, SentMailRepository sentMails,
                             CaseMailer mailer, ProcessEngine engine) {
        this.engine = (ProcessEngineImpl) engine;
        this.complaints = complaints;
        this.timeline = timeline;
        this.sentMails = sentMails;
        this.mailer = mailer;
    }

    /**
     * Corrects the address; with {@code resend}, the case's newest mail that reached the old address is queued for the
     * new one (a mail that did not leave yet goes to the new address by itself at its next try).
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public Optional<SentMail> correct(Complaint seen, String newAddress, boolean resend, String actor) {
        Complaint complaint = complaints.findById(seen.getId()).orElseThrow();
        complaint.requireNotErased();
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            throw CaseRefused.notNow("De zaak is afgesloten; het e-mailadres wordt niet meer gebruikt.");
        }
        String address = newAddress == null ? "" : newAddress.strip();
        if (!EmailAddresses.isValid(address) || address.length() > Complaint.EMAIL_MAX) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Geef een geldig e-mailadres op.")));
        }
        String old = complaint.getEmail();
        if (address.equalsIgnoreCase(old)) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Dit is al het e-mailadres van de klager.")));
        }
        Optional<SentMail> newest = sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .filter(mail -> mail.getRecipient().equalsIgnoreCase(old)).reduce((earlier, later) -> later)
                .filter(SentMail::isDelivered);
        complaint.correctEmail(address);
        timeline.record(complaint, TimelineEventType.NOTE, actor, "E-mailadres van de klager gecorrigeerd: " + address
                + " (was " + old + ")." + (resend && newest.isPresent()
                        ? " De e-mail \"" + newest.get().getSubject() + "\" gaat opnieuw, naar het nieuwe adres." : ""));
        // the delivery job is written by the engine, in this transaction: the correction and its mail stand or fall together
        return resend ? newest.map(mail -> engine.getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(command -> mailer.resend(complaint, mail))) : Optional.empty();
    }
}
