package nl.homepair.complaints.mailbox;

import static nl.homepair.complaints.mailbox.MailboxPoller.MANUAL_PROCESS_KEY;
import static nl.homepair.complaints.mailbox.MailboxPoller.VAR_MAIL_CASE_REFERENCE;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mediation.OtherParties;
import nl.homepair.complaints.escalation.AffectedUserObjectionService;
import nl.homepair.complaints.escalation.ObjectionService;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.InformationReplyService;
import nl.homepair.complaints.tasklist.StartFormRefusals;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * A complainant's answer to a request for information that the mailbox set aside (R4): sent from another address
 * than the case's, or with a sender check that failed. A handler who sees in <em>E-mail handmatig verwerken</em>
 * that it is the answer chooses so, and the mail's text and files become the answer, received when the mail
 * arrived ({@code setAsideAnswers.handled}). Until the handler has looked, a case whose wait for the answer ends does
 * not close as incomplete: it looks again every working day whether such a mail still waits
 * ({@code setAsideAnswers.waitFor}), so nothing the handler does or does not do (another choice, another
 * reference, an erasure) can leave it waiting for ever.
 */
@Component(SetAsideAnswers.BEAN)
public class SetAsideAnswers {

    static final String BEAN = "setAsideAnswers";
    /** The handler's choice in the manual mail task that makes the mail the case's answer. */
    public static final String INFORMATION = "INFORMATION";
    /** The handler's choice that puts the mail's text and files on the timeline of the case it names. */
    public static final String ATTACHED = "ATTACHED";
    /** The handler registered the mail as a complaint with *Klacht registreren*, and names its case. */
    public static final String REGISTERED = "REGISTERED";
    /**
     * The handler's choice that makes the message the complainant's objection to the case's decision, received when the
     * message was (R9); its text and files go with the case as for {@link #ATTACHED}.
     */
    public static final String OBJECTION = "OBJECTION";
    /**
     * The handler's choice that makes the message the objection of the user a measure was taken against (DSA art. 20),
     * received when the message was: the board reviews the measure; its text and files go with the case as someone
     * else's, out of the complainant's copy of their data.
     */
    public static final String MEASURE_OBJECTION = "MEASURE_OBJECTION";

    private final RuntimeService runtimeService;
    private final ComplaintRepository complaints;
    private final InformationReplyService replies;
    private final IncomingMailHandler mailHandler;
    private final CaseTimeline timeline;
    private final MailboxReadMark readMark;

    private final CaseAccess access;
    private final HistoryService historyService;
    private final ObjectionService objections;
    private final ProcessedMailRepository processedMails;
    private final AffectedUserObjectionService affectedUsers;
    private final OtherParties otherParties;

    public SetAsideAnswers(RuntimeService runtimeService, ComplaintRepository complaints, InformationReplyService replies,
                           IncomingMailHandler mailHandler, CaseTimeline timeline, MailboxReadMark readMark, CaseAccess access,
                           HistoryService historyService, ObjectionService objections, ProcessedMailRepository processedMails,
                           AffectedUserObjectionService affectedUsers, OtherParties otherParties) {
        this.affectedUsers = affectedUsers;
        this.otherParties = otherParties;
        this.processedMails = processedMails;
        this.objections = objections;
        this.historyService = historyService;
        this.access = access;
        this.readMark = readMark;
        this.runtimeService = runtimeService;
        this.complaints = complaints;
        this.replies = replies;
        this.mailHandler = mailHandler;
        this.timeline = timeline;
    }

    /**
     * How far the mailbox's read-through may lag behind now, at least, while its polls run normally (another node's
     * interval, a slow poll): short, for a lag beyond it only costs the case a working day's wait, while closing it over
     * an unread answer loses the answer.
     */
    static final Duration LATEST_POLLS = Duration.ofMinutes(3);

