package nl.homepair.complaints.mediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.complaint.TimelineRepository;
import nl.homepair.complaints.escalation.ObjectionService;
import nl.homepair.complaints.intake.IdempotentIntake;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.mailbox.MailIntent;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.DutchNumbers;
import nl.homepair.complaints.text.PersonNames;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.ClientMoment;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/complaints/{reference}/chat-messages}: the HomePair chat's incoming
 * webhook (or a mediator) records a chat message about the case on its timeline, so that
 * mediation stays central and traceable (R7). The webhook writes in a participant's name, never in
 * HomePair's; a name the case does not know (the chat spells it otherwise) is kept and marked, not refused,
 * for a refused message is lost to the case.
 */
@RestController
public class ChatMessageController {

    static final int MAX_MESSAGE = 5_000;
    static final String CLOSED_CASE_TEMPLATE = "chatbericht-na-afsluiting";
    private static final Logger log = LoggerFactory.getLogger(ChatMessageController.class);

    private final CaseAccess access;
    private final CaseTimeline timeline;
    private final CurrentUser currentUser;
    private final CaseMailer mailer;
    private final TimelineRepository entries;
    private final TransactionTemplate transactions;
    private final ObjectionService objections;
    private final org.camunda.bpm.engine.HistoryService historyService;
    private final ChatConversation conversations;

    private final jakarta.persistence.EntityManager entities;

