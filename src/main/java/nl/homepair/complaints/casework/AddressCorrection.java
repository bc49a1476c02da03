package nl.homepair.complaints.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.escalation.AffectedUserObjectionService;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.text.PersonNames;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An address of the case, mistyped by a handler or changed since: the complainant's (a phone call or a letter
 * registered by hand; the acknowledgement bounced, and every later mail, the request for information, the decision with
 * its objection deadline, would go to the same wrong address: R5, R4, R8), or the other party's (given at the
 * assessment; the invitation to the mediation bounced), or the affected user's (the statement of reasons of a
 * measure bounced: DSA art. 17 asks that it reaches them). A handler corrects it on the case page; the case's newest mail
 * to the old address can go again to the new one, and its mails that did not leave yet go to the new one. Mails sent
 * later go to the new address, and the mailbox knows the replies from it.
 */
@Service
public class AddressCorrection {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AddressCorrection.class);

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final SentMailRepository sentMails;
    private final CaseMailer mailer;
    private final ProcessEngineImpl engine;
    private final AffectedUserObjectionService affectedUsers;
    private final nl.homepair.complaints.sla.WorkingDayCalendar calendar;

    public AddressCorrection(ComplaintRepository complaints, CaseTimeline timeline, SentMailRepository sentMails,
                             CaseMailer mailer, ProcessEngine engine, AffectedUserObjectionService affectedUsers,
                             nl.homepair.complaints.sla.WorkingDayCalendar calendar) {
        this.calendar = calendar;
        this.engine = (ProcessEngineImpl) engine;
        this.affectedUsers = affectedUsers;
        this.complaints = complaints;
        this.timeline = timeline;
        this.sentMails = sentMails;
        this.mailer = mailer;
    }

    /**
     * Corrects the complainant's address; with {@code resend}, the case's newest mail that reached the old one goes again.
     * With {@code oldWasTheComplainants} false the old address was someone else's (a
     * typo that is another person's real address): it does not stay one of the complainant's, so that person's request
     * for their data or its erasure does not reach this case, and their mails are not taken for the complainant's. The
     * mails that were delivered there reached a stranger: the staff-only line counts them as a possible personal data
     * breach, for the privacy officer (GDPR art. 33(5) asks that every breach be documented).
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public Optional<SentMail> correct(Complaint seen, String newAddress, boolean resend, boolean oldWasTheComplainants,
                                      String actor) {
        Complaint complaint = open(seen);
        String old = complaint.getEmail();
        String address = validAddress(newAddress, old, "Dit is al het e-mailadres van de klager.");
        // while the case waits for the answer to a request that went to the old address, that request goes again
        Optional<WaitingRequest> waiting = resend ? waitingRequest(complaint, old) : Optional.empty();
        Optional<SentMail> newest = waiting.map(WaitingRequest::request).or(() -> newestDeliveredTo(complaint, old));
        complaint.correctEmail(address, oldWasTheComplainants);
        if (oldWasTheComplainants) {
            timeline.record(complaint, TimelineEventType.NOTE, actor, line("de klager", address, old, resend, newest));
        } else {
            long reachedAStranger = sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                    .filter(mail -> mail.isDelivered() && mail.getRecipient().strip().equalsIgnoreCase(old)).count();
            // the lines of the mails that went there name the stranger: they leave the complainant's copy
            // and the lines of the mails that came from there (the stranger's own words): staff-only too
            String sentThere = (" verzonden aan " + old).toLowerCase(java.util.Locale.ROOT);
            String cameFromThere = (CaseTimeline.MAIL_RECEIVED + old).toLowerCase(java.util.Locale.ROOT);
            timeline.of(complaint).stream().filter(line -> !line.isAboutOthers()
                    && (line.getType() == TimelineEventType.MAIL_SENT && line.getSummary().toLowerCase(java.util.Locale.ROOT).endsWith(sentThere)
                    || line.getSummary().toLowerCase(java.util.Locale.ROOT).startsWith(cameFromThere)))
                    .forEach(TimelineEntry::markAboutOthers);
            // the complainant's own line names only their address; the stranger's is for staff
            timeline.record(complaint, TimelineEventType.NOTE, actor, line("de klager", address, null, resend, newest));
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, "Het vorige adres, " + old + ", was niet van de"
                    + " klager maar van iemand anders." + (reachedAStranger == 0 ? " Er is geen e-mail afgeleverd op dat adres."
                    : " " + reachedAStranger + (reachedAStranger == 1 ? " e-mail over deze zaak is" : " e-mails over deze zaak zijn")
                    + " daar afgeleverd: een mogelijk datalek. Meld het bij de privacyfunctionaris."));
            if (reachedAStranger > 0) {
                log.warn("Possible personal data breach on case {}: {} mail(s) delivered to an address that was not the"
                        + " complainant's (corrected by {})", complaint.getReference(), reachedAStranger, actor);
            }
        }
        if (waiting.isPresent()) {
            sentMails.readdressUndelivered(complaint.getId(), old, address);
            return Optional.of(askAgain(complaint, waiting.get(), actor));
        }
        return readdress(complaint, old, address, resend, newest);
    }

    /** A request for information that went to the old address, while the case waits for its answer. */
    private record WaitingRequest(String processId, java.util.Date due, java.util.Date termFrom, SentMail request) {
    }

    /**
     * The request for information that went to {@code old} while the case waits for the answer (R4), or empty (the case
     * does not wait for information, or the request went elsewhere): the mail a correction sends again.
     */
    private Optional<WaitingRequest> waitingRequest(Complaint complaint, String old) {
        org.camunda.bpm.engine.RuntimeService runtime = engine.getRuntimeService();
        List<org.camunda.bpm.engine.runtime.Execution> waiting = runtime.createExecutionQuery()
                .processInstanceBusinessKey(complaint.getReference()).activityId(ComplaintProcess.AWAIT_INFORMATION).active().list();
        if (waiting.size() != 1) {
            return Optional.empty();
        }
        String processId = waiting.get(0).getProcessInstanceId();
        if (!(runtime.getVariable(processId, ComplaintProcess.VAR_INFORMATION_REQUESTED_AT) instanceof java.util.Date asked)
                || !(runtime.getVariable(processId, ComplaintProcess.VAR_INFORMATION_DUE) instanceof java.util.Date due)) {
            return Optional.empty();
        }
        // the term as last given: from the request, or from an earlier correction that gave it again
        // (a correction of an earlier request's term counts not: it lies before this request)
        java.util.Date termFrom = runtime.getVariable(processId, VAR_INFORMATION_TERM_FROM) instanceof java.util.Date again
                && !again.before(asked) ? again : asked;
        // the request: the newest mail of the request step to the old address since the question was asked
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .filter(mail -> mail.isDelivered() && mail.getRecipient().strip().equalsIgnoreCase(old)
                        && !mail.getSentAt().isBefore(asked.toInstant()) && mail.getDeliveryKey() != null
                        && mail.getDeliveryKey().endsWith(":" + REQUEST_STEP))
                .reduce((earlier, later) -> later)
                .map(request -> new WaitingRequest(processId, due, termFrom, request));
    }

    /**
     * The request for information went to the wrong address while the case waits for the answer (R4): the complainant
     * gets the term the request gave, counted from now, and the request is written anew with that date. A copy said the
     * old date, two days away or passed, and the case closed as incomplete while the complainant had had two days to
     * answer. The wait starts again in the model, so that its reminder and time-out (the model's, a manager's to change)
     * fall on the new date.
     */
    private SentMail askAgain(Complaint complaint, WaitingRequest waiting, String actor) {
        org.camunda.bpm.engine.RuntimeService runtime = engine.getRuntimeService();
        java.util.Date now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
        java.util.Date renewed = calendar.sameTermFrom(waiting.termFrom(), waiting.due(), now);
        if (renewed.after(waiting.due())) {
            runtime.setVariable(waiting.processId(), ComplaintProcess.VAR_INFORMATION_DUE, renewed);
            runtime.setVariable(waiting.processId(), VAR_INFORMATION_TERM_FROM, now);
            org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder restart = runtime
                    .createProcessInstanceModification(waiting.processId()).startBeforeActivity(ComplaintProcess.AWAIT_INFORMATION);
            for (org.camunda.bpm.engine.runtime.ActivityInstance instance
                    : runtime.getActivityInstance(waiting.processId()).getActivityInstances(ComplaintProcess.AWAIT_INFORMATION)) {
                restart.cancelActivityInstance(instance.getId());
            }
            restart.execute();
            timeline.record(complaint, TimelineEventType.NOTE, actor, "De vraag om informatie bereikte de klager niet: ze gaat"
                    + " opnieuw, naar het nieuwe adres, en de klager heeft tot en met "
                    + nl.homepair.complaints.text.DutchDates.day(renewed.toInstant()) + " om te antwoorden (was "
                    + nl.homepair.complaints.text.DutchDates.day(waiting.due().toInstant()) + ").");
        }
        java.util.Map<String, Object> values = new java.util.HashMap<>(runtime.getVariables(waiting.processId()));
        // the delivery job is written by the engine, in this transaction: the new term and its mail stand or fall together
        return engine.getProcessEngineConfiguration().getCommandExecutorTxRequired().execute(command ->
                mailer.queueAsStep(complaint, waiting.request().getTemplate(), MailRecipient.COMPLAINANT, values, REQUEST_STEP));
    }

    /** The model's step that asks for information; its mails carry its id in their delivery key. */
    private static final String REQUEST_STEP = "ServiceTask_RequestInformation";
    /** When a correction gave the term again (the term's working days count from there). */
    private static final String VAR_INFORMATION_TERM_FROM = "informationTermFrom";

    /**
     * The other party (their address and name) as the handler gave them at the assessment (mediation: the invitation,
     * the agreement, a withdrawal), when the case's process has one and nothing is decided yet: after the decision no
     * mail goes to the other party as such, and the user a measure hits (often the same address) is corrected as that
     * ({@link #correctAffectedUser}), which their objection is recognised by.
     */
    public Optional<OtherParty> otherParty(Complaint complaint) {
        if (complaint.getProcessInstanceId() == null || complaint.getStatus() == ComplaintStatus.CLOSED
                || complaint.getDecidedAt() != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(engine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceId(complaint.getProcessInstanceId()).active().singleResult())
                .map(process -> engine.getRuntimeService().getVariables(process.getId(),
                        List.of(ComplaintProcess.VAR_OTHER_PARTY_EMAIL, ComplaintProcess.VAR_OTHER_PARTY_NAME)))
                .filter(known -> known.get(ComplaintProcess.VAR_OTHER_PARTY_EMAIL) instanceof String email && !email.isBlank())
                .map(known -> new OtherParty(known.get(ComplaintProcess.VAR_OTHER_PARTY_NAME) instanceof String name ? name : "",
                        ((String) known.get(ComplaintProcess.VAR_OTHER_PARTY_EMAIL)).strip()));
    }

    /** The other party as the assessment gave them (or as corrected since): the name may be empty, the address is not. */
    public record OtherParty(String name, String email) {
    }

    /**
     * The other party's address, mistyped at the assessment: the invitation to the mediation bounced (its line is on
     * the timeline) and the agreement would go to the same address. Corrected in every running process of the case
     * that has it (a board's review carries a copy), and as the affected user's address that the decision form was
     * filled with while nothing is decided yet. A line for staff only: the other party's address is not the
     * complainant's data. With {@code newName}, also the other party's name when it differs from the one the assessment
     * gave (the handler invited the wrong professional: another person's address and name): the mail that goes again is
     * then written anew, addressed to the right person, instead of a copy that greets the wrong one; with only a new
     * name the address may stay.
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public Optional<SentMail> correctOtherParty(Complaint seen, String newAddress, String newName, boolean resend, String actor) {
        Complaint complaint = open(seen);
        OtherParty before = otherParty(complaint).orElseThrow(() -> CaseRefused.notNow(
                "Deze zaak heeft (nog) geen andere partij: die wordt bij de eerste beoordeling ingevuld als er wordt bemiddeld."));
        String old = before.email();
        String oldName = before.name();
        String name = newName(newName, oldName);
        boolean renamed = !name.isEmpty();
        String address = addressAfter(newAddress, old, renamed, "Dit is al het e-mailadres van de andere partij.");
        refuseTheComplainants(complaint, address, "de andere partij");
        for (ProcessInstance process : engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(complaint.getReference()).active().list()) {
            replace(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_EMAIL, old, address);
            // nothing is decided yet (otherParty): the decision form is filled with the other party as the user a
            // measure would hit (DecisionPrefill)
            replace(process.getId(), "affectedUserEmail", old, address);
            if (renamed && engine.getRuntimeService().getVariable(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_NAME) != null) {
                engine.getRuntimeService().setVariable(process.getId(), ComplaintProcess.VAR_OTHER_PARTY_NAME, name);
            }
            // the decision form, filled with the other party as the user a measure would hit: their name with their address
            if (renamed && engine.getRuntimeService().getVariable(process.getId(), "affectedUserName") instanceof String prefilled
                    && PersonNames.key(prefilled).equals(PersonNames.key(oldName))) {
                engine.getRuntimeService().setVariable(process.getId(), "affectedUserName", name);
            }
        }
        return corrected(complaint, new Correction("de andere partij", "Andere partij", MailRecipient.OTHER_PARTY), old, address,
                oldName, name, resend, actor);
    }

    /** Whose address and name a correction is: its words on the timeline and whom a mail written anew goes to. */
    private record Correction(String whose, String who, MailRecipient recipient) {
    }

    /**
     * The line for staff and the mail that goes again after the other party's or the affected user's address or name was
     * corrected: with a new name the mail names them, so it is written anew (not copied) to the recipient.
     */
    private Optional<SentMail> corrected(Complaint complaint, Correction correction, String old, String address, String oldName,
                                         String name, boolean resend, String actor) {
        boolean renamed = !name.isEmpty();
        Optional<SentMail> invitation = correction.recipient() == MailRecipient.OTHER_PARTY
                ? invitationWhileMediating(complaint, old) : Optional.empty();
        Optional<SentMail> newest = invitation.isPresent() ? invitation : newestDeliveredTo(complaint, old);
        String what = line(correction.whose(), address, old, resend, newest);
        if (renamed) {
            what = address.equals(old) ? correction.who() + " gecorrigeerd: " + name + " (was " + oldName + "), e-mailadres "
                    + address + "." + (resend && newest.isPresent() ? " De e-mail \"" + newest.get().getSubject()
                    + "\" gaat opnieuw, met de juiste naam." : "") : what + " Naam gecorrigeerd: " + name + " (was " + oldName + ").";
        }
        timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, what);
        if (renamed || invitation.isPresent()) {
            sentMails.readdressUndelivered(complaint.getId(), old, address);
            Map<String, Object> values = engine.getRuntimeService().getVariables(complaint.getProcessInstanceId());
            return resend ? newest.map(mail -> engine.getProcessEngineConfiguration().getCommandExecutorTxRequired()
                    .execute(command -> mailer.queue(complaint, mail.getTemplate(), correction.recipient(), values))) : Optional.empty();
        }
        return readdress(complaint, old, address, resend, newest);
    }

    /**
     * While the mediation runs, the mail that goes again to the other party's corrected address or name is the invitation,
     * written anew: the person at that address has heard nothing of the case, and a later mail to the old address (the
     * mediation's delay) told them neither what the complaint is about nor where the chat is. Written anew, it names the
     * mediation's end date as it stands, or says that it passed.
     */
    private Optional<SentMail> invitationWhileMediating(Complaint complaint, String old) {
        if (engine.getRuntimeService().createExecutionQuery().processInstanceId(complaint.getProcessInstanceId())
                .activityId(ComplaintProcess.TASK_MEDIATE).count() == 0) {
            return Optional.empty();
        }
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .filter(mail -> ComplaintProcess.MAIL_OTHER_PARTY_INVITATION.equals(mail.getTemplate()) && mail.isDelivered()
                        && mail.getRecipient().strip().equalsIgnoreCase(old))
                .reduce((earlier, later) -> later);
    }

    static final int OTHER_PARTY_NAME_MAX = 200;

    /** The address as typed, checked; with a new name it may stay the one the case has. */
    private static String addressAfter(String typed, String old, boolean renamed, String unchanged) {
        return renamed && typed != null && typed.strip().equalsIgnoreCase(old) ? old : validAddress(typed, old, unchanged);
    }

    /**
     * The name as typed when it differs from the one the case has, checked; empty when it does not differ (or is empty).
     * A capital or an accent is a difference: "Müller" for "Muller" is the name the mails greet them with.
     */
    private static String newName(String typed, String before) {
        String name = typed == null ? "" : typed.strip().replaceAll("\\s+", " ");
        if (name.isEmpty() || name.equals(before == null ? "" : before.strip().replaceAll("\\s+", " "))) {
            return "";
        }
        if (name.length() > OTHER_PARTY_NAME_MAX || !nl.homepair.complaints.text.PlainText.isPlain(name)) {
            throw new InvalidSubmissionException(List.of(new FieldError("naam", name.length() > OTHER_PARTY_NAME_MAX
                    ? "De naam mag hoogstens " + OTHER_PARTY_NAME_MAX + " tekens lang zijn." : nl.homepair.complaints.text.PlainText.REFUSAL)));
        }
        return name;
    }

    /** The name of the user a measure of the decision hits, where their address can be corrected; empty when none given. */
    public Optional<String> affectedUserName(Complaint complaint) {
        return affectedUserAddress(complaint).map(address -> engine.getRuntimeService()
                .getVariable(complaint.getProcessInstanceId(), "affectedUserName") instanceof String name ? name : "");
    }

    /**
     * The address of the user a measure of the decision hits, where it can be corrected: the case's own process holds
     * the decision as it stands (after the first decision, also while the board reviews the complainant's objection),
     * no revision or review of the measure runs (it compares with whom the measure hit before) and none was completed
     * (the decision as it stands is then read from the history of its own, ended process).
     */
    public Optional<String> affectedUserAddress(Complaint complaint) {
        if (complaint.getProcessInstanceId() == null || complaint.getStatus() == ComplaintStatus.CLOSED
                || complaint.getDecidedAt() == null) {
            return Optional.empty();
        }
        var runtime = engine.getRuntimeService();
        List<ProcessInstance> running = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(complaint.getReference()).active().list();
        boolean caseRuns = running.stream().anyMatch(process -> process.getId().equals(complaint.getProcessInstanceId()));
        boolean boardChanges = running.stream().anyMatch(process -> runtime.getVariable(process.getId(), "measuresBefore") != null);
        if (!caseRuns || boardChanges || affectedUsers.reviewRunning(complaint) || affectedUsers.changedByTheBoard(complaint)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(Measure.againstAUser().stream().map(Measure::key).toList());
        names.add("affectedUserEmail");
        var decision = runtime.getVariables(complaint.getProcessInstanceId(), names);
        Object address = decision.get("affectedUserEmail");
        return Measure.againstAUser().stream().anyMatch(m -> Boolean.TRUE.equals(decision.get(m.key())))
                && address instanceof String known && !known.isBlank() ? Optional.of(known.strip()) : Optional.empty();
    }

    /**
     * The affected user's address, mistyped in the decision: the statement of reasons bounced (its line is on the
     * timeline). Corrected in every running process of the case that has it (a board's review carries a copy), so that
     * a later mail to them, and their objection from the new address, find it. A line for staff only.
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public Optional<SentMail> correctAffectedUser(Complaint seen, String newAddress, String newName, boolean resend, String actor) {
        Complaint complaint = open(seen);
        String old = affectedUserAddress(complaint).orElseThrow(() -> CaseRefused.notNow("Het e-mailadres van de gebruiker"
                + " tegen wie de maatregel is genomen kan hier nu niet worden gecorrigeerd: het besluit neemt geen maatregel"
                + " tegen een gebruiker, of de directie heeft het besluit herzien of herziet het nu."));
        String oldName = affectedUserName(complaint).orElse("");
        // a misspelt name in the statement of reasons (DSA art. 17): corrected as the address is, and the statement that
        // goes again is written anew with it
        String name = newName(newName, oldName);
        boolean renamed = !name.isEmpty();
        String address = addressAfter(newAddress, old, renamed, "Dit is al het e-mailadres van de gebruiker met de maatregel.");
        refuseTheComplainants(complaint, address, "de gebruiker tegen wie de maatregel is genomen");
        for (ProcessInstance process : engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(complaint.getReference()).active().list()) {
            replace(process.getId(), "affectedUserEmail", old, address);
            if (renamed && engine.getRuntimeService().getVariable(process.getId(), "affectedUserName") != null) {
                engine.getRuntimeService().setVariable(process.getId(), "affectedUserName", name);
            }
        }
        return corrected(complaint, new Correction("de gebruiker met de maatregel", "Naam van de gebruiker met de maatregel",
                MailRecipient.AFFECTED_USER), old, address, oldName, name, resend, actor);
    }

    /** The complainant would get another user's mails, filed as their own in their copy of their data. */
    private static void refuseTheComplainants(Complaint complaint, String address, String whose) {
        if (complaint.isComplainantAddress(address)) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Dit is het e-mailadres van de klager. Vul het"
                    + " adres van " + whose + " in.")));
        }
    }

    private Complaint open(Complaint seen) {
        Complaint complaint = complaints.findById(seen.getId()).orElseThrow();
        complaint.requireNotErased();
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            throw CaseRefused.notNow("De zaak is afgesloten; het e-mailadres wordt niet meer gebruikt.");
        }
        return complaint;
    }

    private static String validAddress(String newAddress, String old, String same) {
        String address = newAddress == null ? "" : newAddress.strip();
        if (!EmailAddresses.isValid(address) || address.length() > Complaint.EMAIL_MAX) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Geef een geldig e-mailadres op.")));
        }
        if (address.equalsIgnoreCase(old)) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", same)));
        }
        return address;
    }

    private void replace(String processId, String variable, String old, String address) {
        if (engine.getRuntimeService().getVariable(processId, variable) instanceof String known && known.strip().equalsIgnoreCase(old)) {
            engine.getRuntimeService().setVariable(processId, variable, address);
        }
    }

    private Optional<SentMail> newestDeliveredTo(Complaint complaint, String old) {
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .filter(mail -> mail.getRecipient().strip().equalsIgnoreCase(old)).reduce((earlier, later) -> later)
                .filter(SentMail::isDelivered);
    }

    /** The correction's line; without {@code old} when the old address must not be named there. */
    private static String line(String whose, String address, String old, boolean resend, Optional<SentMail> newest) {
        return "E-mailadres van " + whose + " gecorrigeerd: " + address + (old == null ? "" : " (was " + old + ")") + "."
                + (resend && newest.isPresent() ? " De e-mail \"" + newest.get().getSubject() + "\" gaat opnieuw, naar het nieuwe adres." : "");
    }

    /**
     * The case's mails to the old address that did not leave yet (queued while the mail server was down) go to the new
     * one; with {@code resend}, the newest that did leave is queued again for the new one. The delivery job is written by
     * the engine, in this transaction: the correction and its mail stand or fall together.
     */
    private Optional<SentMail> readdress(Complaint complaint, String old, String address, boolean resend, Optional<SentMail> newest) {
        sentMails.readdressUndelivered(complaint.getId(), old, address);
        return resend ? newest.map(mail -> engine.getProcessEngineConfiguration().getCommandExecutorTxRequired()
                .execute(command -> mailer.resend(complaint, mail, address))) : Optional.empty();
    }
}