    /**
     * Whether the complainant's answer, due by {@code due}, may still reach the case: a mail about it waits for a
     * handler ({@link #waitFor}), or the contact mailbox has not been read through since the answer was due, up to the
     * last few minutes (the mail server or the mailbox was down, the hourly limit held mails back:
     * {@link MailboxReadMark}). Asked when the wait for the answer ends, and every working day after; the case closes as
     * incomplete only when neither holds.
     */
    public boolean mayStillArrive(String reference, java.util.Date due) {
        // answers that arrive in the days after the deadline still count (the model waits for them): the mailbox must be
        // read through up to now, but for the polls that may be running (a mail of the last minutes is read by them)
        Duration polls = readMark.pollInterval().multipliedBy(2);
        Instant readEnough = ClockUtil.getCurrentTime().toInstant()
                .minus(polls.compareTo(LATEST_POLLS) > 0 ? polls : LATEST_POLLS);
        return waitFor(reference) || readMark.behind(due == null ? null : due.toInstant(), readEnough);
    }

    /**
     * Whether a mail or web form message about the case {@code reference}, received by {@code objectionDeadline}, waits
     * for a handler: it may be an objection made in time, so the case does not close yet. One received later cannot be
     * (it would be late), so a stream of later mails naming the case never keeps it open.
     */
    public boolean mayHoldAnObjection(String reference, java.util.Date objectionDeadline) {
        return reference != null && objectionDeadline != null && setAsideNaming(reference)
                .variableValueLessThan("receivedAt",
                        Date.from(nl.homepair.complaints.text.DutchDates.dayAfter(objectionDeadline.toInstant()))).count() > 0;
    }

    /**
     * Whether a mail about the case {@code reference} waits in the manual folder for a handler: one that names it, or
     * names it beside another case (a person chooses which it belongs to).
     */
    public boolean waitFor(String reference) {
        return reference != null && setAsideNaming(reference).count() > 0;
    }

