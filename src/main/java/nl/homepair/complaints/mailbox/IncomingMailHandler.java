package nl.homepair.complaints.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseRows;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.escalation.AffectedUserObjectionService;
import nl.homepair.complaints.escalation.ObjectionService;
import nl.homepair.complaints.intake.ComplaintIntakeService;
import nl.homepair.complaints.intake.ComplaintSubmission;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.InformationReplyService;
import nl.homepair.complaints.intake.IntakeProperties;
import nl.homepair.complaints.intake.FileTypes;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailProperties;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.mailbox.ProcessedMail.Outcome;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.text.Sha256;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one mail of the contact mailbox into what it means (R3), in one transaction
 * with the record that it was handled: a new complaint; or, when it quotes a reference,
 * the answer to a request for information, an objection, or a note on that case.
 * Auto-replies change nothing; a bounce of our mail about a case goes to a handler.
 * Attachments follow the API's rules; one that is refused is left out and the timeline
 * says so, for the handler.
 */
@Service
public class IncomingMailHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IncomingMailHandler.class);
    static final String ACTOR = "e-mail";
    /** More attachments than this are not even looked at (one timeline line says so). */
    static final int MAX_ATTACHMENTS_LOOKED_AT = 20;
    /** How long after a complaint by mail a further mail without reference from its sender joins it, if not yet acknowledged. */
    static final Duration FOLLOW_UP_WINDOW = Duration.ofDays(14);

    private final ProcessedMailRepository processed;
    private final ComplaintRepository complaints;
    private final SubmissionValidator validator;
    private final ComplaintIntakeService intake;
    private final InformationReplyService replies;
    private final ObjectionService objections;
    private final AffectedUserObjectionService affectedUsers;
    private final CaseTimeline timeline;
    private final CaseMailer mailer;
    private final IntakeProperties limits;
    private final MailProperties mailProperties;
    private final SentMailRepository sentMails;

    private final nl.homepair.complaints.mail.OfficeHours officeHours;
    private final nl.homepair.complaints.mediation.OtherParties otherParties;
    private final nl.homepair.complaints.complaint.CaseMessages caseMessages;

    private final jakarta.persistence.EntityManager entities;

    public IncomingMailHandler(ProcessedMailRepository processed, ComplaintRepository complaints, SubmissionValidator validator,
                               ComplaintIntakeService intake, InformationReplyService replies, ObjectionService objections,
                               CaseTimeline timeline, CaseMailer mailer, IntakeProperties limits, MailProperties mailProperties,
                               AffectedUserObjectionService affectedUsers, SentMailRepository sentMails,
                               nl.homepair.complaints.mail.OfficeHours officeHours,
                               nl.homepair.complaints.mediation.OtherParties otherParties,
                               nl.homepair.complaints.complaint.CaseMessages caseMessages,
                               jakarta.persistence.EntityManager entities) {
        this.entities = entities;
        this.caseMessages = caseMessages;
        this.otherParties = otherParties;
        this.officeHours = officeHours;
        this.sentMails = sentMails;
        this.affectedUsers = affectedUsers;
        this.mailProperties = mailProperties;
        this.processed = processed;
        this.complaints = complaints;
        this.validator = validator;
        this.intake = intake;
        this.replies = replies;
        this.objections = objections;
        this.timeline = timeline;
        this.mailer = mailer;
        this.limits = limits;
    }

    public boolean alreadyHandled(String messageId) {
        return processed.findByMessageId(messageId).isPresent();
    }

    /**
     * Whether a subject names a case that exists, from someone of that case (the complainant, or anyone we wrote to about
     * it: the other party, the affected user): only such a mail is a reply that goes on while the hour's limit of new
     * work is reached. A made-up reference, or a real one quoted by anyone else (references are sequential), is no
     * reply, and would otherwise let a flood of tasks through.
     */
    public boolean namesAKnownCase(String subject, String sender) {
        if (sender == null || sender.isBlank()) {
            return false;
        }
        String address = sender.strip();
        return ReferenceNumbers.findIn(subject).flatMap(complaints::findByReference)
                .filter(known -> known.isComplainantAddress(address) || sentMails.findByComplaintIdOrderBySentAtAscIdAsc(known.getId())
                        .stream().anyMatch(mail -> mail.getRecipient().equalsIgnoreCase(address)))
                .isPresent();
    }

    /** When the mail (or message) with this id was handled or set aside, if it was. */
    public Optional<Instant> setAsideAt(String messageId) {
        return processed.findByMessageId(messageId).map(ProcessedMail::getProcessedAt);
    }

    /**
     * A mail set aside for a person: {@code startTask} starts the handler's task and the mail
     * is remembered by {@code messageId} ({@link Outcome#MANUAL}) in one transaction, as a
     * handled mail is, so a poll that ended before the mail left the inbox (a crash, a dropped
     * connection) gives it no second task. False when it was remembered before. A mail without
     * a readable id ({@code null}) gets its task every time. {@code reference}: the case whose erasure takes the
     * original along (the one the mail names, or only mentions), or null; {@code alsoKnownAs}: further ids it is
     * remembered under (the web form's message with files, that Back sends again without them), in the same transaction.
     */
    @Transactional
    public boolean setAsideOnce(String messageId, String reference, Runnable startTask, List<String> alsoKnownAs) {
        if (messageId != null && alreadyHandled(messageId)) {
            return false;
        }
        startTask.run();
        if (messageId != null) {
            // with the case it names: an erasure of that case finds the original in the folder too
            processed.save(new ProcessedMail(messageId, now(), Outcome.MANUAL, reference));
            for (String alias : alsoKnownAs) {
                if (!alreadyHandled(alias)) {
                    processed.save(new ProcessedMail(alias, now(), Outcome.MANUAL, reference));
                }
            }
        }
        return true;
    }

    @Transactional
    public ProcessedMail handle(IncomingMail mail) {
        Optional<ProcessedMail> seen = processed.findByMessageId(mail.messageId());
        if (seen.isPresent()) {
            return seen.get();
        }
        if (mail.automatic() || isOurOwn(mail.senderAddress())) {
            undeliveredMailOfACase(mail);
            // auto-replies, bounces and our own mails: answering them could start a mail loop
            return record(mail, Outcome.IGNORED, null);
        }
        Optional<String> inSubject = ReferenceNumbers.findIn(mail.subject());
        Optional<String> inText = ReferenceNumbers.findIn(mail.text());
        // the subject's case first; a reply to our "reference unknown" answer keeps that subject and
        // names the right reference in the text
        Optional<Complaint> existing = inSubject.flatMap(complaints::findByReference)
                .or(() -> inText.flatMap(complaints::findByReference));
        if (mail.noReplyAnswersTo() != null) {
            // a contact form of another site or a ticket system, writing for a person: not a case's address to answer;
            // the case it names (a ticket system's reply) waits for the person's choice
            throw new ManualHandlingNeeded("De e-mail komt van een no-reply-adres (" + mail.senderAddress() + ") en vraagt"
                    + " antwoorden aan " + mail.noReplyAnswersTo() + " (Reply-To). Is het een klacht, registreer die dan"
                    + " met dat adres; hoort het bij een zaak, voeg het daar bij.", mail,
                    existing.map(Complaint::getReference).orElse(null));
        }
        if (existing.isPresent() && inSubject.flatMap(complaints::findByReference).isEmpty()
                && !ReferenceNumbers.allIn(MailIntent.ownWords(mail.text())).contains(existing.get().getReference())
                && existing.get().getStatus() != ComplaintStatus.CLOSED && existing.get().isComplainantAddress(mail.senderAddress())) {
            // named only in the mail of ours it quotes, under a subject of the sender's own ("Nieuwe klacht: lekkage"): as
            // likely a new complaint written as a reply to an old mail as something for that case; a person decides (a
            // closed case, or another sender, is the case's own way to a person, which names a case that waits)
            throw new ManualHandlingNeeded("De e-mail noemt zaak " + existing.get().getReference() + " alleen in het"
                    + " geciteerde bericht, niet in het onderwerp of in de eigen tekst van de afzender. Is het een nieuwe klacht,"
                    + " registreer die; hoort hij bij zaak " + existing.get().getReference() + ", kies dan wat hij daar is (de"
                    + " referentie staat ingevuld). De zaak blijft open tot je gekozen hebt.", mail, existing.get().getReference());
        }
        if (existing.isPresent()) {
            otherCaseInOwnWords(existing.get(), mail);
            return onCase(existing.get(), mail);
        }
        Optional<String> quoted = inSubject.or(() -> inText);
        if (quoted.isEmpty()) {
            // the sender's cases, read once for both questions; none when the mail server saw their address fail its checks
            List<Complaint> theirs = mail.authenticationFailed() ? List.of()
                    : complaints.findByEmailIgnoreCaseOrderByReceivedAt(mail.senderAddress());
            Optional<Complaint> waiting = unacknowledgedMailComplaintOf(theirs, mail);
            Optional<Complaint> asked = askedForInformation(theirs);
            String text = mail.text().isEmpty() ? mail.subject() : mail.text();
            // the sender is also the other party of someone else's mediation ("Mijn reactie op de klacht over de badkamer"
            // from a tradesperson with a case of their own): their own case is not the only one the mail may be for
            Optional<Complaint> mediated = mediatedWith(mail);
            java.util.function.Function<Complaint, String> alsoMediated = own -> mediated.filter(other -> !other.equals(own))
                    .map(other -> " Let op: de afzender is ook de andere partij in zaak " + other.getReference() + "; is de e-mail"
                            + " een reactie in die bemiddeling, kies dan 'Bij een bestaande zaak voegen' met "
                            + other.getReference() + ".").orElse("");
            if (waiting.isPresent()) {
                // "Hier de foto's" or "Ik ben het niet eens met jullie besluit" may be for the sender's older case, which
                // waits for an answer or an objection: not silently a note on the new one while the older one closes
                Optional<Waiting> older = !mail.attachments().isEmpty() || !onlyThanks(mail, text, theirs)
                        ? waitingForThem(theirs, mail, text).filter(other -> !other.complaint().equals(waiting.get()))
                        : Optional.empty();
                if (older.isPresent()) {
                    throw new ManualHandlingNeeded("De e-mail noemt geen referentie. Zaak " + older.get().reference()
                            + " van deze afzender wacht op " + older.get().what() + ", en zaak " + waiting.get().getReference()
                            + " (per e-mail, nog zonder ontvangstbevestiging) is nieuw. Hoort de e-mail bij "
                            + older.get().reference() + ", kies dan wat hij daar is (de referentie staat ingevuld); hoort hij"
                            + " bij de nieuwe zaak, kies 'Bij een bestaande zaak voegen' met " + waiting.get().getReference()
                            + "." + alsoMediated.apply(waiting.get()) + " De zaken blijven open tot je gekozen hebt.", mail,
                            older.get().reference());
                }
                if (mediated.isPresent() && !mediated.get().equals(waiting.get())) {
                    throw ManualHandlingNeeded.about("De e-mail noemt geen referentie. Zaak " + waiting.get().getReference()
                            + " van deze afzender (per e-mail, nog zonder ontvangstbevestiging) is nieuw, en de afzender is ook"
                            + " de andere partij in zaak " + mediated.get().getReference() + ". Is de e-mail een reactie in die"
                            + " bemiddeling, kies dan 'Bij een bestaande zaak voegen' met " + mediated.get().getReference()
                            + "; hoort hij bij de eigen zaak, kies 'Bij een bestaande zaak voegen' met "
                            + waiting.get().getReference() + " (die staat ingevuld).", mail, waiting.get().getReference(),
                            mediated.get().getReference());
                }
                return beforeItsReference(waiting.get(), mail);
            }
            if (asked.isPresent() && mail.attachments().isEmpty() && onlyThanks(mail, text, List.of(asked.get()))) {
                // "Bedankt!" answers no question, with or without the reference: the case waits on
                timeline.record(held(asked.get()), TimelineEventType.NOTE, ACTOR, CaseTimeline.MAIL_RECEIVED + mail.senderAddress()
                        + " zonder referentie (geen antwoord op de vraag om informatie; de zaak wacht verder): "
                        + mail.subject() + "\n" + text);
                return record(mail, Outcome.NOTE, asked.get().getReference());
            }
            if (asked.isPresent()) {
                // a second case of theirs that waits too (for information, or an objection the mail may be) waits for the
                // person's choice as well, named: else it closes as unanswered while the task names only the newest
                Optional<Waiting> also = waitingForThem(theirs.stream().filter(c -> !c.equals(asked.get())).toList(), mail, text);
                throw ManualHandlingNeeded.about("De e-mail noemt geen referentie, maar zaak " + asked.get().getReference()
                        + " van deze afzender wacht op aanvullende informatie. Is dit het antwoord, kies dan 'Antwoord op de"
                        + " vraag om informatie' (de referentie staat al ingevuld); is het een nieuwe klacht, registreer die."
                        + also.map(w -> " Let op: ook zaak " + w.reference() + " van deze afzender wacht op " + w.what()
                                + "; lees bij welke zaak de e-mail hoort en vul zo nodig die referentie in.").orElse("")
                        + alsoMediated.apply(asked.get())
                        + (also.isPresent() ? " De zaken blijven open tot je gekozen hebt." : " De zaak blijft open tot je gekozen hebt."),
                        // the mediated case tied to the task too (its erasure takes the mail along), when no other waits
                        mail, asked.get().getReference(), also.map(Waiting::reference)
                                .orElse(mediated.filter(other -> !other.equals(asked.get())).map(Complaint::getReference).orElse(null)));
            }
            // "Ik ben het niet eens met jullie besluit" as a new mail: not a second case while the objection is lost (R9);
            // also when typed into our decision mail it quotes
            MailIntent.Kind intent = MailIntent.of(mail.subject(), MailIntent.saidWords(text, () -> oursFor(theirs)));
            Optional<Complaint> decided = decidedAwaitingObjection(theirs, intent);
            if (decided.isPresent()) {
                throw ManualHandlingNeeded.about("De e-mail noemt geen referentie en is mogelijk een bezwaar tegen het besluit"
                        + " over zaak " + decided.get().getReference() + " van deze afzender (bezwaar kan tot en met "
                        + DutchDates.day(decided.get().getObjectionDeadline()) + "). Is het een bezwaar, kies dan 'Bezwaar tegen het"
                        + " besluit' (het telt vanaf de ontvangst van de e-mail, " + DutchDates.moment(mail.receivedAt())
                        + "); anders 'Bij een bestaande zaak voegen'; is het een nieuwe klacht, registreer die."
                        + alsoMediated.apply(decided.get()), mail, decided.get().getReference(),
                        mediated.filter(other -> !other.equals(decided.get())).map(Complaint::getReference).orElse(null));
            }
            // "Bezwaar tegen mijn schorsing" from the user a measure hit, without the reference: not a new complaint (a
            // triage that offers only "klacht" or "geen klacht") while their six months run (DSA art. 20)
            List<Complaint> objectable = mail.authenticationFailed() || intent == MailIntent.Kind.NOTE
                    ? List.of()
                    : affectedUsers.casesNaming(mail.senderAddress()).stream().map(complaints::findByReference)
                            .flatMap(Optional::stream)
                            .filter(c -> affectedUsers.mayStillObject(c, mail.senderAddress(), mail.receivedAt())).toList();
            Optional<Complaint> measured = newest(objectable, c -> true);
            if (measured.isPresent()) {
                // two cases with a measure against this user ("Bezwaar tegen mijn schorsing", the other a warning): the
                // handler reads which measure the mail means, not only the newest case
                String others = objectable.size() < 2 ? "" : " Let op: ook in zaak "
                        + String.join(", ", objectable.stream().map(Complaint::getReference)
                                .filter(r -> !r.equals(measured.get().getReference())).toList())
                        + " is een maatregel tegen deze gebruiker genomen waartegen nog bezwaar kan: lees welke maatregel de"
                        + " e-mail bedoelt en kies die referentie.";
                // tied to that case for its erasure (R13), without naming it as the complainant's
                throw ManualHandlingNeeded.mentioning("De e-mail noemt geen referentie en komt van de gebruiker tegen wie in zaak "
                        + measured.get().getReference() + " een maatregel is genomen. Is het een bezwaar tegen die maatregel,"
                        + " kies dan 'Bezwaar tegen een maatregel, van de gebruiker tegen wie die is genomen' met die"
                        + " referentie (het telt vanaf de ontvangst van de e-mail, " + DutchDates.moment(mail.receivedAt())
                        + "); is het een nieuwe klacht van deze gebruiker, registreer die." + others
                        + alsoMediated.apply(measured.get()), mail, measured.get().getReference());
            }
            // "Mijn reactie op de klacht over de badkamer" from the other party of a mediation, without the reference: not
            // a new complaint with them as its complainant, while the mediator never sees their side
            if (mediated.isPresent()) {
                // tied to that case for its erasure (R13), without naming it as the complainant's
                throw ManualHandlingNeeded.mentioning("De e-mail noemt geen referentie en komt van de andere partij in zaak "
                        + mediated.get().getReference() + " (de uitnodiging voor de bemiddeling ging naar dit adres). Hoort hij bij"
                        + " die zaak, kies dan 'Bij een bestaande zaak voegen' met die referentie (de tekst en bijlagen komen op"
                        + " de tijdlijn, voor medewerkers); is het een nieuwe klacht van deze afzender, registreer die.", mail,
                        mediated.get().getReference());
            }
            if (isOurs(mail.senderAddress())) {
                // a colleague passes on a complaint that reached them ("Fwd: klacht over de dakdekker", or under a subject
                // of their own): the complainant is whoever wrote it, not the colleague, who would get the acknowledgement
                // and the decision while the person who complained hears nothing (and a second forward before that would
                // join the first case)
                throw new ManualHandlingNeeded("De e-mail komt van " + mail.senderAddress() + ", een adres van HomePair, en"
                        + " noemt geen referentie" + (FORWARDED.matcher(mail.subject()).find() || FORWARDED.matcher(mail.text())
                        .find() ? " (doorgestuurd)" : "") + ". Is het een doorgestuurde klacht, dan is de klager wie hem"
                        + " oorspronkelijk schreef, niet de medewerker: registreer hem met 'Klacht registreren' onder de naam en"
                        + " het e-mailadres van de oorspronkelijke afzender (met het moment waarop zijn e-mail bij HomePair"
                        + " binnenkwam, te zien in de doorgestuurde tekst) en kies daarna 'Als klacht geregistreerd'; hoort hij"
                        + " bij een zaak, kies dan 'Bij een bestaande zaak voegen' met de referentie van die zaak.", mail);
            }
            return newComplaint(mail);
        }
        return unknownReference(quoted.get(), mail);
    }

    /**
     * Tells the team leads, once per office hour, that mails wait in the contact mailbox because the hour's
     * new complaints and mails set aside reached {@code limit} ({@link MailboxPoller}): a wave of spam, or a
     * day that needs the limit raised. Nothing is lost; the mails are read when the hour has room.
     */
    public void mailboxFull(int waiting, int limit, Instant now) {
        // one notice per office hour: the hours of a night or a weekend share the next office moment's, so a spam wave
        // on Saturday is one mail on Monday morning, not sixty (a mail to staff waits for office hours, QueuedMail)
        Instant office = officeHours.nextOfficeMoment(java.util.Date.from(now)).toInstant();
        String hour = office.atZone(DutchDates.ZONE).truncatedTo(ChronoUnit.HOURS).toLocalDateTime().toString();
        mailer.queueToStaff(MailRecipient.TEAM_LEAD, "mailbox-vol", Map.of("waiting", waiting, "limit", limit,
                "contactAddress", mailProperties.contactAddress()), "mailbox-vol:" + hour);
    }

    /**
     * The open case a mail that cannot be read (encrypted, too large, failing every time) names in its subject, when its
     * sender is that case's complainant: "Re: Aanvullende informatie nodig ... KL-..." is likely the answer the case waits
     * for, and the case must wait for the person's choice, not close as unanswered; null otherwise. Naming it only makes
     * the case wait: a forged sender gains nothing.
     */
    String caseOfUnreadable(String subject, String sender) {
        if (sender == null || sender.isBlank()) {
            return null;
        }
        try {
            return ReferenceNumbers.findIn(subject).flatMap(complaints::findByReference)
                    .filter(complaint -> complaint.getStatus() != ComplaintStatus.CLOSED && complaint.getAnonymisedAt() == null
                            && complaint.isComplainantAddress(sender.strip()))
                    .map(Complaint::getReference).orElse(null);
        } catch (RuntimeException unreadable) {
            return null; // the mail is set aside all the same, naming no case
        }
    }

    /** A staff-only line on the case of {@code reference}, if there is one (in the caller's transaction). */
    void noteAboutOthers(String reference, String note) {
        // staff-only: a bounce's line may name an earlier address or the other party
        complaints.findByReference(reference).filter(complaint -> complaint.getAnonymisedAt() == null).ifPresent(complaint ->
                timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM, note));
    }

    /**
     * A delivery report saying that a mail of ours about a case did not arrive (a mistyped
     * address, a full mailbox): the complainant never heard what the mail said, while the case
     * may wait on them (an information request closes the case after its days). A handler gets
     * the report as a task, never the sender an answer.
     */
    private void undeliveredMailOfACase(IncomingMail mail) {
        if (mail.bouncedMessageId() == null) {
            return;
        }
        Optional<SentMail> sent = sentMails.findFirstByMessageId(mail.bouncedMessageId())
                .filter(copy -> copy.getComplaintId() != null);
        Optional<Complaint> complaint = sent.flatMap(copy -> complaints.findById(copy.getComplaintId()));
        if (complaint.isPresent()) {
            String recipient = sent.get().getRecipient();
            boolean complainant = complaint.get().isComplainantAddress(recipient);
            boolean earlier = complainant && !recipient.equalsIgnoreCase(complaint.get().getEmail());
            String reference = complaint.get().getReference();
            boolean staff = !complainant && mailer.isStaffAddress(recipient);
            // whose address it was decides where the handler corrects it (and the correction sends the mail again)
            boolean affectedUser = !complainant && !staff && affectedUsers.isAffectedUser(complaint.get(), recipient);
            boolean otherParty = !complainant && !staff && !affectedUser && otherParties.isOtherPartyOf(reference, recipient);
            String to = complainant ? "de klager" : staff ? "de medewerkers op " + recipient
                    : affectedUser ? "de gebruiker met de maatregel" : otherParty ? "de andere partij"
                    : "de andere partij of de betrokken gebruiker";
            String correction = affectedUser ? " Een verkeerd adres corrigeer je op de zaakpagina (E-mailadres van de gebruiker"
                    + " met de maatregel); de verklaring van redenen gaat dan opnieuw. Kies daarna 'Geen klacht, of niets meer te doen'."
                    : otherParty ? " Een verkeerd adres corrigeer je op de zaakpagina (E-mailadres van de andere partij, zolang er"
                    + " nog geen besluit is); de e-mail gaat dan opnieuw. Kies daarna 'Geen klacht, of niets meer te doen'." : "";
            // the task holds our mail's text and the person's address: the case's erasure takes it along
            throw ManualHandlingNeeded.mentioning("Onze e-mail \"" + sent.get().getSubject() + "\" aan " + to
                    + (earlier ? " (aan het eerdere adres " + recipient + ")" : "") + " (zaak "
                    + reference + ", " + DutchDates.moment(sent.get().getSentAt())
                    + ") is niet afgeleverd. Controleer het e-mailadres en neem zo nodig op een andere manier contact op: "
                    + to + " weet niet wat erin stond." + (earlier ? " Het adres van de klager is inmiddels gecorrigeerd;"
                    + " zie op de tijdlijn of deze e-mail opnieuw naar het nieuwe adres is gegaan. Kies daarna 'Geen klacht, of niets meer te doen'."
                    : complainant ? " Een verkeerd adres corrigeer je op de"
                    + " zaakpagina (E-mailadres van de klager); de e-mail gaat dan opnieuw. Kies daarna 'Geen klacht, of niets meer te doen'."
                    : correction), mail, reference,
                    "Onze e-mail \"" + sent.get().getSubject() + "\" aan " + recipient + " (" + DutchDates.moment(sent.get().getSentAt())
                            + ") is niet afgeleverd: de mailserver stuurde hem terug. Een behandelaar heeft er een taak voor"
                            + " (E-mail handmatig verwerken).");
        }
    }

    /**
     * "Re: … KL-2026-000100" with "Sorry, dit is voor KL-2026-000150, hierbij de foto's": the subject names one case, the
     * sender's own words another that exists. The files must not become evidence of the wrong case while the other waits
     * for them: a person decides, with both named.
     */
    private void otherCaseInOwnWords(Complaint subjectCase, IncomingMail mail) {
        ReferenceNumbers.allIn(MailIntent.ownWords(mail.text())).stream()
                .filter(reference -> !reference.equals(subjectCase.getReference()))
                .filter(reference -> complaints.findByReference(reference).isPresent())
                .findFirst().ifPresent(other -> {
                    // both cases wait for the person's choice ("dit is voor …", or "zie ook mijn andere klacht")
                    throw ManualHandlingNeeded.about("De e-mail noemt twee zaken: " + subjectCase.getReference()
                            + " (in het onderwerp) en " + other + " (in de tekst van de afzender). Kies bij welke zaak hij hoort"
                            + " ('Bij een bestaande zaak voegen' of wat de e-mail vraagt)." + stayOpen(subjectCase, other)
                            + unconfirmedSender(mail), mail, subjectCase.getReference(), other);
                });
        // "Re: Je klacht gaat verder onder A (was B)" answered with "Klopt niet, het zijn twee klachten" (the duplicate mail
        // asks to name B in the subject for a person to look), or a subject typed with both of the sender's cases: a
        // person chooses, and both wait; a thank-you stays with the first
        String text = mail.text().isEmpty() ? mail.subject() : mail.text();
        if (mail.attachments().isEmpty() && onlyThanks(mail, text, List.of(subjectCase))) {
            return;
        }
        ReferenceNumbers.allIn(mail.subject()).stream()
                .filter(reference -> !reference.equals(subjectCase.getReference()))
                .filter(reference -> complaints.findByReference(reference)
                        .filter(other -> other.isComplainantAddress(mail.senderAddress())).isPresent())
                .findFirst().ifPresent(other -> {
                    throw ManualHandlingNeeded.about("Het onderwerp van de e-mail noemt twee zaken van dit e-mailadres: "
                            + subjectCase.getReference() + " en " + other + " (bijvoorbeeld een antwoord op onze e-mail waarin"
                            + " staat dat een klacht als dubbele registratie is gesloten). Kies bij welke zaak hij hoort; vindt de klager"
                            + " dat een gesloten zaak geen dubbele registratie was, registreer die klacht dan opnieuw."
                            + stayOpen(subjectCase, other) + unconfirmedSender(mail), mail, subjectCase.getReference(), other);
                });
    }

    /** Which of the two cases a mail names wait for the person's choice: the open ones. */
    private String stayOpen(Complaint one, String otherReference) {
        List<String> open = new ArrayList<>();
        if (one.getStatus() != ComplaintStatus.CLOSED) {
            open.add(one.getReference());
        }
        complaints.findByReference(otherReference).filter(c -> c.getStatus() != ComplaintStatus.CLOSED)
                .ifPresent(c -> open.add(c.getReference()));
        return switch (open.size()) {
            case 0 -> " Beide zaken zijn afgesloten.";
            case 1 -> " Zaak " + open.get(0) + " blijft open tot je gekozen hebt; de andere is afgesloten.";
            default -> " Beide zaken blijven open tot je gekozen hebt.";
        };
    }

    /** The warning for a handler when our server could not confirm that the mail comes from its sender's domain. */
    private static String unconfirmedSender(IncomingMail mail) {
        return mail.authenticationFailed() ? " Let op: de controle van de afzender door de mailserver is mislukt ("
                + mail.authenticationFailure() + "); vraag de afzender of die de e-mail echt zelf heeft gestuurd, voordat je de"
                + " e-mail als antwoord of bezwaar registreert." : "";
    }

    /**
     * A mail about a case we do not know: never a new complaint by mistake. A clear objection
     * gets a Dutch answer saying so and changes nothing (R9); anything else goes to a person,
     * also a mail that only may be an objection: "KL-2025-000143 (a mistyped year) ... dit is
     * onterecht" is as likely a new complaint as an objection.
     */
    private ProcessedMail unknownReference(String reference, IncomingMail mail) {
        // a reference mistyped into one of no case ("KL-2025-..." in January): the sender's own case that waits for this
        // very answer or objection must wait for the person's choice, not close as unanswered or miss its window
        Optional<Waiting> own = sendersWaitingCase(mail);
        if (own.isPresent()) {
            throw new ManualHandlingNeeded("De e-mail noemt referentie " + reference + ", maar die zaak bestaat niet; zaak "
                    + own.get().reference() + " van deze afzender wacht op " + own.get().what() + ". De referentie is"
                    + " misschien verschreven. Hoort de e-mail bij " + own.get().reference() + " (die staat ingevuld), kies dan "
                    + choiceFor(own.get())
                    + "; is het iets anders, registreer zo nodig een klacht of beantwoord de e-mail zelf. De zaak blijft open"
                    + " tot je gekozen hebt.", mail, own.get().reference());
        }
        if (MailIntent.of(mail.subject(), mail.text()) != MailIntent.Kind.OBJECTION || mail.authenticationFailed()) {
            throw new ManualHandlingNeeded("De e-mail noemt referentie " + reference
                    + ", maar die zaak bestaat niet; registreer zo nodig een klacht of beantwoord de e-mail zelf.", mail);
        }
        answer(mail, "onbekende-referentie", Map.of("quotedReference", reference));
        return record(mail, Outcome.REFUSED, null);
    }

    /**
     * The sender's complaint by mail that had not had its acknowledgement when the mail arrived, so that they could
     * not know its reference (also when the mail is read only later: the hourly limit held it, the mailbox was down):
     * the open one received last within {@link #FOLLOW_UP_WINDOW} before the mail.
     * None when the mail server saw the sender's address fail its checks.
     */
    private static Optional<Complaint> unacknowledgedMailComplaintOf(List<Complaint> theirs, IncomingMail mail) {
        Instant since = mail.receivedAt().minus(FOLLOW_UP_WINDOW);
        return newest(theirs, complaint -> complaint.getChannel() == IntakeChannel.MAILBOX
                // the mail server keeps an arrival to the second: one in the acknowledgement's own second counts as after it
                && (complaint.getAcknowledgedAt() == null
                || mail.receivedAt().isBefore(complaint.getAcknowledgedAt().truncatedTo(ChronoUnit.SECONDS)))
                && complaint.getStatus() != ComplaintStatus.CLOSED && complaint.getReceivedAt().isAfter(since)
                && !complaint.getReceivedAt().isAfter(mail.receivedAt()));
    }

    /** A case of the sender that waits for them, and what it waits for (in Dutch, for the handler). */
    private record Waiting(Complaint complaint, String what) {
        String reference() {
            return complaint.getReference();
        }
    }

    /**
     * The case of the mail's sender that waits for their answer or a possible objection (what a mistyped reference may
     * have been meant for); none when the mail server saw the sender's address fail its checks.
     */
    private Optional<Waiting> sendersWaitingCase(IncomingMail mail) {
        return mail.authenticationFailed() ? Optional.empty()
                : waitingForThem(complaints.findByEmailIgnoreCaseOrderByReceivedAt(mail.senderAddress()), mail,
                mail.text().isEmpty() ? mail.subject() : mail.text());
    }

    /**
     * The open case, not the sender's own, whose mediation invited the sender as the other party (the newest); none when
     * the mail server saw the sender's address fail its checks, or the sender is staff.
     */
    private Optional<Complaint> mediatedWith(IncomingMail mail) {
        return mail.authenticationFailed() || mailer.isStaffAddress(mail.senderAddress())
                ? Optional.empty()
                : newest(otherParties.casesOf(mail.senderAddress()).stream().map(complaints::findByReference)
                        .flatMap(Optional::stream).toList(), c -> c.getStatus() != ComplaintStatus.CLOSED
                        && c.getAnonymisedAt() == null && !c.isComplainantAddress(mail.senderAddress()));
    }

    /** What the handler of a set-aside mail chooses to give it to the case that waits (in Dutch, for the task). */
    private String choiceFor(Waiting waiting) {
        return replies.waitsForInformation(waiting.complaint()) ? "'Antwoord op de vraag om informatie'"
                : "'Bezwaar tegen het besluit, van de klager' als het een bezwaar is, anders 'Bij een bestaande zaak voegen'";
    }

    /** The sender's case that waits for their answer to a question, else for a possible objection to its decision. */
    private Optional<Waiting> waitingForThem(List<Complaint> theirs, IncomingMail mail, String text) {
        Optional<Complaint> asked = askedForInformation(theirs);
        return asked.isPresent() ? Optional.of(new Waiting(asked.get(), "aanvullende informatie"))
                : decidedAwaitingObjection(theirs, MailIntent.of(mail.subject(), MailIntent.saidWords(text, () -> oursFor(theirs))))
                        .map(decided -> new Waiting(decided, "een mogelijk bezwaar tegen"
                        + " het besluit"));
    }

    /** The sender's decided case in its objection window, for a mail that may be an objection (not a mere note). */
    private Optional<Complaint> decidedAwaitingObjection(List<Complaint> theirs, MailIntent.Kind intent) {
        return intent == MailIntent.Kind.NOTE ? Optional.empty()
                : newest(theirs, complaint -> complaint.getStatus() != ComplaintStatus.CLOSED
                        && complaint.getObjectionDeadline() != null && objections.waitsForObjection(complaint));
    }

    /**
     * The sender's open case that waits for their answer to a question (R4), when a mail without a reference comes
     * from them: the photos asked for, sent as a new mail ("Foto's lekkage"), would otherwise become a second case
     * while the first closed as unanswered. A person decides; the case waits for that choice ({@link SetAsideAnswers}).
     */
    private Optional<Complaint> askedForInformation(List<Complaint> theirs) {
        return newest(theirs, complaint -> complaint.getStatus() != ComplaintStatus.CLOSED && replies.waitsForInformation(complaint));
    }

    /** The case received last of {@code theirs} (oldest first) that {@code which} accepts. */
    private static Optional<Complaint> newest(List<Complaint> theirs, Predicate<Complaint> which) {
        for (int i = theirs.size() - 1; i >= 0; i--) {
            if (which.test(theirs.get(i))) {
                return Optional.of(theirs.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * A second mail from someone whose complaint by mail is still waiting for its acknowledgement
     * ("and here is the photo", a mail sent again because no answer came yet): without a reference
     * to quote, it would become a second case with a second triage and a second acknowledgement.
     * It goes on the waiting case instead, text and files, where the handler of the triage sees it
     * and can register a complaint of its own if it is about something else. A file left out is
     * on the timeline and named in the acknowledgement, as for the first mail.
     * A stream of mails from one address so also makes one case, not one per mail.
     */
    private ProcessedMail beforeItsReference(Complaint given, IncomingMail mail) {
        Complaint complaint = held(given);
        List<String> refused = new ArrayList<>();
        List<EvidenceUpload> accepted = acceptable(complaint, notAlreadyOnCase(complaint, mail.attachments()), refused);
        String text = textOrNone(mail);
        timeline.record(complaint, TimelineEventType.NOTE, ACTOR, fitted(CaseTimeline.FURTHER_MAIL + mail.senderAddress()
                + " zonder referentie, ontvangen " + DutchDates.moment(mail.receivedAt())
                + " voordat de ontvangstbevestiging van deze klacht verzonden was (geen nieuwe klacht gemaakt): "
                + mail.subject() + "\n" + text));
        refused.forEach(reason -> {
            timeline.record(complaint, TimelineEventType.NOTE, ACTOR, reason);
            complaint.fileLeftOut(reason);
        });
        if (!refused.isEmpty() && acknowledgementWritten(complaint)) {
            // its text was written before these files (it waits for the mail server, or is on its way)
            tellFilesLeftOut(complaint, mail, refused, accepted.size());
        }
        keepAsEvidence(complaint, accepted);
        triageAgain(complaint);
        return record(mail, Outcome.NOTE, complaint.getReference());
    }

    /**
     * A mail that joins a case while a handler triages it starts the triage again (model: "Nog een e-mail"), held by
     * whoever held it: "geen klacht" chosen in a form opened before the mail came closed the case over a mail nobody read,
     * often the clearer one ("ik wil een klacht indienen over ..."), and without a word to the sender. Nothing when the
     * triage is not open (done, or not needed) or the case runs on a model without that event.
     */
    private void triageAgain(Complaint complaint) {
        caseMessages.startAgain(complaint, ComplaintProcess.MESSAGE_TRIAGE_MAIL_JOINED, ComplaintProcess.TASK_TRIAGE, Map.of());
    }

    /**
     * While the board reviews the objection, "ik trek mijn bezwaar in" by mail is a wish the director must see on the
     * task before deciding (the red box, and the check that refuses a judgement over it): a mail put with the case is
     * only a line among the later mails. The case page records the wish.
     */
    private static String withdrawalWishHint(Complaint complaint) {
        return nl.homepair.complaints.complaint.CaseWithdrawal.beforeTheBoard(complaint)
                ? " Wil de klager het bezwaar of de klacht intrekken, geef die wens dan ook door op de zaakpagina ("
                + "/zaken/" + complaint.getReference() + ", 'Klacht intrekken'): de directie ziet haar dan in haar taak."
                : "";
    }

    private ProcessedMail newComplaint(IncomingMail mail) {
        List<String> refused = new ArrayList<>();
        List<EvidenceUpload> accepted = acceptable(mail.attachments(), refused);
        if (letterInAFile(mail.text(), mail.attachments())) {
            // "Zie de bijgevoegde brief" with a Word letter: the case would hold a complaint without its words, and the
            // letter would be nowhere in the application; a person reads it in the task (its files are downloads there)
            throw new ManualHandlingNeeded("De e-mail heeft weinig eigen tekst en een bijlage die een zaak niet opneemt ("
                    + String.join(" ", refused) + "). De klacht staat waarschijnlijk in die bijlage: open haar hier en"
                    + " registreer de klacht met Klacht registreren, met de tekst uit de bijlage.", mail);
        }
        String description = fitted((mail.subject().isEmpty() ? "" : "Onderwerp: " + mail.subject() + "\n\n")
                + textOrNone(mail));
        String name = mail.senderName().isBlank() ? mail.senderAddress() : mail.senderName();
        if (name.length() > Complaint.NAME_MAX) {
            name = PlainText.head(name, Complaint.NAME_MAX);
        }
        ComplaintSubmission submission = new ComplaintSubmission(name, mail.senderAddress(), null, null, null, null,
                description, null, null, null);
        Complaint complaint = intake.submit(submission, accepted, IntakeChannel.MAILBOX, ACTOR, mail.receivedAt(), refused);
        // no mail to an address nobody checked yet: the acknowledgement, after triage, names them
        refused.forEach(complaint::fileLeftOut);
        if (mail.authenticationFailed()) {
            // a forged sender ("jan@example.nl" written by someone else): the triage decides whether the address gets the
            // acknowledgement, and sees why to doubt it (the case's timeline is on the form)
            timeline.record(complaint, TimelineEventType.NOTE, ACTOR, FORGED_SENDER_DOUBT + " (" + mail.authenticationFailure()
                    + "): de e-mail komt misschien niet van " + mail.senderAddress() + ". Na 'Ja, een klacht' krijgt dat adres"
                    + " de ontvangstbevestiging; is de e-mail vervalst, kies 'Nee, geen klacht'.");
        }
        return record(mail, Outcome.NEW_COMPLAINT, complaint.getReference());
    }

    /** The timeline's line on a new case whose sender the mail server could not confirm. */
    static final String FORGED_SENDER_DOUBT = "Let op: de mailserver kon de afzender niet bevestigen";

    /**
     * Fewer characters than this of a mail's own text, with a written document a case does not take (perhaps beside
     * photos): the complaint is in the document (a letter as Word or text file), not in the mail.
     */
    static final int LETTER_IN_A_FILE = 300;

    /** A written document a case does not take as evidence (images and PDFs it does): Word, OpenDocument, text, a mail. */
    private static final Pattern LETTER_FILE = Pattern.compile("(?i)\\.(docx?|odt|rtf|txt|pages|wps|msg|eml)$");

    /** The mail's text, or that it had none (for a line on a case). */
    private static String textOrNone(IncomingMail mail) {
        return mail.text().isEmpty() ? "(De e-mail bevatte geen tekst.)" : mail.text();
    }

    /** Whether a mail's words, few beside a written document a case does not take, are likely in that document. */
    private static boolean letterInAFile(String ownWords, List<EvidenceUpload> files) {
        return ownWords.strip().length() < LETTER_IN_A_FILE
                && files.stream().anyMatch(file -> LETTER_FILE.matcher(file.fileName()).find());
    }

    /** A mail's text within what a case's text may hold; the mailbox keeps the whole mail. */
    String fitted(String text) {
        return text.length() <= limits.maxTextLength() ? text
                // never inside a character: half an emoji would make the text refused as not plain
                : PlainText.head(text, limits.maxTextLength() - 60) + "\n\n[Ingekort: de volledige e-mail staat in de mailbox.]";
    }

    /** A subject or a text that passes on someone else's mail, as mail programs mark it. */
    private static final Pattern FORWARDED = Pattern.compile("(?i)^\\s*(fw|fwd|doorst|wg)\\s*:|-+\\s*(forwarded message|doorgestuurd"
            + " bericht|original message|oorspronkelijk bericht)\\s*-+|^begin forwarded message:", Pattern.MULTILINE);

    /** An address of HomePair: ours (contact, sender), a group mailbox, or any of the contact address's domain. */
    boolean isOurs(String address) {
        String contact = mailProperties.contactAddress();
        String ourDomain = contact.substring(contact.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return isOurOwn(address) || mailer.isStaffAddress(address) || address.toLowerCase(Locale.ROOT).endsWith("@" + ourDomain);
    }

    private boolean isOurOwn(String sender) {
        return sender.equalsIgnoreCase(mailProperties.contactAddress()) || mailProperties.from().toLowerCase(Locale.ROOT)
                .contains("<" + sender.toLowerCase(Locale.ROOT) + ">") || sender.equalsIgnoreCase(mailProperties.from());
    }

    /**
     * The case held against an erasure (R13) while this mail writes on it: an erasure that commits meanwhile must not leave
     * the mail's line, with the sender's address and words, on the erased case. One of the two fails on the case's version,
     * and the mail waits for the next poll; one that committed between finding the case and holding it does the same.
     */
    private Complaint held(Complaint complaint) {
        if (complaint.getAnonymisedAt() != null) {
            return complaint;
        }
        Complaint held = CaseRows.heldForChange(entities, complaint);
        if (held.getAnonymisedAt() != null) {
            throw new org.springframework.dao.OptimisticLockingFailureException("Case " + held.getReference()
                    + " was erased while a mail about it was handled; it is read again at the next poll");
        }
        return held;
    }

    private ProcessedMail onCase(Complaint given, IncomingMail mail) {
        Complaint complaint = held(given);
        if (!mail.senderAddress().equalsIgnoreCase(complaint.getEmail())
                && affectedUsers.isAffectedUser(complaint, mail.senderAddress()) && !mail.authenticationFailed()
                && MailIntent.of(mail.subject(), mail.text()) == MailIntent.Kind.OBJECTION) {
            return affectedUserObjection(complaint, mail);
        }
        if (!mail.senderAddress().equalsIgnoreCase(complaint.getEmail()) && isOurs(mail.senderAddress())
                && !mail.authenticationFailed() && mail.onlyCopiedTo(this::isOurs) && complaint.getAnonymisedAt() == null) {
            // a colleague's own mail to the complainant or another party, with the contact mailbox in copy (a reply-all):
            // what HomePair wrote, on the case for the staff; no task asking someone to register or judge it
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, ACTOR, fitted("E-mail van " + mail.senderAddress()
                    + " (HomePair) aan " + String.join(", ", mail.to()) + ", met de contactmailbox in cc"
                    + (mail.attachments().isEmpty() ? "" : " (de bijlagen staan bij de e-mail in de contactmailbox)") + ": "
                    + mail.subject() + "\n" + textOrNone(mail)));
            return record(mail, Outcome.NOTE, complaint.getReference());
        }
        // references are sequential: only the complainant's own address may act on a case (R12); a mail from
        // another address may still be the complainant's answer (from work), which a handler can make it: the task
        // names the case, unless the sender is the user a measure was taken against
        if (!mail.senderAddress().equalsIgnoreCase(complaint.getEmail())) {
            boolean affectedUser = affectedUsers.isAffectedUser(complaint, mail.senderAddress());
            boolean otherParty = !affectedUser && otherParties.isOtherPartyOf(complaint.getReference(), mail.senderAddress());
            String reason = "De afzender is niet de klager van zaak " + complaint.getReference()
                    + (affectedUser ? ", maar de gebruiker tegen wie de maatregel is genomen"
                    : otherParty ? ", maar de andere partij (geen bezwaar of antwoord van de klager: voeg de e-mail bij de zaak)"
                    : " en ook niet de gebruiker tegen wie een maatregel is genomen (bijvoorbeeld de andere partij)")
                    + "; beoordeel de e-mail zelf."
                    // the address alone is easy to forge: an objection in the user's name uses up their one review
                    + (mail.authenticationFailed() ? " Let op: de controle van de afzender door de mailserver slaagt niet ("
                    + mail.authenticationFailure() + "); ga bij de afzender na of de e-mail echt van hem komt, voordat je hem"
                    + " als bezwaar registreert." : "");
            // the affected user's mail is no message of the complainant's case, but goes with its erasure (R13)
            if (affectedUser) {
                throw ManualHandlingNeeded.mentioning(reason, mail, complaint.getReference());
            }
            // a reference mistyped by one digit is someone else's case: the sender's own case, which waits for this very
            // answer, must wait for the person's choice too, or it closes as unanswered while the task names another case
            Optional<Waiting> own = sendersWaitingCase(mail).filter(waiting -> !waiting.complaint().equals(complaint));
            if (own.isPresent()) {
                // the sender's own case filled in: the other is someone else's, which an answer must not reach by a click
                throw ManualHandlingNeeded.about("De e-mail noemt zaak " + complaint.getReference() + ", maar de afzender is"
                        + " daar niet de klager; zaak " + own.get().reference() + " van deze afzender wacht op " + own.get().what()
                        + ". De referentie is misschien verschreven. Hoort de e-mail bij " + own.get().reference() + " (die staat"
                        + " ingevuld), kies dan " + choiceFor(own.get()) + "; hoort hij toch bij " + complaint.getReference()
                        + ", vervang de referentie en kies 'Bij een bestaande zaak voegen'. Beide zaken blijven open tot je"
                        + " gekozen hebt.", mail, own.get().reference(),
                        complaint.getReference());
            }
            // the same when the sender's own case runs without waiting for them ("Hierbij nog een foto" to KL-…124 for
            // …123): the stranger's case filled in would take the mail, and its files, by one click
            Optional<Complaint> running = otherParty || mail.authenticationFailed() ? Optional.empty()
                    : newest(complaints.findByEmailIgnoreCaseOrderByReceivedAt(mail.senderAddress()), c -> !c.equals(complaint)
                            && c.getStatus() != ComplaintStatus.CLOSED && c.getAnonymisedAt() == null);
            if (running.isPresent()) {
                throw ManualHandlingNeeded.about("De e-mail noemt zaak " + complaint.getReference() + ", maar de afzender is"
                        + " daar niet de klager; zaak " + running.get().getReference() + " van deze afzender loopt ("
                        + running.get().getStatus().label().toLowerCase(java.util.Locale.ROOT) + "). De referentie is misschien"
                        + " verschreven. Hoort de e-mail bij " + running.get().getReference() + " (die staat ingevuld), kies dan"
                        + " 'Bij een bestaande zaak voegen'; hoort hij toch bij " + complaint.getReference() + ", vervang de"
                        + " referentie.", mail, running.get().getReference(), complaint.getReference());
            }
            throw new ManualHandlingNeeded(reason, mail, complaint.getReference());
        }
        // the address alone is easy to forge: believe it only when our server confirmed the sender's domain
        if (mail.authenticationFailed()) {
            throw new ManualHandlingNeeded("De e-mail lijkt van de klager van zaak " + complaint.getReference()
                    + " te komen, maar de controle van de afzender door de mailserver slaagt niet (" + mail.authenticationFailure()
                    + "); beoordeel de e-mail zelf.", mail, complaint.getReference());
        }
        if (complaint.getStatus() == ComplaintStatus.CLOSED) {
            // a reply to an old case's mail may be meant for the sender's case that waits now (an answer, an objection)
            Optional<Waiting> waits = waitingForThem(complaints.findByEmailIgnoreCaseOrderByReceivedAt(mail.senderAddress()),
                    mail, mail.text().isEmpty() ? mail.subject() : mail.text());
            if (waits.isPresent()) {
                throw new ManualHandlingNeeded("De e-mail noemt zaak " + complaint.getReference() + ", die is afgesloten;"
                        + " zaak " + waits.get().reference() + " van deze afzender wacht op " + waits.get().what()
                        + ". Hoort de e-mail daarbij, kies dan wat hij daar is (de referentie staat ingevuld); anders"
                        + " registreer zo nodig een nieuwe klacht. De zaak blijft open tot je gekozen hebt.", mail,
                        waits.get().reference());
            }
            String text = mail.text().isEmpty() ? mail.subject() : mail.text();
            if (mail.attachments().isEmpty() && complaint.getAnonymisedAt() == null
                    && onlyThanks(mail, text, List.of(complaint))) {
                // "Bedankt voor de afhandeling" to the closing mail, the board's decision or the withdrawal's confirmation:
                // no task due in two working days for a handler, only the line on the closed case
                timeline.record(complaint, TimelineEventType.NOTE, ACTOR, CaseTimeline.MAIL_RECEIVED + mail.senderAddress()
                        + " na het afsluiten van de zaak (alleen een bedankje): " + mail.subject() + "\n" + text);
                return record(mail, Outcome.NOTE, complaint.getReference());
            }
            throw new ManualHandlingNeeded("De e-mail noemt zaak " + complaint.getReference()
                    + ", die is afgesloten; registreer zo nodig een nieuwe klacht.", mail);
        }
        List<String> refused = new ArrayList<>();
        List<EvidenceUpload> accepted = acceptable(complaint, notAlreadyOnCase(complaint, mail.attachments()), refused);
        String text = mail.text().isEmpty() ? mail.subject() : mail.text();
        // what the complainant wrote, also between or below the lines of our mail they quote
        // what we sent on the case, read once, and only when a quote without marks asks for it
        java.util.function.Supplier<List<String>> ours = org.springframework.util.function.SingletonSupplier.of(
                () -> oursFor(List.of(complaint)));
        String said = MailIntent.saidWords(text, ours);
        MailIntent.Kind intent = MailIntent.of(mail.subject(), said);
        boolean waitsForInformation = replies.waitsForInformation(complaint);
        if (!waitsForInformation && !(complaint.getObjectionDeadline() != null && objections.waitsForObjection(complaint))
                && (!mail.attachments().isEmpty() || !MailIntent.onlyThanks(said, mail.senderName()))) {
            // "Hierbij het ordernummer" with photos, as a reply to the mail of the sender's other case: the subject's case
            // waits for nothing, the other for this very answer (or objection), and would close as unanswered while the
            // files became evidence of the wrong case. A person chooses; both wait for that choice (R4, R9)
            Optional<Waiting> other = waitingForThem(complaints.findByEmailIgnoreCaseOrderByReceivedAt(mail.senderAddress())
                    .stream().filter(c -> !c.equals(complaint)).toList(), mail, text);
            if (other.isPresent()) {
                throw ManualHandlingNeeded.about("De e-mail noemt zaak " + complaint.getReference() + " in het onderwerp, maar"
                        + " die wacht nergens op; zaak " + other.get().reference() + " van deze afzender wacht op "
                        + other.get().what() + ". Misschien beantwoordde de klager de e-mail van de verkeerde zaak. Hoort hij bij "
                        + other.get().reference() + " (die staat ingevuld), kies dan " + choiceFor(other.get()) + "; hoort hij bij "
                        + complaint.getReference() + ", vervang de referentie en kies 'Bij een bestaande zaak voegen'. Beide"
                        + " zaken blijven open tot je gekozen hebt.", mail, other.get().reference(), complaint.getReference());
            }
        }
        if (waitsForInformation && accepted.isEmpty() && (mail.text().isEmpty() || said.isBlank())) {
            // no word of their own, above, between or below the lines of the quote, and no file we could take (only our
            // quoted question, "Verstuurd vanaf mijn iPhone", a .docx, an empty mail whose subject is only the reference
            // or ours with "Re:"): no answer to end the wait with, but perhaps one in a quote we cannot tell from our
            // mail; a person reads it while the case waits on (R4)
            throw new ManualHandlingNeeded("De e-mail op zaak " + complaint.getReference() + ", die op aanvullende informatie"
                    + " wacht, bevat geen eigen tekst naast het citaat" + (refused.isEmpty() ? "" : " en geen bestand dat we"
                    + " kunnen opnemen") + ". Staat het antwoord er toch in (bijvoorbeeld in het citaat zelf), kies dan"
                    + " 'Antwoord op de vraag om informatie'; anders 'Bij een bestaande zaak voegen'. De zaak blijft open tot"
                    + " je gekozen hebt.", mail, complaint.getReference());
        }
        if (waitsForInformation && !refused.isEmpty() && letterInAFile(said, mail.attachments())) {
            // "Zie de bijgevoegde brief" with a Word letter: the answer is in a file the case does not take, and ending the
            // wait with "zie de brief" would let the assessment go on without it; a person reads it while the case waits (R4)
            throw new ManualHandlingNeeded("De e-mail op zaak " + complaint.getReference() + ", die op aanvullende informatie"
                    + " wacht, heeft weinig eigen tekst en een bijlage die een zaak niet opneemt (" + String.join(" ", refused)
                    + "). Het antwoord staat waarschijnlijk in die bijlage: open haar hier, zet wat erin staat in de"
                    + " toelichting en kies 'Antwoord op de vraag om informatie'. De zaak blijft open tot je gekozen hebt.",
                    mail, complaint.getReference());
        }
        if (complaint.getObjectionReceivedAt() != null && intent == MailIntent.Kind.OBJECTION) {
            // "Ik ben het nog steeds niet eens, aanvullend..." after the objection: not a second objection to refuse with a
            // "geen bezwaar dat de directie behandelt" mail while the board has the first (or has decided it); a person
            // puts it with the case, where the board sees it, and answers (R9, R14)
            throw new ManualHandlingNeeded("De klager van zaak " + complaint.getReference() + " maakte al bezwaar (ontvangen "
                    + DutchDates.day(complaint.getObjectionReceivedAt()) + ") en schrijft opnieuw over bezwaar"
                    + (complaint.getStatus() == ComplaintStatus.IN_OBJECTION ? ", terwijl de directie het beoordeelt" : "")
                    + ". Kies 'Bij een bestaande zaak voegen', zodat de e-mail en de bijlagen bij de zaak komen (de directie ziet"
                    + " ze daar), en beantwoord een vraag zelf." + withdrawalWishHint(complaint), mail, complaint.getReference());
        }
        if (complaint.getStatus() == ComplaintStatus.IN_OBJECTION && intent != MailIntent.Kind.OBJECTION
                && !(mail.attachments().isEmpty() && MailIntent.onlyThanks(said, mail.senderName()))) {
            // the board has the case and no handler has a task on it: "Wanneer hoor ik iets?" as a note would go unread
            // while the complainant waits for the board (R9, R14); a person answers it and puts it with the case
            throw new ManualHandlingNeeded("De klager van zaak " + complaint.getReference() + " schrijft terwijl de directie"
                    + " het bezwaar beoordeelt. Beantwoord een vraag zelf (bijvoorbeeld wanneer de directie beslist) en kies"
                    + " 'Bij een bestaande zaak voegen', zodat de e-mail en de bijlagen bij de zaak komen; de directie ziet"
                    + " ze daar." + withdrawalWishHint(complaint), mail, complaint.getReference());
        }
        if (!waitsForInformation && intent != MailIntent.Kind.NOTE && complaint.getObjectionDeadline() != null
                && complaint.getObjectionReceivedAt() == null && !refused.isEmpty() && letterInAFile(said, mail.attachments())) {
            // "In de bijlage mijn bezwaarschrift" with a Word letter: an objection without its reasons, and the letter
            // nowhere in the application; a person reads it and puts what it says with the case (R2, R9). A note with a
            // file left out ("hierbij de offerte") joins the case, and the complainant is told which file and why.
            throw new ManualHandlingNeeded("De e-mail op zaak " + complaint.getReference() + " heeft weinig eigen tekst en"
                    + " een bijlage die een zaak niet opneemt (" + String.join(" ", refused) + "). Wat de klager schrijft,"
                    + " staat waarschijnlijk in die bijlage: open haar hier en zet wat erin staat in de toelichting. Is het"
                    + " een bezwaar tegen ons besluit, kies dan 'Bezwaar tegen het besluit, van de klager'; anders 'Bij een"
                    + " bestaande zaak voegen'. De zaak blijft open tot je gekozen hebt.", mail, complaint.getReference());
        }
        // a person reads every mail but a thank-you: while the objection window runs the case has no open task, and a mail
        // the rules cannot read as an objection ("I object...", "Ik wil dat de directie hiernaar kijkt", a question) would
        // lie unread until the window closed and the closing mail said no objection came (R9)
        boolean forAPerson = intent == MailIntent.Kind.UNCLEAR || !accepted.isEmpty()
                || !MailIntent.onlyThanks(said, mail.senderName());
        if (!waitsForInformation && intent != MailIntent.Kind.OBJECTION && forAPerson
                && objections.lateAtItsWindow(complaint, mail.receivedAt())) {
            // after the deadline, in the days before the case closes: no handler judges it any more, but a question in it
            // ("Wanneer krijg ik mijn geld terug?", "Ik ben het er niet mee eens") deserves an answer, as it gets a week
            // later when the case is closed; a person puts it with the case and answers (R9)
            throw new ManualHandlingNeeded("De e-mail op zaak " + complaint.getReference() + " kwam na de bezwaartermijn"
                    + " (tot en met " + DutchDates.day(complaint.getObjectionDeadline()) + ") binnen; de zaak sluit binnenkort."
                    + " Kies 'Bij een bestaande zaak voegen', zodat de e-mail en de bijlagen bij de zaak komen, en beantwoord"
                    + " de klager zelf: een vraag, of dat de directie een bezwaar na de termijn niet meer behandelt.", mail,
                    complaint.getReference());
        }
        if (mail.onlyCopiedTo(this::isOurs) && (waitsForInformation || intent == MailIntent.Kind.OBJECTION)) {
            // written to someone else with us in copy ("Ik maak bezwaar tegen uw factuur" to the tradesperson, "Wanneer kom
            // je de kraan maken?" while we wait for an answer): not the complainant's objection to us, nor their answer,
            // until a person has read it (R4, R9)
            throw new ManualHandlingNeeded("De e-mail op zaak " + complaint.getReference() + " is gericht aan "
                    + String.join(", ", mail.to()) + "; HomePair staat alleen in de cc. Is hij toch "
                    + (waitsForInformation ? "het antwoord op de vraag om informatie, kies dan 'Antwoord op de vraag om informatie'"
                    : "een bezwaar tegen ons besluit, kies dan 'Bezwaar tegen het besluit, van de klager'")
                    + "; anders 'Bij een bestaande zaak voegen'. De zaak blijft open tot je gekozen hebt.", mail,
                    complaint.getReference());
        }
        refused.forEach(reason -> timeline.record(complaint, TimelineEventType.NOTE, ACTOR, reason));
        if (!refused.isEmpty()) {
            tellFilesLeftOut(complaint, mail, refused, accepted.size());
        }
        if (waitsForInformation) {
            // "Bedankt!" above the tradesperson's mail forwarded, or a chat pasted, passes on what may be the answer: the
            // whole mail is the answer, as any reply that is more than thanks (R4)
            if (accepted.isEmpty() && MailIntent.onlyThanks(said, mail.senderName())
                    && !MailIntent.quotesSomeoneElse(text, ours, this::isOurs)) {
                // "Bedankt!" is no answer to the request: the case waits on, the handler sees the mail
                timeline.record(complaint, TimelineEventType.NOTE, ACTOR, CaseTimeline.MAIL_RECEIVED + mail.senderAddress()
                        + " (geen antwoord op de vraag om informatie; de zaak wacht verder): " + mail.subject() + "\n" + text);
                return record(mail, Outcome.NOTE, complaint.getReference());
            }
            replies.reply(complaint, fitted(text), accepted, ACTOR, mail.receivedAt());
            return record(mail, Outcome.INFORMATION, complaint.getReference());
        }
        // nothing the complainant sends is lost: the whole mail and its files go on the case,
        // whatever it turns out to mean (R2, R14)
        timeline.record(complaint, TimelineEventType.NOTE, ACTOR, CaseTimeline.MAIL_RECEIVED + mail.senderAddress() + ": "
                + mail.subject() + "\n" + text);
        keepAsEvidence(complaint, accepted);
        // quoted text is not the complainant's: our own decision mail says "bezwaar" (R9)
        String motivation = said.isEmpty() ? text : said;
        if (intent == MailIntent.Kind.OBJECTION) {
            try {
                // a long objection is one too: cut as the case's texts are (the whole mail is on the timeline and in
                // the mailbox), not refused, so that a resend after the deadline is not needed (R9)
                objections.object(complaint, fitted(motivation), ACTOR, mail.receivedAt());
                return record(mail, Outcome.OBJECTION, complaint.getReference());
            } catch (CaseRefused | InvalidSubmissionException e) {
                String reason = e instanceof CaseRefused refusal ? refusal.reason()
                        : ((InvalidSubmissionException) e).summary();
                timeline.record(complaint, TimelineEventType.NOTE, ACTOR, "Bezwaar per e-mail niet in behandeling genomen: " + reason);
                mailer.send(complaint, "bericht-niet-verwerkt", MailRecipient.COMPLAINANT, Map.of("reason", reason),
                        "mailbox:" + Sha256.hex(mail.messageId()) + ":bericht-niet-verwerkt");
                return record(mail, Outcome.REFUSED, complaint.getReference());
            }
        }
        if (forAPerson && judgedIfAnObjection(complaint, motivation, mail.receivedAt(), ACTOR)) {
            return record(mail, Outcome.POSSIBLE_OBJECTION, complaint.getReference());
        }
        return record(mail, Outcome.NOTE, complaint.getReference());
    }

    /**
     * A message of the complainant's, more than a thank-you, now on the case: while the objection window runs (or a
     * handler judges an earlier one) a handler judges whether it is an objection, received when it was ("Is dit een
     * bezwaar?"; a no tells the complainant so); one received after the deadline gets a note that it came late (R9).
     * The mailbox and the manual mail task share this.
     *
     * @return whether a handler judges it
     */
    public boolean judgedIfAnObjection(Complaint complaint, String text, Instant receivedAt, String actor) {
        // a second such message while a handler judges the first joins it: one judgement covers both
        ObjectionService.Judgement judgement = objections.forJudgement(complaint, false, text, receivedAt, actor);
        if (judgement == ObjectionService.Judgement.LATE) {
            // R9: a late objection changes nothing, however it is worded; the case closes as planned
            timeline.record(complaint, TimelineEventType.NOTE, actor, "Dit bericht kwam na de bezwaartermijn (tot en met "
                    + DutchDates.day(complaint.getObjectionDeadline()) + "); als het als bezwaar bedoeld is, kan de"
                    + " directie het niet meer behandelen.");
        }
        return judgement == ObjectionService.Judgement.FOR_A_HANDLER;
    }

    /**
     * The user a measure was taken against objects from the address the statement of reasons
     * went to (DSA art. 20): the board reviews the measure. A refusal is answered to them.
     */
    private ProcessedMail affectedUserObjection(Complaint complaint, IncomingMail mail) {
        if (affectedUsers.reviewRunning(complaint)) {
            // "hierbij nog screenshots" while the board reviews: not refused as a second objection, but read by a person
            // who puts it with the case, where the board sees it (as the complainant's own further objection)
            throw new ManualHandlingNeeded("De gebruiker tegen wie de maatregel in zaak " + complaint.getReference()
                    + " is genomen, schrijft opnieuw over zijn bezwaar terwijl de directie het beoordeelt. Kies 'Bij een"
                    + " bestaande zaak voegen' met deze referentie, zodat de e-mail en de bijlagen bij de zaak komen (de"
                    + " directie ziet ze daar, buiten de gegevens van de klager), en beantwoord een vraag zelf.", mail);
        }
        String text = mail.text().isEmpty() ? mail.subject() : mail.text();
        timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, ACTOR, "E-mail ontvangen van de betrokken gebruiker "
                + mail.senderAddress() + ": " + mail.subject() + "\n" + text);
        // the user's screenshots and papers are for the board's review (DSA art. 20), not for the complainant's copy
        List<String> leftOut = keepAsEvidenceAboutOthers(complaint, mail.attachments(), ACTOR, "de betrokken gebruiker");
        String own = MailIntent.ownWords(text);
        try {
            affectedUsers.object(complaint, fitted(own.isEmpty() ? text : own), ACTOR, mail.receivedAt(), leftOut);
            return record(mail, Outcome.OBJECTION, complaint.getReference());
        } catch (CaseRefused | InvalidSubmissionException e) {
            String reason = e instanceof CaseRefused refusal ? refusal.reason() : ((InvalidSubmissionException) e).summary();
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, ACTOR, "Bezwaar van de betrokken gebruiker niet in behandeling genomen: " + reason);
            answer(mail, "bezwaar-maatregel-niet-verwerkt", Map.of("reference", complaint.getReference(), "reason", reason));
            return record(mail, Outcome.REFUSED, complaint.getReference());
        }
    }

    /** A name as people have one: letters, spaces, dots, hyphens and apostrophes. */
    private static final Pattern PERSONAL_NAME = Pattern.compile("[\\p{L}][\\p{L} .'\u2019-]{0,59}");

    /**
     * Answers the sender with a mail that belongs to no case, once: read again after a crash
     * between sending and recording it, the mail finds its answer in the outbox, delivered.
     * Anyone can put anything in a From header, including someone else's address and a display
     * name such as "Log in op https://…": our answer then goes to that address under our name.
     * So the greeting repeats only a display name that looks like a person's name, else none.
     */
    private void answer(IncomingMail mail, String template, Map<String, Object> values) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("name", PERSONAL_NAME.matcher(mail.senderName().strip()).matches() ? mail.senderName().strip() : "afzender");
        mailer.sendWithoutCase(mail.senderAddress(), template, model, "mailbox:" + Sha256.hex(mail.messageId()) + ":" + template);
    }

    /**
     * The complainant would believe the files arrived: say which did not, and what we take; a case the files of this
     * mail ({@code keptNow}, added after this) fill takes no file sent again, which the mail then says.
     * A mail server that is down does not hold up the mail itself (an answer to an information
     * request, a note): it joins the case, and the timeline tells the handler to say it.
     */
    private void tellFilesLeftOut(Complaint complaint, IncomingMail mail, List<String> refused, int keptNow) {
        String key = "mailbox:" + Sha256.hex(mail.messageId()) + ":bijlagen-niet-opgenomen";
        try {
            mailer.send(complaint, "bijlagen-niet-opgenomen", MailRecipient.COMPLAINANT, Map.of(
                    "refusedFiles", String.join("\n", refused), "maxFiles", limits.maxFiles(),
                    "maxFileMegabytes", limits.maxFileSize().toMegabytes(),
                    // a full case takes no file sent again: the mail then says so, and not "stuur het opnieuw"
                    "caseFull", validator.roomOnCase(complaint) <= keptNow, "maxFilesPerCase", validator.maxFilesPerCase()),
                    key);
        } catch (RuntimeException e) {
            if (nl.homepair.complaints.diagnostics.Outage.isMailServerUnreachable(e)) {
                // the copy is in the outbox: a job sends it once the mail server takes it, as every queued mail
                mailer.deliverLater(key);
                return;
            }
            // not made, or refused by the server (an address that takes no mail): sending again would not change it
            timeline.record(complaint, TimelineEventType.NOTE, ACTOR, "De klager kon niet per e-mail worden verteld "
                    + "welke bijlagen niet zijn opgenomen; vertel het zo nodig zelf.");
            log.warn("Mail bijlagen-niet-opgenomen for case {} not made: {}", complaint.getReference(),
                    nl.homepair.complaints.diagnostics.CauseChain.of(e));
        }
    }

    /**
     * Whether the mail only thanks ("Bedankt!"), also between the lines of the mail of ours it quotes: an Outlook user
     * answers our questions inside our own text, under a "Bedankt, zie hieronder" (R4).
     */
    private boolean onlyThanks(IncomingMail mail, String text, List<Complaint> cases) {
        String above = MailIntent.ownWords(text);
        // the mails we sent are read only for a mail that says no more than thanks above its quote
        java.util.function.Supplier<List<String>> ours = org.springframework.util.function.SingletonSupplier.of(() -> oursFor(cases));
        return (above.isBlank() || MailIntent.onlyThanks(above, mail.senderName()))
                && MailIntent.onlyThanks(MailIntent.saidWords(text, ours), mail.senderName())
                // a forward or a pasted message below the thanks is what it passes on, not a thank-you
                && !MailIntent.quotesSomeoneElse(text, ours, this::isOurs);
    }

    /** What we wrote about these cases, as text and as HTML: what a reply quotes. */
    private List<String> oursFor(List<Complaint> cases) {
        return cases.stream().flatMap(complaint -> sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream())
                .flatMap(copy -> java.util.stream.Stream.of(copy.getBody(), copy.getHtmlBody()))
                .filter(java.util.Objects::nonNull).toList();
    }

    private boolean acknowledgementWritten(Complaint complaint) {
        return sentMails.findByComplaintIdOrderBySentAtAscIdAsc(complaint.getId()).stream()
                .anyMatch(copy -> ACKNOWLEDGEMENT.equals(copy.getTemplate()));
    }

    private static final String ACKNOWLEDGEMENT = ComplaintProcess.MAIL_ACKNOWLEDGEMENT;

    /**
     * A set-aside mail that a handler put with a case ("Bij een bestaande zaak voegen"): its text on the case's timeline
     * and its files as the case's evidence (R2, R14); a mail from anyone but the complainant's address (the other party,
     * the affected user) as written by others, left out of the complainant's copy of their data (GDPR art. 15(4)).
     */
    @Transactional
    public void attachToCase(Complaint given, boolean fromComplainant, String from, String subject, String text,
                             List<EvidenceUpload> attachments, String handler) {
        // held against an erasure committing meanwhile (R13): the handler's completion then fails on the case's version,
        // and its retry meets the erased case's refusal
        Complaint complaint = CaseRows.heldForChange(entities, given);
        complaint.requireNotErased();
        String summary = "E-mail van " + from + CaseTimeline.PUT_WITH_THE_CASE + subject + "):\n" + text;
        if (fromComplainant) {
            List<String> refused = new ArrayList<>();
            List<EvidenceUpload> accepted = acceptable(complaint, attachments, refused);
            timeline.record(complaint, TimelineEventType.NOTE, handler, summary);
            keepAsEvidence(complaint, accepted);
            refused.forEach(reason -> timeline.record(complaint, TimelineEventType.NOTE, handler, reason));
        } else {
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, handler, summary);
            keepAsEvidenceAboutOthers(complaint, attachments, handler, from);
        }
        triageAgain(complaint);
    }

    /**
     * Files someone other than the complainant sent: the case's evidence for staff, not in the complainant's copy. Answers
     * why each file that was not taken was left out.
     */
    private List<String> keepAsEvidenceAboutOthers(Complaint complaint, List<EvidenceUpload> attachments, String actor, String from) {
        List<String> refused = new ArrayList<>();
        for (SubmissionValidator.CheckedEvidence file : validator.checkEvidence(acceptable(complaint, attachments, refused),
                new ArrayList<>())) {
            complaint.addEvidenceAboutOthers(file.fileName(), file.contentType(), file.content());
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, "Bewijsstuk toegevoegd uit de e-mail van "
                    + from + ": " + file.fileName());
        }
        refused.forEach(reason -> timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, actor, reason));
        return refused;
    }

    /** Files of a mail about an existing case become its evidence, each with a timeline entry. */
    private void keepAsEvidence(Complaint complaint, List<EvidenceUpload> files) {
        for (SubmissionValidator.CheckedEvidence file : validator.checkEvidence(files, new ArrayList<>())) {
            complaint.addEvidence(file.fileName(), file.contentType(), file.content());
            timeline.record(complaint, TimelineEventType.NOTE, ACTOR, "Bewijsstuk toegevoegd uit de e-mail: " + file.fileName());
        }
    }

    /**
     * The complainant's attachments without those the case has already from them, and without a second copy in the same
     * mail (the same mail sent twice, from the phone and the laptop, or again because no answer came yet): such a file
     * is neither taken again nor counted against the room, nor "niet opgenomen" in a mail; a line says so. The same
     * name as stored (a name made safe, an extension that fits the content) and the same bytes; files others sent to
     * the case are not compared (the complainant's own copy stays theirs).
     */
    private List<EvidenceUpload> notAlreadyOnCase(Complaint complaint, List<EvidenceUpload> attachments) {
        List<EvidenceUpload> fresh = new ArrayList<>();
        List<Map.Entry<String, byte[]>> takenHere = new ArrayList<>(); // stored name and bytes of this mail's files so far
        for (EvidenceUpload upload : attachments) {
            byte[] content = upload.content();
            Optional<String> type = content == null ? Optional.empty() : FileTypes.detect(content);
            if (type.isEmpty()) {
                fresh.add(upload); // refused, and named, by the checks after this
                continue;
            }
            String stored = FileTypes.nameFor(SubmissionValidator.safeFileName(upload.fileName()), type.get());
            boolean kept = takenHere.stream().anyMatch(taken -> taken.getKey().equals(stored) && Arrays.equals(taken.getValue(), content))
                    || complaint.getEvidence().stream().anyMatch(file -> !file.isAboutOthers() && file.getFileName().equals(stored)
                    && file.getSizeBytes() == content.length && Arrays.equals(file.getContent(), content));
            if (kept) {
                timeline.record(complaint, TimelineEventType.NOTE, ACTOR, "Bijlage uit de e-mail niet nog eens opgenomen: "
                        + stored + " staat al bij de zaak.");
            } else {
                fresh.add(upload);
                takenHere.add(Map.entry(stored, content));
            }
        }
        return fresh;
    }

    /** The acceptable attachments that still fit on the case ({@code max-files-per-case}); the rest named in {@code refused}. */
    private List<EvidenceUpload> acceptable(Complaint complaint, List<EvidenceUpload> attachments, List<String> refused) {
        List<EvidenceUpload> accepted = acceptable(attachments, refused);
        int room = validator.roomOnCase(complaint);
        for (EvidenceUpload over : accepted.subList(Math.min(room, accepted.size()), accepted.size())) {
            refused.add("Bijlage \"" + over.fileName() + "\" niet opgenomen: een zaak heeft hoogstens "
                    + validator.maxFilesPerCase() + " bewijsstukken, en deze zaak heeft ze al.");
        }
        return accepted.subList(0, Math.min(room, accepted.size()));
    }

    /** The attachments a case takes (type, size, count as the intake's), the others named in {@code refused}. */
    List<EvidenceUpload> acceptable(List<EvidenceUpload> attachments, List<String> refused) {
        List<EvidenceUpload> accepted = new ArrayList<>();
        int looked = 0;
        for (EvidenceUpload upload : attachments) {
            if (++looked > MAX_ATTACHMENTS_LOOKED_AT) {
                refused.add((attachments.size() - MAX_ATTACHMENTS_LOOKED_AT) + " verdere bijlagen niet opgenomen.");
                break;
            }
            List<FieldError> errors = new ArrayList<>();
            validator.checkEvidence(List.of(upload), errors);
            if (!errors.isEmpty()) {
                refused.add("Bijlage niet opgenomen: " + errors.get(0).message());
            } else if (accepted.size() >= limits.maxFiles()) {
                refused.add("Bijlage \"" + upload.fileName() + "\" niet opgenomen: meer dan " + limits.maxFiles() + " bestanden.");
            } else {
                accepted.add(upload);
            }
        }
        return accepted;
    }

    private ProcessedMail record(IncomingMail mail, Outcome outcome, String reference) {
        return processed.save(new ProcessedMail(mail.messageId(), now(), outcome, reference));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
