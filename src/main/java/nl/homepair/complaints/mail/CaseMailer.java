package nl.homepair.complaints.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends a templated mail about a case and keeps a copy on the case (R14), once: the copy is
 * the outbox row of the mail (see {@link SentMail}). Every subject carries the reference
 * number so that replies can be tied to the case (R3, R5). A failure to send propagates, so
 * that the calling job is retried by the engine; the retry sends the mail as it reads then.
 */
@Service
public class CaseMailer {

    private static final Logger log = LoggerFactory.getLogger(CaseMailer.class);

    /**
     * A mail's value with the candidate groups of the task it is about: a mail "to the handlers" goes to the
     * mailbox of the first that has one ({@link MailProperties#groupAddresses}).
     */
    public static final String TASK_GROUPS = "taskGroups";

    private final JavaMailSender mailSender;
    private final MailTemplates templates;
    private final MailProperties properties;
    private final SentMailRepository sentMails;
    private final CaseTimeline timeline;
    private final DisputeResolution dispute;
    private final TransactionTemplate newTransaction;
    private final CaseSteps steps;
    private final ComplaintRepository complaints;
    private final QueuedMail queuedMail;
    private final jakarta.persistence.EntityManager entities;

    private final MessageForm messageForm;

    public CaseMailer(JavaMailSender mailSender, MailTemplates templates, MailProperties properties,
                      SentMailRepository sentMails, CaseTimeline timeline, DisputeResolution dispute,
                      PlatformTransactionManager transactions, CaseSteps steps, ComplaintRepository complaints,
                      QueuedMail queuedMail, jakarta.persistence.EntityManager entities, MessageForm messageForm) {
        this.messageForm = messageForm;
        this.entities = entities;
        this.steps = steps;
        this.complaints = complaints;
        this.queuedMail = queuedMail;
        this.mailSender = mailSender;
        this.templates = templates;
        this.properties = properties;
        this.sentMails = sentMails;
        this.timeline = timeline;
        this.dispute = dispute;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A mail sent once, whatever the caller's transaction does: see {@link #send(Complaint, String, MailRecipient, Map, String)}. */
    public SentMail send(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values) {
        return send(complaint, template, recipient, values, null);
    }

    /**
     * Sends a templated mail about a case exactly once per {@code deliveryKey} (R14). The copy
     * is written and committed before the mail leaves, and marked delivered in its own
     * transaction once the mail server accepted it; the timeline entry joins the caller's
     * transaction. A step that is retried after its transaction rolled back (after the mail
     * left) finds the copy delivered and sends nothing; a step whose send failed sends the mail
     * again, with the same Message-ID when it reads the same, else rewritten with a new one.
     * Without a key (no retried step) every call is a new mail.
     */
    public SentMail send(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values,
                         String deliveryKey) {
        SentMail copy = once(deliveryKey, "case " + complaint.getReference(),
                key -> compose(complaint, template, recipient, values, key));
        recordSent(complaint, copy);
        return copy;
    }

    /**
     * A copy of an earlier mail of the case to the complainant's corrected address: the same text (it names the
     * complainant, no one else), a new Message-ID. Queued in the caller's transaction and delivered by a job
     * ({@link QueuedMail}), which tries again while the mail server is down; the timeline notes it once it left.
     */
    public SentMail resend(Complaint complaint, SentMail earlier) {
        return resend(complaint, earlier, complaint.getEmail());
    }

    /** As {@link #resend(Complaint, SentMail)}, to {@code recipient} (the other party's corrected address). */
    public SentMail resend(Complaint complaint, SentMail earlier, String recipient) {
        return enqueue(key -> new SentMail(complaint.getId(), ClockUtil.getCurrentTime().toInstant(), earlier.getTemplate(),
                recipient, earlier.getSubject(), earlier.getBody(), earlier.getHtmlBody(), key, newMessageId()));
    }

    /**
     * The outbox: the row of {@code deliveryKey} (made by {@code compose} and committed first
     * if there is none, made anew if it did not leave before), sent unless it was delivered before.
     * Without a key every call is a new mail.
     */
    private SentMail once(String deliveryKey, String about, Function<String, SentMail> compose) {
        String key = deliveryKey == null ? "once:" + UUID.randomUUID() : deliveryKey;
        // a mail that did not leave before (the mail server was down) says what it says now: written days ago, its
        // promised date may have passed meanwhile, or the complainant's address been corrected. Changed, it gets a new
        // Message-ID (had the first try reached the server after all, the new text is no duplicate a receiver drops),
        // and it is written only while no node has marked it delivered
        SentMail copy = newTransaction.execute(status -> sentMails.findByDeliveryKey(key)
                .map(earlier -> {
                    if (earlier.isDelivered()) {
                        return earlier;
                    }
                    SentMail now = compose.apply(key);
                    if (earlier.saysTheSameAs(now) || sentMails.rewriteUndelivered(now, earlier.getId()) == 0) {
                        return earlier;
                    }
                    entities.refresh(earlier);
                    return earlier;
                })
                .orElseGet(() -> sentMails.save(compose.apply(key))));
        deliverUnlessDelivered(copy, about);
        return copy;
    }

    /** Sends the outbox row unless it was delivered before, then marks it delivered in a transaction of its own. */
    private void deliverUnlessDelivered(SentMail copy, String about) {
        if (!copy.isDelivered()) {
            deliver(copy.getRecipient(), copy.getSubject(), copy.getBody(), copy.getHtmlBody(), copy.getMessageId(),
                    copy.getTemplate());
            Instant deliveredAt = ClockUtil.getCurrentTime().toInstant();
            newTransaction.executeWithoutResult(status -> sentMails.markDelivered(copy.getId(), deliveredAt));
            log.info("Mail {} for {} delivered ({})", copy.getTemplate(), about, copy.getMessageId());
        } else {
            log.info("Mail {} for {} was already delivered ({}); not sent again", copy.getTemplate(), about,
                    copy.getMessageId());
        }
    }

    /**
     * A mail that must not be lost while the mail server is down, written from inside a
     * command of the engine (an incident alert): its outbox row joins the caller's
     * transaction, and a job of the engine ({@link QueuedMail}) delivers it after the commit,
     * on any node, again until the mail server takes it. {@code complaint} null: a mail to
     * staff ({@code recipient}) about no case.
     */
    public SentMail queue(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values) {
        return queue(complaint, template, recipient, values, QueuedMail.KEY_PREFIX + UUID.randomUUID());
    }

    /**
     * As {@link #queue(Complaint, String, MailRecipient, Map)}, for the mail of the model's step {@code activityId} written
     * anew outside that step (a request for information sent again after an address correction): its key ends with the
     * step's id, as the step's own mails do ({@link #stepKey}), so it is known as that step's mail later.
     */
    public SentMail queueAsStep(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values,
                                String activityId) {
        return queue(complaint, template, recipient, values, QueuedMail.KEY_PREFIX + UUID.randomUUID() + ":" + activityId);
    }

    /**
     * As {@link #queue(Complaint, String, MailRecipient, Map)}, for an alert about the incident of the failed job (or
     * external task) {@code incidentConfiguration}: the alert is dropped unsent when that incident was resolved or
     * deleted before it could leave ({@link QueuedMail}): the mail server back, the step retried.
     */
    public SentMail queueAboutIncident(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values,
                                       String incidentConfiguration) {
        return queue(complaint, template, recipient, values, QueuedMail.incidentKey(incidentConfiguration));
    }

    private SentMail queue(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values,
                           String key) {
        return enqueue(key, k -> complaint == null
                ? composeWithoutCase(requireStaffAddress(recipient, template), template, values, k)
                : compose(complaint, template, recipient, values, k));
    }

    /**
     * The queued mail of {@code key} is no longer to be sent (the incident it reports was resolved meanwhile): its
     * outbox row goes, unless it was delivered. In the delivery job's transaction.
     */
    void dropQueued(String key) {
        if (sentMails.deleteUndelivered(key) > 0) {
            log.info("Queued mail {} dropped unsent: the incident it reports was resolved before it could leave", key);
        }
    }

    /** The outbox row made under a new queued key, in the caller's transaction, and the job that delivers it. */
    private SentMail enqueue(Function<String, SentMail> compose) {
        return enqueue(QueuedMail.KEY_PREFIX + UUID.randomUUID(), compose);
    }

    private SentMail enqueue(String key, Function<String, SentMail> compose) {
        SentMail copy = sentMails.save(compose.apply(key));
        queuedMail.schedule(key);
        return copy;
    }

    /**
     * The delivery job's work ({@link QueuedMail}): sends the queued mail of {@code key}
     * unless it was delivered, and notes a case's mail on its timeline. A mail erased with
     * its case before it left is not sent. A failure to send propagates.
     */
    void deliverQueued(String key) {
        SentMail copy = newTransaction.execute(status -> sentMails.findByDeliveryKey(key).orElse(null));
        if (copy == null) {
            log.info("Queued mail {} is no longer in the outbox (erased with its case); nothing to send", key);
            return;
        }
        Complaint complaint = copy.getComplaintId() == null ? null : complaints.findById(copy.getComplaintId()).orElse(null);
        deliverUnlessDelivered(copy, complaint == null ? "no case" : "case " + complaint.getReference());
        if (complaint != null) {
            // in the job's transaction: once, even when an earlier try delivered and then rolled back
            recordSent(complaint, copy);
        }
    }

    private void recordSent(Complaint complaint, SentMail copy) {
        steps.mailSent(complaint, copy.getTemplate(), ClockUtil.getCurrentTime().toInstant());
        String summary = "E-mail \"" + copy.getSubject() + "\" verzonden aan " + copy.getRecipient();
        if (copy.getRecipient().equalsIgnoreCase(complaint.getEmail())) {
            timeline.record(complaint, TimelineEventType.MAIL_SENT, CaseTimeline.SYSTEM, summary);
        } else { // the other party, the user a measure was taken against, staff
            timeline.recordAboutOthers(complaint, TimelineEventType.MAIL_SENT, CaseTimeline.SYSTEM, summary);
        }
    }

    /**
     * The key of a mail step inside a job: the same on every retry of that job, so a mail that
     * left before the job's transaction rolled back is not sent again. Null outside a job.
     */
    public static String stepKey(DelegateExecution execution) {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        return job == null ? null : "job:" + job.getId() + ":" + execution.getCurrentActivityId();
    }

    private SentMail compose(Complaint complaint, String template, MailRecipient recipient, Map<String, Object> values,
                             String key) {
        String to = addressOf(complaint, recipient, values);
        Map<String, Object> model = new HashMap<>(values);
        model.put("dispute", dispute);
        model.put("contactAddress", properties.contactAddress());
        model.put("messageForm", messageForm.url());
        model.put("complaint", complaint);
        model.put("reference", complaint.getReference());
        model.put("fmt", new DutchFormat());
        RenderedMail mail = templates.render(template, model);
        String subject = mail.subject().contains(complaint.getReference())
                ? mail.subject()
                : mail.subject() + " [" + complaint.getReference() + "]";
        return new SentMail(complaint.getId(), ClockUtil.getCurrentTime().toInstant(), template, to, subject,
                mail.text(), mail.html(), key, newMessageId());
    }

    private String newMessageId() {
        String from = properties.from();
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "homepair.nl" : from.substring(at + 1).replace(">", "").trim();
        return "<" + UUID.randomUUID() + ".klachten@" + domain + ">";
    }

    /**
     * A mail that belongs to no case, e.g. the answer to an objection for a reference we do
     * not know (R9), sent once per {@code deliveryKey} through the outbox like a case's mail
     * (null: every call is a new mail). There is no case to keep a copy on: its outbox row has
     * none and is deleted after {@code homepair.privacy.caseless-mail-retention}; the mailbox
     * records the mail it answers.
     */
    public void sendWithoutCase(String to, String template, Map<String, Object> values, String deliveryKey) {
        if (to == null || !EmailAddresses.isValid(to)) {
            throw new IllegalStateException("No valid address for mail " + template);
        }
        once(deliveryKey, "no case", key -> composeWithoutCase(to, template, values, key));
    }

    private SentMail composeWithoutCase(String to, String template, Map<String, Object> values, String key) {
        Map<String, Object> model = new HashMap<>(values);
        model.put("contactAddress", properties.contactAddress());
        model.put("fmt", new DutchFormat());
        RenderedMail mail = templates.render(template, model);
        return new SentMail(null, ClockUtil.getCurrentTime().toInstant(), template, to.trim(), mail.subject(),
                mail.text(), mail.html(), key, newMessageId());
    }

    /**
     * A mail to staff about something that is no case (yet), e.g. a reminder of a mail to
     * handle by hand; once per {@code deliveryKey}, as {@link #sendWithoutCase}.
     */
    public void sendToStaff(MailRecipient recipient, String template, Map<String, Object> values, String deliveryKey) {
        sendWithoutCase(requireStaffAddress(recipient, template), template, values, deliveryKey);
    }

    /**
     * A notice to staff that is no step of a case (the mailbox is full, a chat message reached a closed case), through
     * the outbox: it leaves in office hours (R11; {@link QueuedMail}), once per {@code deliveryKey}, in the caller's
     * transaction of its own (the outbox row and its delivery job together; a failure leaves the caller's work alone), or
     * in the engine's command that calls it.
     */
    public void queueToStaff(MailRecipient recipient, String template, Map<String, Object> values, String deliveryKey) {
        String key = QueuedMail.KEY_PREFIX + deliveryKey;
        Runnable queue = () -> {
            if (sentMails.findByDeliveryKey(key).isEmpty()) {
                // a team of handlers with a mailbox of its own hears of its tasks there ({@link #TASK_GROUPS})
                String to = recipient == MailRecipient.HANDLERS ? handlersAddress(values) : requireStaffAddress(recipient, template);
                sentMails.save(composeWithoutCase(to, template, values, key));
                queuedMail.scheduleInAnyCommand(key);
            }
        };
        if (org.camunda.bpm.engine.impl.context.Context.getCommandContext() != null) {
            queue.run(); // inside the engine's command: the row and the job in its transaction, together
        } else {
            newTransaction.executeWithoutResult(status -> queue.run());
        }
    }

    /**
     * The outbox row of {@code deliveryKey}, whose sending failed just now (the mail server is down), delivered by a job
     * that tries again until the server takes it ({@link QueuedMail}); in the caller's transaction, so that work
     * rolled back (a mail read again) leaves no second delivery.
     */
    public void deliverLater(String deliveryKey) {
        queuedMail.scheduleInAnyCommand(deliveryKey);
    }

    /** Whether the queued outbox row of {@code key} is a mail to a mailbox of staff. */
    boolean isForStaff(String key) {
        return newTransaction.execute(status -> sentMails.findByDeliveryKey(key)).map(copy -> isStaffAddress(copy.getRecipient()))
                .orElse(false);
    }

    private String requireStaffAddress(MailRecipient recipient, String template) {
        String to = staffAddress(recipient);
        if (to == null) {
            throw new IllegalStateException("No staff address for " + recipient + " (mail " + template + ")");
        }
        return to;
    }

    private void deliver(String to, String subject, String text, String html, String messageId, String template) {
        MimeMessage message = mailSender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(to);
            if (!isStaffAddress(to)) {
                // a complainant presses Reply: the answer must reach the mailbox we read, not the sender address
                helper.setReplyTo(properties.contactAddress());
            }
            helper.setSubject(subject);
            if (html == null) {
                helper.setText(text);
            } else {
                helper.setText(text, html);
            }
            if (messageId != null) {
                // JavaMailSenderImpl keeps an explicitly set Message-ID when it saves the message
                message.setHeader("Message-ID", messageId);
            }
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
            case OTHER_PARTY, AFFECTED_USER, AFFECTED_USER_BEFORE -> (String) values.get(recipient.addressVariable());
            case HANDLERS -> handlersAddress(values);
            case TEAM_LEAD, DIRECTORS -> staffAddress(recipient);
        };
        // an address stored before only the bare one was taken ("jan@voorbeeld.nl(2)") still reaches its mailbox
        String bare = EmailAddresses.bare(address);
        if (bare == null) {
            throw new IllegalStateException("No valid address for " + recipient + " on case " + complaint.getReference());
        }
        return bare;
    }

    /** Whether {@code address} is the shared mailbox of a group of staff (team leads, handlers, a team's own, the board). */
    public boolean isStaffAddress(String address) {
        return Stream.concat(Arrays.stream(MailRecipient.values()).map(this::staffAddress), properties.groupAddresses().values().stream())
                .anyMatch(staff -> staff != null && staff.trim().equalsIgnoreCase(address.trim()));
    }

    /** The shared mailbox of a group of staff; null for people outside HomePair. */
    /** The handlers' mailbox, or that of the team the task's groups ({@link #TASK_GROUPS}) name when it has one. */
    private String handlersAddress(Map<String, Object> values) {
        return values.get(TASK_GROUPS) instanceof Collection<?> groups
                ? properties.handlersAddressOf(groups.stream().map(String::valueOf).toList()) : properties.handlersAddress();
    }

    private String staffAddress(MailRecipient recipient) {
        return switch (recipient) {
            case TEAM_LEAD -> properties.teamLeadAddress();
            case HANDLERS -> properties.handlersAddress();
            case DIRECTORS -> properties.directorsAddress();
            case COMPLAINANT, OTHER_PARTY, AFFECTED_USER, AFFECTED_USER_BEFORE -> null;
        };
    }
}