    public ChatMessageController(CaseAccess access, CaseTimeline timeline, CurrentUser currentUser,
                                 CaseMailer mailer, TimelineRepository entries,
                                 PlatformTransactionManager transactionManager, ObjectionService objections,
                                 org.camunda.bpm.engine.HistoryService historyService, ChatConversation conversations,
                                 jakarta.persistence.EntityManager entities) {
        this.entities = entities;
        this.conversations = conversations;
        this.historyService = historyService;
        this.objections = objections;
        this.mailer = mailer;
        this.entries = entries;
        this.transactions = new TransactionTemplate(transactionManager);
        this.access = access;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    /**
     * @param sentAt when the participant sent it (ISO 8601 with offset), optional: a message delivered again after an
     *               outage stands where it was written, and counts from then as an objection (see {@link ClientMoment})
     */
    public record ChatMessage(String author, String message, String conversationReference, String sentAt) {
    }

    /**
     * Records the message; a webhook that delivers it again with the same {@code Idempotency-Key} (after a time-out,
     * a lost answer) gets the same answer with {@code Idempotent-Replayed: true} and the case has it once, also when
     * both deliveries arrive at once; the key with another message is refused (422), nothing stored.
     */
    @PostMapping(path = "/api/complaints/{reference}/chat-messages", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ChatMessage> record(@PathVariable String reference, @RequestBody ChatMessage chat,
                                              @RequestHeader(name = IdempotentIntake.HEADER, required = false) String key) {
        String requestKey = key == null ? null : IdempotentIntake.requestKey(currentUser.id().orElse(null), key);
        Recorded recorded;
        try {
            recorded = recordHoldingTheCase(reference, chat, requestKey);
        } catch (OtherConversation refused) {
            // nothing of the message is kept; the handlers see that one came, and where to correct the case's conversation
            transactions.executeWithoutResult(status -> conversations.refused(access.forSubmitter(reference),
                    refused.given, refused.recorded));
            throw refused;
        } catch (DataIntegrityViolationException e) {
            // the same delivery was recorded meanwhile: answer as it was answered
            if (requestKey == null) {
                throw e;
            }
            recorded = recordHoldingTheCase(reference, chat, requestKey);
        }
        // only once the message is on the case (committed), and only for the delivery that put it there
        if (!recorded.replayed() && recorded.closedCase() != null) {
            tellHandlersAboutAClosedCase(recorded.closedCase());
        }
        if (!recorded.replayed() && recorded.beforeTheBoard() != null) {
            tellHandlersWhileTheBoardReviews(recorded.beforeTheBoard());
        }
        if (!recorded.replayed()) {
            // after the message is stored, in a transaction of its own: a judgement that cannot start now loses no message
            Instant sentAt = recorded.sentAt();
            judge(reference, () -> transactions.executeWithoutResult(status -> mayObject(access.forSubmitter(reference), chat, sentAt)),
                    () -> transactions.executeWithoutResult(status -> timeline.record(access.forSubmitter(reference),
                            TimelineEventType.NOTE, CaseTimeline.SYSTEM, NOT_JUDGED)));
        }
        return ResponseEntity.status(HttpStatus.CREATED).header("Idempotent-Replayed", String.valueOf(recorded.replayed()))
                .body(chat);
    }

    /**
     * {@link #recordOnce} in a transaction of its own, again when another message (or the same one delivered twice at
     * once) held the case at the same moment: each holds the case's version, so that an erasure meanwhile fails one of
     * the two, and two messages at once must not cost the second its delivery.
     */
    private Recorded recordHoldingTheCase(String reference, ChatMessage chat, String requestKey) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> recordOnce(reference, chat, requestKey));
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the message was on the case already (by an earlier request with the key); the reference of a closed case;
     * when the message was sent.
     */
    private record Recorded(boolean replayed, String closedCase, Instant sentAt, String beforeTheBoard) {
    }

    private Recorded recordOnce(String reference, ChatMessage chat, String requestKey) {
        // an erasure (R13) committing meanwhile must not leave the message on the erased case: one of the two fails on the
        // case's version (the platform gets a 409 and sends the message again, and hears the case is erased)
        Complaint complaint = nl.homepair.complaints.complaint.CaseRows.heldForChange(entities, access.forSubmitter(reference));
        complaint.requireNotErased();
        List<FieldError> errors = new ArrayList<>();
        if (chat.author() == null || chat.author().isBlank() || chat.author().length() > 200) {
            errors.add(new FieldError("author", "Geef aan van wie het bericht is (hoogstens 200 tekens)."));
        } else if (!PlainText.isPlain(chat.author())) {
            errors.add(new FieldError("author", PlainText.REFUSAL));
        } else if (fromThePlatform() && PersonNames.key(chat.author()).contains("homepair")) {
            // the chat webhook speaks for the chat's participants only, never for HomePair staff
            errors.add(new FieldError("author", "De afzender moet een deelnemer aan het chatgesprek over deze klacht zijn "
                    + "(de klager of de andere partij), geen medewerker van HomePair."));
        }
        // an empty text (a photo sent in the chat) or a long one is kept, not refused: a refused message is lost to the case
        if (chat.message() != null && !PlainText.isPlain(chat.message())) {
            errors.add(new FieldError("message", PlainText.REFUSAL));
        }
        if (chat.conversationReference() != null && chat.conversationReference().length() > 200) {
            errors.add(new FieldError("conversationReference", "De verwijzing naar het gesprek mag hoogstens 200 tekens lang zijn."));
        } else if (chat.conversationReference() != null && !PlainText.isPlain(chat.conversationReference())) {
            errors.add(new FieldError("conversationReference", PlainText.REFUSAL));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        String conversation = chat.conversationReference() == null || chat.conversationReference().isBlank()
                ? "" : " [gesprek " + chat.conversationReference().strip() + "]";
        // a participant's name as the chat spells it ("Jansen Klussen B.V.", a complainant known by address only)
        // is no reason to lose the message: it is kept, and marked when it is not the name the case knows
        String unknown = fromThePlatform() && !participants(complaint).contains(PersonNames.key(chat.author())) ? UNKNOWN
                : "";
        String summary = summary(chat, unknown, conversation);
        if (requestKey != null) {
            Optional<TimelineEntry> earlier = entries.findByComplaintIdAndIdempotencyKey(complaint.getId(), requestKey);
            if (earlier.isPresent()) {
                // the same message, also when its author was named on the case in between
                if (!earlier.get().getSummary().equals(TimelineEntry.fitted(summary))
                        && !earlier.get().getSummary().equals(TimelineEntry.fitted(summary(chat, UNKNOWN, conversation)))) {
                    throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Deze Idempotency-Key is al gebruikt voor"
                            + " een ander chatbericht over deze klacht. Gebruik voor een nieuw bericht een nieuwe sleutel."
                            + " Er is niets opgeslagen.");
                }
                return new Recorded(true, null, null, null);
            }
        }
        // after the replay: a delivery that was stored, retried days later or after the case changed, gets its first answer
        Instant sentAt = ClientMoment.sentAt("sentAt", chat.sentAt(), ClockUtil.getCurrentTime().toInstant());
        requireTheCasesConversation(complaint, chat.conversationReference());
        // the other party's words are on the case for staff, not in the complainant's copy of their data (GDPR art. 15(4));
        // a name the case does not know may be the complainant's own (as the chat spells it) and stays in it
        String author = PersonNames.key(chat.author());
        boolean otherParty = !author.equals(PersonNames.key(complaint.getName())) && otherPartyNames(complaint).contains(author);
        timeline.record(complaint, TimelineEventType.CHAT_MESSAGE, currentUser.id().orElse(null), summary, requestKey, sentAt,
                otherParty);
        if (!CaseTimeline.receivedEarlier(sentAt).isEmpty()) {
            // the line stands where it was written; when it reached the case is a line of its own, at its arrival, so that
            // a message that seems to come before a decision is seen to have arrived after it (R14)
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, CaseTimeline.SYSTEM, "Een chatbericht dat op "
                    + nl.homepair.complaints.text.DutchDates.moment(sentAt) + " in de chat is verstuurd, kwam nu pas binnen;"
                    + " het staat op de tijdlijn bij dat moment.");
        }
        // the complainant (or someone the chat names otherwise, who may be them) writes while the board has the objection:
        // no handler has a task on the case, and the director reads the case file only on opening the task; a question or
        // a wish to withdraw needs a person now
        boolean toThePeople = nl.homepair.complaints.complaint.CaseWithdrawal.beforeTheBoard(complaint)
                && (author.equals(PersonNames.key(complaint.getName())) || !unknown.isEmpty() && !otherParty)
                && saysMoreThanThanks(chat);
        return new Recorded(false, complaint.getStatus() == ComplaintStatus.CLOSED ? complaint.getReference() : null,
                sentAt, toThePeople ? complaint.getReference() : null);
    }

