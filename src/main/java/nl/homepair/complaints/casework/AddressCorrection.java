package nl.homepair.complaints.casework;

import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
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

    /**
     * The other party's address as the handler gave it at the assessment (mediation: the invitation, the agreement, a
     * withdrawal), when the case's process has one.
     */
    public Optional<String> otherPartyAddress(Complaint complaint) {
        if (complaint.getProcessInstanceId() == null || complaint.getStatus() == ComplaintStatus.CLOSED) {
            return Optional.empty();
        }
        return caseProcesses(complaint).stream()
                .filter(process -> process.getId().equals(complaint.getProcessInstanceId()))
                .map(process -> engine.getRuntimeService().getVariable(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_EMAIL))
                .filter(String.class::isInstance).map(String.class::cast).findFirst();
    }

    /**
     * The other party's address, mistyped at the assessment: the invitation to the mediation bounced (its line is on
     * the timeline) and the agreement would go to the same address. Corrected in every running process of the case
     * that has it (a board's review carries a copy); with {@code resend}, the newest mail that reached the old address
     * goes again to the new one. A mail that did not leave yet goes to the new address at its next try. A line for staff
     * only: the other party's address is not the complainant's data.
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public Optional<SentMail> correctOtherParty(Complaint seen, String newAddress, boolean resend, String actor) {
        Complaint complaint = complaints.findById(seen.getId()).orElseThrow();
        complaint.requireNotErased();
        String old = otherPartyAddress(complaint).orElseThrow(() -> CaseRefused.notNow(
                complaint.getStatus() == ComplaintStatus.CLOSED ? "De zaak is afgesloten; het e-mailadres wordt niet meer gebruikt."
                        : "Deze zaak heeft (nog) geen andere partij: die wordt bij de eerste beoordeling ingevuld als er wordt bemiddeld."));
        String address = newAddress == null ? "" : newAddress.strip();
        if (!EmailAddresses.isValid(address) || address.length() > Complaint.EMAIL_MAX) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Geef een geldig e-mailadres op.")));
        }
        if (address.equalsIgnoreCase(old)) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Dit is al het e-mailadres van de andere partij.")));
        }
        if (complaint.isComplainantAddress(address)) {
            // the complainant would get the other party's mails, filed as their own in their copy of their data
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Dit is het e-mailadres van de klager. Vul het"
                    + " adres van de andere partij in.")));
        }
        for (ProcessInstance process : caseProcesses(complaint)) {
            if (engine.getRuntimeService().getVariable(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_EMAIL) instanceof String known
                    && known.equalsIgnoreCase(old)) {
                engine.getRuntimeService().setVariable(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_EMAIL, address);
            }
        }
        Optional<SentMail> newest = sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .filter(mail -> mail.getRecipient().equalsIgnoreCase(old)).reduce((earlier, later) -> later)
                .filter(SentMail::isDelivered);
        timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, "E-mailadres van de andere partij gecorrigeerd: "
                + address + " (was " + old + ")." + (resend && newest.isPresent()
                        ? " De e-mail \"" + newest.get().getSubject() + "\" gaat opnieuw, naar het nieuwe adres." : ""));
        return resend ? newest.map(mail -> engine.getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(command -> mailer.resend(complaint, mail, address))) : Optional.empty();
    }

    private List<ProcessInstance> caseProcesses(Complaint complaint) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(complaint.getReference())
                .active().list();
    }
}