    /**
     * The mails set aside for a person that name the case {@code reference} (alone, or beside another case): as the
     * mailbox named it ({@code mailNamedCase}, which no form writes), so that a handler who changed the form's case field
     * before choosing does not let the named case close as incomplete with its answer in the task.
     */
    private org.camunda.bpm.engine.runtime.ProcessInstanceQuery setAsideNaming(String reference) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(MANUAL_PROCESS_KEY)
                .or().variableValueEquals(VAR_MAIL_CASE_REFERENCE, reference)
                .variableValueEquals(MailboxPoller.VAR_MAIL_NAMED_CASE, reference)
                .variableValueEquals(MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE, reference).endOr();
    }

    /**
     * At the end of the manual mail task: when the handler chose {@link #INFORMATION}, the mail is the answer of the case
     * it names; {@link #ATTACHED}, its text and files go on that case (and a message of the complainant's in the
     * objection window is judged as a possible objection, as the mailbox does); {@link #OBJECTION}, it is the
     * complainant's objection, received when the message was. The handler's note goes on the case. A case that asks
     * nothing, a reference that is not a case, an objection out of time refuse the choice with a Dutch message beside
     * the form, and the task stays open.
     */
    public void handled(DelegateExecution execution) {
        // the task ended without a choice (cancelled in Cockpit, stopped by an erasure): nothing is anyone's answer
        if (execution instanceof ExecutionEntity entity && entity.isCanceled()) {
            return;
        }
        Object choice = execution.getVariable("manualMailResult");
        if (REGISTERED.equals(choice)) {
            StartFormRefusals.refusedAsFormError(() -> {
                registered(execution);
                return null;
            });
            handledWithoutTheCase(execution, choice);
            return;
        }
        if (!INFORMATION.equals(choice) && !ATTACHED.equals(choice) && !OBJECTION.equals(choice)
                && !MEASURE_OBJECTION.equals(choice)) {
            // a case that waited for it sees so at its next daily look, and closes as incomplete: its timeline says who
            // decided the mail that named it was nothing for it, and why (R14)
            handledWithoutTheCase(execution, choice);
            return;
        }
        StartFormRefusals.refusedAsFormError(() -> {
            Complaint complaint = caseOfTheForm(execution, INFORMATION.equals(choice)
                    ? "Vul de referentie in van de zaak waarop dit het antwoord is (KL-…)."
                    : OBJECTION.equals(choice) ? "Vul de referentie in van de zaak waarvan het besluit wordt bestreden (KL-…)."
                    : MEASURE_OBJECTION.equals(choice) ? "Vul de referentie in van de zaak waarin de maatregel is genomen (KL-…)."
                    : "Vul de referentie in van de zaak waarbij de e-mail hoort (KL-…).", "");
            String reference = complaint.getReference();
            Object text = execution.getVariable("mailText");
            Object received = execution.getVariable("receivedAt");
            Instant receivedAt = received instanceof Date date ? date.toInstant() : null;
            String handler = Context.getCommandContext().getAuthenticatedUserId();
            Object sender = execution.getVariable(MailboxPoller.VAR_MAIL_SENDER);
            boolean fromComplainant = sender instanceof String address && complaint.isComplainantAddress(address);
            // the case (or cases) the mail itself named is anyone's who handles the mailbox when the mail comes from one of
            // its people; another case, or a mail from anyone else, only its team's (R12): anyone can mail a reference,
            // including a handler who wants to act on another team's case through the mailbox's task
            if (handler != null && !namedByItsOwnPeople(execution, reference, complaint, sender, fromComplainant)
                    && !access.staffMayAct(complaint)) {
                throw new InvalidSubmissionException(List.of(new FieldError(VAR_MAIL_CASE_REFERENCE,
                        CaseAccess.OTHER_TEAM + " Laat een teamleider de e-mail bij deze zaak voegen.")));
            }
            // asked only for the two objection choices: it reads the decision from the engine's history
            boolean fromAffectedUser = (OBJECTION.equals(choice) || MEASURE_OBJECTION.equals(choice)) && !fromComplainant
                    && sender instanceof String address && affectedUsers.isAffectedUser(complaint, address);
            if (OBJECTION.equals(choice) && fromAffectedUser) {
                // the user a measure hit is no complainant: their objection is reviewed against the measure, their files
                // stay out of the complainant's copy, and they (not the complainant) hear the outcome
                throw new InvalidSubmissionException(List.of(new FieldError("manualMailResult", "Deze e-mail komt van de"
                        + " gebruiker tegen wie de maatregel is genomen, niet van de klager: kies 'Bezwaar tegen een"
                        + " maatregel, van de gebruiker tegen wie die is genomen'.")));
            }
            // the case's other party ("ik ben het niet eens met het besluit") is no complainant either: as the complainant's
            // objection it would use up the complainant's one objection, tell them of one they never made, and put the
            // other party's words in the complainant's copy of their data
            boolean fromOtherParty = (OBJECTION.equals(choice) || INFORMATION.equals(choice)) && !fromComplainant
                    && !fromAffectedUser && sender instanceof String address && otherParties.isOtherPartyOf(reference, address);
            if (fromOtherParty) {
                throw new InvalidSubmissionException(List.of(new FieldError("manualMailResult", "Deze e-mail komt van de"
                        + " andere partij van deze zaak, niet van de klager: een bezwaar of antwoord van de klager kan het niet"
                        + " zijn. Kies 'Bij een bestaande zaak voegen'; het komt dan bij de zaak, niet in de gegevens van de"
                        + " klager.")));
            }
            if (MEASURE_OBJECTION.equals(choice) && fromComplainant) {
                // the complainant's own mail as the affected user's: their text and files out of their own copy, and a user
                // told of an objection they never made
                throw new InvalidSubmissionException(List.of(new FieldError("manualMailResult", "Deze e-mail komt van de"
                        + " klager zelf, niet van de gebruiker tegen wie de maatregel is genomen: kies 'Bezwaar tegen het"
                        + " besluit, van de klager' als het een bezwaar is.")));
            }
            if (MEASURE_OBJECTION.equals(choice) && !fromAffectedUser) {
                // anyone can mail the case's reference: an objection in the user's name from another address would use up
                // their one review (DSA art. 20) with someone else's words
                throw new InvalidSubmissionException(List.of(new FieldError("manualMailResult", "Deze e-mail komt niet van het"
                        + " adres waarnaar de verklaring van redenen ging. Schrijft de gebruiker echt van een ander adres, ga"
                        + " dat dan na en registreer het bezwaar met Bezwaar registreren; kies hier anders 'Bij een bestaande"
                        + " zaak voegen'.")));
            }
            // the handler answers for the complainant; the case's own steps run as the system
            Context.getCommandContext().runWithoutAuthorization(() -> {
                if (INFORMATION.equals(choice)) {
                    List<String> refused = new ArrayList<>();
                    List<EvidenceUpload> files = mailHandler.acceptable(attachments(execution), refused);
                    // the handler's note is part of the complainant's answer only on the complainant's own message: on
                    // someone else's it stays a line for staff (notes), out of the complainant's copy
                    withNextChoice(() -> replies.reply(complaint, fromComplainant
                            ? answerWithNotes(text, execution.getVariable("manualMailNotes"))
                            : text == null ? null : text.toString(), files, handler, receivedAt));
                    refused.forEach(reason -> timeline.record(complaint, TimelineEventType.NOTE, handler, reason));
                } else if (MEASURE_OBJECTION.equals(choice)) {
                    String words = text == null ? "" : text.toString();
                    // someone else's text and files: on the case for the board, not in the complainant's copy
                    mailHandler.attachToCase(complaint, false, stored(execution, "mailFrom"), stored(execution, "mailSubject"),
                            words, attachments(execution), handler);
                    String motivation = ownWordsOf(words);
                    withNextChoice(() -> affectedUsers.object(complaint,
                            objectionMotivation(motivation, execution.getVariable("manualMailNotes"), true), handler, receivedAt));
                } else {
                    String words = text == null ? "" : text.toString();
                    // the files a case takes, as when the mail had come from the case's own address; the others are named
                    mailHandler.attachToCase(complaint, fromComplainant || OBJECTION.equals(choice),
                            stored(execution, "mailFrom"), stored(execution, "mailSubject"), words, attachments(execution),
                            handler);
                    boolean hasWords = ManualMailTasks.ownWords(words);
                    String motivation = ownWordsOf(words);
                    if (OBJECTION.equals(choice)) {
                        withNextChoice(() -> objections.object(complaint,
                                objectionMotivation(motivation, execution.getVariable("manualMailNotes"), false), handler, receivedAt));
                    } else if (fromComplainant && receivedAt != null && hasWords && !MailIntent.onlyThanks(words, "")
                            && !Boolean.TRUE.equals(execution.getVariable(ManualMailTasks.VAR_ONLY_IN_COPY))) {
                        // put with the case without a word on whether it objects: while the window runs, a handler judges
                        // it, and the complainant hears the outcome either way (the closing mail no longer says nothing came);
                        // not a mail written to someone else with us in Cc, which the person putting it here has judged
                        mailHandler.judgedIfAnObjection(complaint, motivation, receivedAt, handler);
                    }
                }
                if (!(INFORMATION.equals(choice) && fromComplainant)) { // there the note is in the answer
                    notes(execution, complaint, fromComplainant, handler);
                }
                return null;
            });
            return null;
        });
    }

    /**
     * "Als klacht geregistreerd": the handler registered the complaint with *Klacht registreren* and names its case here.
     * The choice closed the task whether or not a case was made, and with it went the mail's text, its moment and its
     * files (their links answer "al verwerkt"): a complaint could be dropped without a word (R1). The case must exist and
     * have been registered after the mail was set aside for a person (this task); the mail's text and files then go with it, as for a mail put with a
     * case, and an erasure of the case finds the mail by it. A case of another team is refused unless the handler
     * registered it themselves (the routing table may give it to a team they are not in).
     */
    private void registered(DelegateExecution execution) {
        Complaint complaint = caseOfTheForm(execution, REGISTER_FIRST, " " + REGISTER_FIRST);
        String reference = complaint.getReference();
        // registered from this task: after it was made (the mail's own time has whole seconds, and a letter's may be
        // days earlier)
        Date setAside = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
                .getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId())
                .singleResult()).getStartTime();
        if (setAside != null && complaint.getRegisteredAt() != null && complaint.getRegisteredAt().isBefore(setAside.toInstant())) {
            // an existing case (a colleague registered the phone call, an earlier mail became one): registering again makes
            // a second case, with a second acknowledgement
            throw new InvalidSubmissionException(List.of(new FieldError(VAR_MAIL_CASE_REFERENCE, "Zaak " + reference
                    + " is geregistreerd voordat deze e-mail hier binnenkwam. Hoort de e-mail bij die zaak, kies dan 'Bij een"
                    + " bestaande zaak voegen'; vul hier alleen de referentie in van de zaak die je uit deze e-mail hebt"
                    + " geregistreerd.")));
        }
        String handler = Context.getCommandContext().getAuthenticatedUserId();
        if (handler != null && !handler.equals(complaint.getRegisteredBy()) && !access.staffMayAct(complaint)) {
            throw new InvalidSubmissionException(List.of(new FieldError(VAR_MAIL_CASE_REFERENCE, CaseAccess.OTHER_TEAM)));
        }
        Object sender = execution.getVariable(MailboxPoller.VAR_MAIL_SENDER);
        boolean fromComplainant = sender instanceof String address && complaint.isComplainantAddress(address);
        Object text = execution.getVariable("mailText");
        Context.getCommandContext().runWithoutAuthorization(() -> {
            mailHandler.attachToCase(complaint, fromComplainant, stored(execution, "mailFrom"), stored(execution, "mailSubject"),
                    text == null ? "" : text.toString(), attachments(execution), handler);
            notes(execution, complaint, fromComplainant, handler);
            return null;
        });
    }

    /**
     * The case the form names ({@code mailCaseReference}), refused beside the form with {@code missing} when it names
     * none and with "bestaat niet" and {@code notFound} when it is not a case; kept as the case spells it ("kl 2026 123"
     * typed over): an erasure of the case finds the mail by it, and the original in the mailbox's folder by the
     * mailbox's record of it.
     */
    private Complaint caseOfTheForm(DelegateExecution execution, String missing, String notFound) {
        Object given = execution.getVariable(VAR_MAIL_CASE_REFERENCE);
        String reference = given == null ? null : ReferenceNumbers.findIn(given.toString()).orElse(null);
        if (reference == null) {
            throw new InvalidSubmissionException(List.of(new FieldError(VAR_MAIL_CASE_REFERENCE, missing)));
        }
        Complaint complaint = complaints.findByReference(reference).orElseThrow(() -> new InvalidSubmissionException(
                List.of(new FieldError(VAR_MAIL_CASE_REFERENCE, "Zaak " + reference + " bestaat niet." + notFound))));
        execution.setVariable(VAR_MAIL_CASE_REFERENCE, reference);
        Object messageKey = execution.getVariable(ManualMailTasks.VAR_MESSAGE_KEY);
        if (messageKey != null) {
            processedMails.putWithCase(messageKey.toString(), reference);
        }
        return complaint;
    }

    private static final String REGISTER_FIRST = "Registreer de klacht eerst met Klacht registreren (met het ontvangstmoment"
            + " van deze e-mail) en vul hier de referentie van die zaak in (KL-…): bij Voltooien komen de tekst en de bijlagen"
            + " van de e-mail bij die zaak.";

    /** A header of the mail as it was: the task keeps it escaped for the form's Markdown, the timeline as plain text. */
    private static String stored(DelegateExecution execution, String name) {
        return nl.homepair.complaints.text.MarkdownText.unescape(String.valueOf(execution.getVariable(name)));
    }

    /** The message's words, not the task's notice that it had none; quoted text left out unless it is all there is. */
    private String ownWordsOf(String words) {
        boolean hasWords = ManualMailTasks.ownWords(words);
        String own = hasWords ? MailIntent.ownWords(words) : "";
        return mailHandler.fitted(own.isEmpty() && hasWords ? words : own);
    }

    /**
     * A choice the case cannot take now (it asked for no information, its objection window is closed, it has no
     * decision yet): the refusal says what to choose instead, as nothing on the form does. Nothing was written yet.
     */
    private static void withNextChoice(Runnable choice) {
        try {
            choice.run();
        } catch (CaseRefused refused) {
            throw new CaseRefused(refused.kind(), refused.reason() + " Kies dan 'Bij een bestaande zaak voegen' (de e-mail en"
                    + " de bijlagen komen bij de zaak) of 'Geen klacht, of niets meer te doen', en beantwoord de afzender zo"
                    + " nodig zelf.");
        }
    }

    /**
     * The objection's motivation for the board: the message's own words; when they are none or too short to be one (a
     * mail with only a PDF, "Bezwaar!"), what the handler wrote under Toelichting (the complainant's reasons from the
     * attachment or a call). Neither: the handler is told, beside the form, what to write.
     *
     * @param againstAMeasure the objection of the user a measure was taken against (DSA art. 20), not the complainant's
     */
    private static String objectionMotivation(String words, Object notes, boolean againstAMeasure) {
        String stripped = words == null ? "" : words.strip();
        if (stripped.length() >= ObjectionService.MIN_MOTIVATION) {
            return stripped;
        }
        String written = notes == null ? "" : notes.toString().strip();
        if (written.length() >= ObjectionService.MIN_MOTIVATION) {
            return answerWithNotes(stripped, written);
        }
        String who = againstAMeasure ? "de gebruiker" : "de klager";
        throw new InvalidSubmissionException(List.of(new FieldError("manualMailNotes", "Het bericht zelf zegt niet waarom "
                + who + " het oneens is met " + (againstAMeasure ? "de maatregel" : "het besluit") + ". Schrijf dat bij"
                + " Toelichting (uit de bijlage, of wat " + who + " vertelde); die toelichting gaat naar de directie.")));
    }

    /**
     * The answer the case goes on with: the message, and what the handler wrote beside it. "Zie de bijgevoegde brief" with
     * a Word letter the case does not take is sent to a person, who is told to put what the letter says in the note: the
     * assessment reads the answer (the form's "Aanvullende informatie van de klager"), where a note on the timeline alone
     * was one line among many, cut short.
     */
    private static String answerWithNotes(Object text, Object notes) {
        String words = text == null ? "" : text.toString().strip();
        String written = notes == null ? "" : notes.toString().strip();
        return written.isEmpty() ? words : (words.isEmpty() ? "" : words + "\n\n") + ObjectionService.BY_THE_HANDLER + written;
    }

    /**
     * A mail that named a case (or two), handled without putting anything with it ("geen klacht", registered as a new
     * complaint): a staff-only line on each named case that still exists, with when the mail came, the choice, who made
     * it and their note; the mail itself stays out of the case (it may be anyone's).
     */
    private void handledWithoutTheCase(DelegateExecution execution, Object choice) {
        // the cases the mailbox named (a person cannot write these), not the form's reference field
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (Object given : java.util.Arrays.asList(namedCase(execution),
                execution.getVariable(MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE))) {
            if (given != null) {
                ReferenceNumbers.findIn(given.toString()).ifPresent(named::add);
            }
        }
        if (named.isEmpty()) {
            return;
        }
        String handler = Context.getCommandContext().getAuthenticatedUserId();
        String who = handler == null ? CaseTimeline.SYSTEM : handler;
        Object received = execution.getVariable("receivedAt");
        Object notes = execution.getVariable("manualMailNotes");
        String done = "Een bericht dat deze zaak noemt" + (received instanceof Date date ? ", ontvangen op "
                + nl.homepair.complaints.text.DutchDates.moment(date.toInstant()) : "") + ", is door " + who + " afgehandeld"
                + " zonder iets bij de zaak te voegen (" + (REGISTERED.equals(choice) ? "als nieuwe klacht geregistreerd"
                : "geen klacht, of niets meer te doen") + ")";
        String note = notes == null || notes.toString().isBlank() ? "" : ": " + notes.toString().strip();
        for (String reference : named) {
            complaints.findByReference(reference).filter(complaint -> complaint.getAnonymisedAt() == null)
                    // the handler's own words only on a case they may act on (R12); that it was handled, on every one
                    .ifPresent(complaint -> timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, who,
                            sentence(done + (handler == null || access.staffMayAct(complaint) ? note : ""))));
        }
    }

    /** The text with a full stop, unless it ends in one (or another closing mark) already. */
    private static String sentence(String text) {
        return text.matches("(?s).*[.!?]$") ? text : text + ".";
    }

    /** What the handler wrote beside their choice, on the case's timeline (the helper process's history is no one's). */
    private void notes(DelegateExecution execution, Complaint complaint, boolean fromComplainant, String handler) {
        Object notes = execution.getVariable("manualMailNotes");
        if (notes == null || notes.toString().isBlank()) {
            return;
        }
        String line = "Toelichting van de behandelaar bij het bericht (E-mail handmatig verwerken): " + notes.toString().strip();
        if (fromComplainant) {
            timeline.record(complaint, TimelineEventType.NOTE, handler, line);
        } else {
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, handler, line);
        }
    }

    /**
     * Whether the mail named this case itself and came from its complainant, the user a measure hit or its other party,
     * as far as anyone confirmed: a From the mail server's check did not confirm, or an address typed into the web form,
     * anyone can give.
     */
    private boolean namedByItsOwnPeople(DelegateExecution execution, String reference, Complaint complaint, Object sender,
                                        boolean fromComplainant) {
        return !Boolean.TRUE.equals(execution.getVariable(ManualMailTasks.VAR_SENDER_UNVERIFIED))
                && (reference.equals(namedCase(execution)) || reference.equals(execution.getVariable(MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)))
                && sender instanceof String address && (fromComplainant
                || affectedUsers.isAffectedUser(complaint, address) || otherParties.isOtherPartyOf(reference, address));
    }

    /**
     * The case the mailbox named when it set the mail aside; for a task set aside before it recorded that apart
     * ({@code mailNamedCase}), the reference's first value in the process's history, which the mailbox wrote.
     */
    private String namedCase(DelegateExecution execution) {
        Object named = execution.getVariable(MailboxPoller.VAR_MAIL_NAMED_CASE);
        if (named != null) {
            return named.toString();
        }
        return Context.getCommandContext().runWithoutAuthorization(() -> historyService.createHistoricDetailQuery()
                .processInstanceId(execution.getProcessInstanceId()).variableUpdates().orderByTime().asc().list().stream()
                .filter(detail -> detail instanceof HistoricVariableUpdate update
                        && VAR_MAIL_CASE_REFERENCE.equals(update.getVariableName()) && update.getValue() != null)
                .map(detail -> ((HistoricVariableUpdate) detail).getValue().toString())
                .findFirst().orElse(null));
    }

    /** The mail's files as the mailbox kept them on the task ({@code mailAttachment1}, …). */
    private static List<EvidenceUpload> attachments(DelegateExecution execution) {
        List<EvidenceUpload> files = new ArrayList<>();
        for (int n = 1; n <= MailboxPoller.MAX_FILES_KEPT; n++) {
            if (!(execution.getVariableTyped("mailAttachment" + n) instanceof FileValue file)) {
                break;
            }
            try (var in = file.getValue()) {
                files.add(new EvidenceUpload(file.getFilename(), in.readAllBytes()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Attachment " + n + " of a set-aside mail cannot be read", e);
            }
        }
        return files;
    }
}