    /**
     * A message from another conversation than the one the handler recorded on the case (a chat that maps its
     * conversations to cases wrongly, a typo in the assessment): one person's words must not land on another person's
     * case. Refused, nothing stored; the chat keeps the message.
     */
    private void requireTheCasesConversation(Complaint complaint, String given) {
        if (given == null || given.isBlank() || complaint.getProcessInstanceId() == null) {
            return;
        }
        historyService.createHistoricVariableInstanceQuery().processInstanceId(complaint.getProcessInstanceId())
                .variableName(VAR_CONVERSATION).list().stream()
                .map(variable -> variable.getValue() == null ? "" : variable.getValue().toString().strip())
                .filter(recorded -> !recorded.isEmpty() && !recorded.equalsIgnoreCase(given.strip()))
                .findFirst().ifPresent(recorded -> {
                    throw new OtherConversation(complaint, given.strip(), recorded);
                });
    }

    /** A message from another conversation than the case's: refused, with what the handlers are told. */
    static final class OtherConversation extends CaseRefused {
        final String given;
        final String recorded;

        OtherConversation(Complaint complaint, String given, String recorded) {
            // which conversation the case has is not said: the platform account does not read cases
            super(Kind.NOT_NOW, "Dit bericht komt uit chatgesprek " + given + ", dat niet bij zaak " + complaint.getReference()
                    + " hoort. Er is niets opgeslagen; stuur het bericht naar de zaak van dat gesprek.");
            this.given = given;
            this.recorded = recorded;
        }
    }

    /** The chat conversation a handler recorded on the case in the assessment (form field). */
    static final String VAR_CONVERSATION = ChatConversation.VARIABLE;

    /**
     * While the objection window runs the case has no open task: the complainant's chat message ("ik ben het niet eens
     * met jullie besluit") would lie on the timeline unread until the window closed. As with a mail, a person judges
     * whether it is an objection (*Is dit een bezwaar?*), received when the message was; a thank-you stays a note (R9).
     */
    private void mayObject(Complaint complaint, ChatMessage chat, Instant sentAt) {
        if (!PersonNames.key(chat.author()).equals(PersonNames.key(complaint.getName())) || !saysMoreThanThanks(chat)) {
            return;
        }
        // late, however it is worded, it changes nothing: the case closes as planned; in time is by when it was sent
        objections.forJudgement(complaint, true, "Chatbericht van " + chat.author().strip() + ":\n" + text(chat),
                sentAt, currentUser.id().orElse(null));
    }

    /** A message with words in it that are more than a thank-you: one a person must read. */
    private static boolean saysMoreThanThanks(ChatMessage chat) {
        return chat.message() != null && !chat.message().isBlank() && !MailIntent.onlyThanks(chat.message(), chat.author());
    }

    /**
     * The message as the case keeps it: a text longer than a timeline line holds is cut, and says so (the whole is in
     * the chat); a message without text (a photo) says that it had none.
     */
    static String text(ChatMessage chat) {
        String text = chat.message() == null ? "" : chat.message().strip();
        if (text.isEmpty()) {
            return "(bericht zonder tekst, bijvoorbeeld een foto of bestand: zie het chatgesprek)";
        }
        return text.length() <= MAX_MESSAGE ? text : PlainText.head(text, MAX_MESSAGE)
                + " […] (ingekort: het bericht telt " + DutchNumbers.of(text.length()) + " tekens; het geheel staat in het chatgesprek)";
    }

    /** Tries to start a judgement of a chat message: a race lost to a handler or another node is tried again. */
    static final int JUDGEMENT_ATTEMPTS = 3;

