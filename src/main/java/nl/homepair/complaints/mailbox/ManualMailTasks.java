package nl.homepair.complaints.mailbox;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import nl.homepair.complaints.diagnostics.Outage;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.FileTypes;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a message a machine cannot handle before a person: the task <em>E-mail handmatig verwerken</em> with who sent
 * it, why it was set aside, its text and files, and the case it names. The contact mailbox sets mails aside this way,
 * the web form a message about an existing case; each message once ({@code id}: a Message-ID, or the web form's key).
 */
@Component
public class ManualMailTasks {

    private static final Logger log = LoggerFactory.getLogger(ManualMailTasks.class);

    /**
     * @param origin        where the original is, a phrase ({@code mailFolder} on the form: "de map Handmatig van de
     *                      contactmailbox", or that there is none beyond the task)
     * @param caseReference the case it is about, for the handler to act on; null when none is named
     * @param sender        the sender's address, as an address (not on the form); null when unknown
     * @param text          null when the message could not be read (only its envelope is known)
     * @param originalKept  whether the original stays where {@code origin} says (a mail in the mailbox's folder): only
     *                      then may the task be made without the text and files it could not hold
     * @param typedReference a case reference the sender gave that is not named for them (the web form's, for an address
     *                      that is not the complainant's), or the case a bounce of our mail belongs to; or null
     * @param alsoNamedReference a second case the mail names, which waits for it too; or null
     * @param replyTo        the person a no-reply sender's mail asks answers to ({@code Reply-To}): anyone can write it,
     *                       so it decides nothing; the erasure of that address finds the task by it; or null
     */
    public record Message(String from, String subject, String origin, String problem, Instant received, String caseReference,
                          String sender, String text, List<EvidenceUpload> files, boolean originalKept, String typedReference,
                          String alsoNamedReference, String replyTo, String caseNote, boolean senderUnverified,
                          boolean onlyInCopy) {

        /**
         * A message whose sender address nobody confirmed (the mail server's check failed; typed into the web form):
         * it does not make the case it names anyone's who handles the mailbox ({@code SetAsideAnswers}).
         */
        public Message unverified() {
            return new Message(from, subject, origin, problem, received, caseReference, sender, text, files, originalKept,
                    typedReference, alsoNamedReference, replyTo, caseNote, true, onlyInCopy);
        }

        /**
         * A mail written to someone else with HomePair only in Cc: put with the case, it is no message to us that a
         * handler judges as a possible objection ({@code SetAsideAnswers}); the person who put it there has read it.
         */
        public Message inCopyOnly() {
            return new Message(from, subject, origin, problem, received, caseReference, sender, text, files, originalKept,
                    typedReference, alsoNamedReference, replyTo, caseNote, senderUnverified, true);
        }

        /** With a confirmed sender, or none. */
        public Message(String from, String subject, String origin, String problem, Instant received, String caseReference,
                       String sender, String text, List<EvidenceUpload> files, boolean originalKept, String typedReference,
                       String alsoNamedReference, String replyTo, String caseNote) {
            this(from, subject, origin, problem, received, caseReference, sender, text, files, originalKept, typedReference,
                    alsoNamedReference, replyTo, caseNote, false, false);
        }

        /** Without a line for the mentioned case's timeline. */
        public Message(String from, String subject, String origin, String problem, Instant received, String caseReference,
                       String sender, String text, List<EvidenceUpload> files, boolean originalKept, String typedReference,
                       String alsoNamedReference, String replyTo) {
            this(from, subject, origin, problem, received, caseReference, sender, text, files, originalKept, typedReference,
                    alsoNamedReference, replyTo, null);
        }

        /** Without a second case named or a Reply-To of its own. */
        public Message(String from, String subject, String origin, String problem, Instant received, String caseReference,
                       String sender, String text, List<EvidenceUpload> files, boolean originalKept, String typedReference) {
            this(from, subject, origin, problem, received, caseReference, sender, text, files, originalKept, typedReference,
                    null, null);
        }

        /** The case whose erasure takes the message along: the one it is about, else the one it mentions. */
        String erasedWith() {
            return caseReference != null ? caseReference : typedReference;
        }
    }

    /** Set on a task whose sender address nobody confirmed ({@link Message#senderUnverified()}). */
    static final String VAR_SENDER_UNVERIFIED = "mailSenderUnverified";
    /** Set on a task of a mail that named HomePair only in Cc ({@link Message#onlyInCopy()}). */
    static final String VAR_ONLY_IN_COPY = "mailOnlyInCopy";

    /** The key of the mailbox's record of the message ({@code processed_mail.message_id}). */
    static final String VAR_MESSAGE_KEY = "mailMessageKey";

    /** What the task shows as the text of a message that had none. */
    static final String NO_TEXT = "(De e-mail bevatte geen tekst.)";
    /** How the task's text begins when the message's words could not be kept with it. */
    static final String TEXT_ELSEWHERE = "De tekst en bijlagen staan in ";

    /** Whether the task's text is the message's own words, not one of the task's own notices ({@link #NO_TEXT}). */
    static boolean ownWords(Object taskText) {
        return taskText != null && !taskText.toString().isBlank() && !taskText.toString().equals(NO_TEXT)
                && !taskText.toString().startsWith(TEXT_ELSEWHERE);
    }

    /** The address a no-reply sender's mail asks answers to: for the erasure of that address only. */
    public static final String VAR_REPLY_TO = "mailReplyTo";

    /** A reference the sender typed that did not name the case for them ({@code caseReference} null): its erasure finds it. */
    public static final String VAR_TYPED_REFERENCE = "mailTypedReference";

    private final IncomingMailHandler handler;
    private final RuntimeService runtimeService;

    public ManualMailTasks(IncomingMailHandler handler, RuntimeService runtimeService) {
        this.handler = handler;
        this.runtimeService = runtimeService;
    }

    /** The task, and with it (once, in its transaction) the line a bounce leaves on the case it mentions. */
    private Runnable startWith(Message message, VariableMap variables) {
        return () -> {
            runtimeService.createProcessInstanceByKey(MailboxPoller.MANUAL_PROCESS_KEY).processDefinitionWithoutTenantId()
                    .setVariables(variables).execute();
            if (message.caseNote() != null && message.typedReference() != null) {
                handler.noteAboutOthers(message.typedReference(), message.caseNote());
            }
        };
    }

    /** When the message with this id was set aside (the first time), if it was. */
    public java.util.Optional<Instant> setAsideAt(String id) {
        return handler.setAsideAt(id);
    }

    /** @return false when the message was set aside before (no second task) */
    public boolean start(String id, Message message, String describedForTheLog) {
        return start(id, message, describedForTheLog, List.of());
    }

    /** As {@link #start(String, Message, String)}, the message remembered under {@code alsoKnownAs} too. */
    public boolean start(String id, Message message, String describedForTheLog, List<String> alsoKnownAs) {
        String rest = message.origin();
        VariableMap variables = Variables.createVariables()
                .putValue("mailFrom", CamundaText.fit(MarkdownText.escape(message.from()), rest))
                .putValue("mailSubject", CamundaText.fit(MarkdownText.escape(message.subject()), rest))
                .putValue("mailFolder", message.origin())
                .putValue("mailProblem", CamundaText.fit(MarkdownText.escape(message.problem()), "het log"))
                .putValue("receivedAt", Date.from(message.received()))
                .putValue("mailReceived", DutchDates.moment(message.received()));
        if (id != null) {
            // what the mailbox's record of the message is kept under: the case a handler chooses is written there
            variables.putValue(VAR_MESSAGE_KEY, id);
        }
        if (message.typedReference() != null) {
            variables.putValue(VAR_TYPED_REFERENCE, message.typedReference());
        }
        if (message.caseReference() != null) {
            variables.putValue(MailboxPoller.VAR_MAIL_CASE_REFERENCE, message.caseReference());
            variables.putValue(MailboxPoller.VAR_MAIL_NAMED_CASE, message.caseReference());
        }
        if (message.alsoNamedReference() != null) {
            variables.putValue(MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE, message.alsoNamedReference());
        }
        if (message.replyTo() != null) {
            variables.putValue(VAR_REPLY_TO, message.replyTo());
        }
        if (message.text() != null) {
            // who sent it, as an address (not on the form): a mail put with a case is the complainant's only from their address
            variables.putValue(MailboxPoller.VAR_MAIL_SENDER, message.sender());
            if (message.senderUnverified()) {
                variables.putValue(VAR_SENDER_UNVERIFIED, true);
            }
            if (message.onlyInCopy()) {
                variables.putValue(VAR_ONLY_IN_COPY, true);
            }
            variables.putValue("mailText", CamundaText.fit(message.text().isEmpty() ? NO_TEXT
                    : message.text(), rest));
            StringBuilder names = new StringBuilder();
            // the files open from the form (Tasklist cannot show a file variable): links with a key of this task's own
            String filesKey = java.util.UUID.randomUUID().toString();
            int n = 0;
            for (EvidenceUpload file : message.files()) {
                if (++n > MailboxPoller.MAX_FILES_KEPT) {
                    names.append("- ").append(message.files().size() - MailboxPoller.MAX_FILES_KEPT)
                            .append(" verdere bijlagen: zie ").append(MarkdownText.escape(message.origin())).append('\n');
                    break;
                }
                variables.putValue("mailAttachment" + n, Variables.fileValue(file.fileName()).file(file.content()).create());
                names.append("- [").append(MarkdownText.escape(file.fileName())).append("](")
                        .append(SetAsideFilesController.path(filesKey, n)).append(")")
                        // by what it is, not by its name ("factuur.pdf.exe"): only an image or PDF opens in the browser
                        .append(FileTypes.detect(file.content()).isPresent() ? ""
                                : " (geen afbeelding of PDF: wordt gedownload; open het alleen als je de afzender vertrouwt)")
                        .append('\n');
            }
            if (n > 0) {
                variables.putValue(SetAsideFilesController.VAR_FILES_KEY, filesKey);
            }
            variables.putValue("mailAttachments", names.length() == 0 ? "Geen." : CamundaText.fit(names.toString(), "de map"));
        }
        try {
            return handler.setAsideOnce(id, message.erasedWith(), startWith(message, variables), alsoKnownAs);
        } catch (RuntimeException e) {
            if (message.text() == null || !message.originalKept()) {
                throw e; // a message kept nowhere else (the web form's) is refused, not kept without its words
            }
            if (Outage.isOutage(e) || ConcurrentChange.isConcurrentChange(e)) {
                // the database away for a moment, or a case changed meanwhile: nothing wrong with what the mail holds;
                // it waits where it is for the next try, which makes the task with its text and files
                throw e;
            }
            // something of what the message holds did not go into the task (a value the database refuses): the task
            // without it, the original waits where it is
            log.warn("Mail {} set aside without its text and files, which the task could not hold: {}", describedForTheLog,
                    CauseChain.of(e));
            VariableMap bare = Variables.createVariables();
            variables.forEach((name, value) -> {
                if (!name.startsWith("mailAttachment") && !name.equals("mailText")) {
                    bare.put(name, value);
                }
            });
            bare.putValue("mailText", TEXT_ELSEWHERE + message.origin() + ".");
            return handler.setAsideOnce(id, message.erasedWith(), startWith(message, bare), alsoKnownAs);
        }
    }
}