    static final String NOT_JUDGED = "Dit chatbericht kon niet vanzelf worden voorgelegd als mogelijk bezwaar (Is dit een"
            + " bezwaar?). Lees het en registreer een bezwaar met Bezwaar registreren als het er een is.";

    /**
     * Starts the judgement of a stored chat message, each attempt in a transaction of its own: the message came while a
     * handler finished the judgement of an earlier one, or while another node started one for the message before it
     * (the engine refuses the later of two changes of a case), and the next attempt finds the case as it now is and
     * joins or starts the judgement. When every attempt fails (a fault of the model), a line on the case says what to
     * do, so that an objection is not lost on a timeline nobody reads as one, and the log says so as an error.
     */
    static void judge(String reference, Runnable attempt, Runnable tellTheHandlers) {
        for (int tried = 1; ; tried++) {
            try {
                attempt.run();
                return;
            } catch (RuntimeException e) {
                if (tried < JUDGEMENT_ATTEMPTS) {
                    log.info("Chat message on case {}: judgement 'Is dit een bezwaar?' not started at attempt {}, again: {}",
                            reference, tried, nl.homepair.complaints.diagnostics.CauseChain.of(e));
                    continue;
                }
                log.error("Chat message on case {} kept; no judgement 'Is dit een bezwaar?' started after {} attempts: {}",
                        reference, tried, nl.homepair.complaints.diagnostics.CauseChain.of(e));
                try {
                    tellTheHandlers.run();
                } catch (RuntimeException alsoFailed) {
                    log.error("Chat message on case {}: no line on the case either: {}", reference,
                            nl.homepair.complaints.diagnostics.CauseChain.of(alsoFailed));
                }
                return;
            }
        }
    }

    /**
     * A chat message about a closed case ("de afspraak wordt niet nagekomen") is kept on the case, where nobody
     * looks any more: the handlers hear of it, by reference only (the message is in the case file), once a day per
     * case however long the conversation goes on. A mail server
     * that is down does not lose the message; the handlers then see it only in the case file.
     */
    private void tellHandlersAboutAClosedCase(String reference) {
        try {
            mailer.queueToStaff(MailRecipient.HANDLERS, CLOSED_CASE_TEMPLATE, Map.of("about", "klacht " + reference),
                    "chat-after-closing:" + reference + ":" + ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate());
        } catch (RuntimeException e) {
            log.warn("Chat message on closed case {} kept; the handlers were not told by mail: {}", reference, e.toString());
        }
    }

    static final String BOARD_REVIEW_TEMPLATE = "chatbericht-tijdens-bezwaar";

    /**
     * A chat message of the complainant while the board reviews the objection ("wanneer beslist de directie?", "laat
     * maar"): the handlers hear of it, by reference only, once a day per case, as a mail then reaches a person.
     */
    private void tellHandlersWhileTheBoardReviews(String reference) {
        try {
            mailer.queueToStaff(MailRecipient.HANDLERS, BOARD_REVIEW_TEMPLATE, Map.of("about", "klacht " + reference),
                    "chat-during-board-review:" + reference + ":"
                            + ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate());
        } catch (RuntimeException e) {
            log.warn("Chat message on case {} kept while the board reviews; the handlers were not told by mail: {}", reference,
                    e.toString());
        }
    }

    private static final String UNKNOWN = " (niet herkend als de klager of de andere partij van deze zaak)";

    private static String summary(ChatMessage chat, String unknown, String conversation) {
        return "Chatbericht van " + chat.author().strip() + unknown + conversation + ": " + text(chat);
    }

    private boolean fromThePlatform() {
        return currentUser.isIn(Groups.PLATFORM) && !currentUser.isStaff();
    }

    /**
     * The chat's participants: the complainant and, once named in the assessment, the other party; from the history,
     * so that a message after the case closed (an agreement not kept) still knows who wrote it.
     */
    private Set<String> participants(Complaint complaint) {
        Set<String> names = new HashSet<>(otherPartyNames(complaint));
        names.add(PersonNames.key(complaint.getName()));
        return names;
    }

    /** The other party as the assessment named them (every name it was given), as {@link #key}s. */
    private Set<String> otherPartyNames(Complaint complaint) {
        Set<String> names = new HashSet<>();
        if (complaint.getProcessInstanceId() != null) {
            historyService.createHistoricVariableInstanceQuery().processInstanceId(complaint.getProcessInstanceId())
                    .variableName(ComplaintProcess.VAR_OTHER_PARTY_NAME).list()
                    .forEach(variable -> names.add(PersonNames.key(String.valueOf(variable.getValue()))));
        }
        return names;
    }

}
