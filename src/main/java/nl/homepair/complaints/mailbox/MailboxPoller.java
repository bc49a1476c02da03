package nl.homepair.complaints.mailbox;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.MessageIDTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SearchTerm;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import nl.homepair.complaints.diagnostics.Outage;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import nl.homepair.complaints.intake.EvidenceUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the contact mailbox over IMAP(S) (R3). Each mail is handled in its own
 * transaction and then moved to the processed folder; one that cannot be read, or that
 * holds no usable complaint (e.g. no valid sender address), is moved to the folder for
 * manual handling and a handler gets a task. Any other failure (database, engine) leaves
 * the mail where it is for the next poll. A crash between handling and moving is
 * harmless: the Message-ID is remembered with what the mail became (also a handler's task
 * for a mail set aside), so the mail is only moved next time.
 *
 * <p>In a cluster only the node that holds the lease {@value #LEASE} reads the mailbox
 * (see {@link ClusterLease}); the others skip their polls until the holder stops extending it.
 * The unique Message-ID of {@code processed_mail} stays the last line: a node that lost the
 * lease in the middle of a mail cannot store that mail a second time.
 */
@Component
public class MailboxPoller {

    public static final String MANUAL_PROCESS_KEY = nl.homepair.complaints.complaint.ComplaintProcess.MANUAL_MAIL_PROCESS_KEY;
    /** On a mail set aside: the case it is about, when known (a complainant's answer from another address). */
    public static final String VAR_MAIL_CASE_REFERENCE = nl.homepair.complaints.complaint.ComplaintProcess.VAR_MAIL_CASE_REFERENCE;
    /** The case the mail named when it was set aside; not on the form, so a person cannot change it. */
    public static final String VAR_MAIL_NAMED_CASE = "mailNamedCase";
    /** A second case a set-aside mail names (its subject one case, its words another): that case waits for it too. */
    public static final String VAR_MAIL_ALSO_NAMED_CASE = "mailAlsoNamedCase";
    /** The sender's address of a set-aside mail; not on the form. */
    public static final String VAR_MAIL_SENDER = nl.homepair.complaints.complaint.ComplaintProcess.VAR_MAIL_SENDER;
    /** The name of the mailbox's row in {@code cluster_lease}. */
    public static final String LEASE = "mailbox";
    static final int MAX_TRIES = 3;
    /** How many envelopes one fetch reads, between two extensions of the lease. */
    static final int FETCH_PAGE = 200;
    /** Files of a mail set aside that are kept in the handler's task; the rest stays in the folder. */
    static final int MAX_FILES_KEPT = 20;

    /** Failed attempts per Message-ID, kept in memory: a restart simply gives a mail new tries. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxProperties properties;
    private final IncomingMailHandler handler;
    private final RuntimeService runtimeService;
    private final ClusterLease lease;
    private volatile boolean stopping;
    private boolean holding;
    private final ManualMailTasks manualTasks;
    /** When this node made the new complaints and handler tasks of the last hour from mails (see {@link #hourIsFull}). */
    private final Deque<Instant> newWork = new ArrayDeque<>();
    /** How long the mailbox may be out of this node's reach before the log says so as an error. */
    static final Duration OUTAGE_ALARM = Duration.ofMinutes(15);
    /** Since when this node's polls fail to reach the mailbox (the system clock, as the lease's); null while they reach it. */
    private volatile Instant unreachableSince;
    private volatile Instant unreachableLoggedAt;
    /** Whether this node's last poll reached the mailbox (not: left it to the node that holds the lease). */
    private volatile boolean connected;
    /** Where a poll that read the whole inbox says so; null in tests that do not look. */
    private final MailboxReadMark readMark;

    public MailboxPoller(MailboxProperties properties, IncomingMailHandler handler, RuntimeService runtimeService,
                         ClusterLeases leases) {
        this(properties, handler, runtimeService, leases, null);
    }

    @Autowired
    public MailboxPoller(MailboxProperties properties, IncomingMailHandler handler, RuntimeService runtimeService,
                         ClusterLeases leases, MailboxReadMark readMark) {
        this.readMark = readMark;
        this.properties = properties;
        this.handler = handler;
        this.runtimeService = runtimeService;
        this.manualTasks = new ManualMailTasks(handler, runtimeService);
        this.lease = leases.lease(LEASE, properties.leaseDuration() != null ? properties.leaseDuration() : Duration.ofMinutes(2));
    }

    /**
     * A node that does not read the contact mailbox says so once, at its start: in production the mailbox is off unless
     * {@code MAILBOX_ENABLED=true}, and a forgotten variable otherwise left mail to the contact address unread in silence.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void sayWhenOff() {
        if (!properties.enabled()) {
            log.warn("This node does not read the contact mailbox (MAILBOX_ENABLED is not true): complaints, answers and "
                    + "objections mailed to the contact address are not taken in by it");
        }
    }

    @Scheduled(fixedDelayString = "${homepair.mailbox.poll-interval:PT1M}", initialDelayString = "PT10S")
    public void pollIfEnabled() {
        if (properties.enabled()) {
            try {
                connected = false;
                if (readMark != null) {
                    readMark.tryingToRead();
                }
                poll();
                if (connected && unreachableSince != null) {
                    log.info("Contact mailbox {}:{} reachable again (not since {})", properties.host(), properties.port(),
                            unreachableSince);
                    unreachableSince = null;
                    unreachableLoggedAt = null;
                }
            } catch (MessagingException e) {
                // the mailbox is unreachable: nothing was taken from it, the next poll tries again
                logUnreachable(e, Instant.now());
            } catch (DataAccessException e) {
                // the lease could not be read: the database is away, and with it everything a mail would need
                log.warn("Contact mailbox not read, the database is not reachable: {}", CauseChain.of(e));
            }
        } else if (readMark != null) {
            readMark.sayIfTheReaderIsGone();
        }
    }

    /**
     * A refused login is a configuration to mend now (ERROR at once); a server that does not answer may be a moment's
     * outage (WARN), until it lasts {@link #OUTAGE_ALARM}: then an ERROR, once an hour, says that no mail is read.
     * No mail is read means cases that wait for an answer wait on (the read mark stands still), and complaints by mail
     * wait in the inbox unanswered.
     */
    private void logUnreachable(MessagingException e, Instant now) {
        if (unreachableSince == null) {
            unreachableSince = now;
        }
        boolean alarm = e instanceof AuthenticationFailedException
                || Duration.between(unreachableSince, now).compareTo(OUTAGE_ALARM) >= 0;
        if (alarm && (unreachableLoggedAt == null || Duration.between(unreachableLoggedAt, now).compareTo(Duration.ofHours(1)) >= 0)) {
            unreachableLoggedAt = now;
            log.error(e instanceof AuthenticationFailedException
                    ? "Contact mailbox {}:{} refuses this node's login (check MAILBOX_USER and MAILBOX_PASSWORD), since {}: "
                            + "this node reads no mail and leaves the mailbox to another node: {}"
                    : "Contact mailbox {}:{} not reachable from this node since {}: this node reads no mail and leaves the "
                            + "mailbox to another node: {}",
                    properties.host(), properties.port(), unreachableSince, e.getMessage());
        } else if (e instanceof AuthenticationFailedException) {
            // said an hour ago as what it is; "not reachable" at every poll would send the reader after the network
            log.debug("Contact mailbox {}:{} still refuses this node's login: {}", properties.host(), properties.port(),
                    e.getMessage());
        } else {
            log.warn("Contact mailbox {}:{} not reachable: {}", properties.host(), properties.port(), e.getMessage());
        }
    }

    /**
     * Handles every mail in the inbox when this node holds (or can take) the mailbox's lease;
     * returns how many were handled or set aside, 0 when another node reads the mailbox.
     */
    public synchronized int poll() throws MessagingException {
        if (stopping || !holdLease()) {
            return 0;
        }
        Instant pollStart = ClockUtil.getCurrentTime().toInstant();
        Store store;
        try {
            store = connect();
            connected = true;
        } catch (MessagingException e) {
            // a node that cannot reach the mailbox (a password changed on one node only, a firewall) gives its turn to
            // one that may: held until it expired, extended at every poll, no node would ever read a mail
            letAnotherNodeRead();
            throw e;
        }
        boolean readThrough = true;
        try {
            Folder inbox = store.getFolder(properties.folder());
            Folder done = folder(store, properties.processedFolder());
            Folder manual = folder(store, properties.manualFolder());
            inbox.open(Folder.READ_WRITE);
            int count = 0;
            int held = 0;
            cannotSendThisPoll = false;
            Instant readUntil = pollStart;
            try {
                Message[] messages = inbox.getMessages();
                FetchProfile envelopes = new FetchProfile();
                envelopes.add(FetchProfile.Item.ENVELOPE);
                envelopes.add(FetchProfile.Item.FLAGS);
                for (int i = 0; i < messages.length; i++) {
                    if (stopping) {
                        readThrough = false;
                        break;
                    }
                    if (i % FETCH_PAGE == 0) {
                        // subjects and flags a page at a time, in one round trip each, not one per mail; the lease is
                        // extended before each page, so that a slow server with a full inbox (a wave of spam held back
                        // by the hourly limit) never lets it expire during one long fetch and the nodes take turns
                        // without reading a mail
                        if (i > 0 && !holdLease()) {
                            readThrough = false;
                            break;
                        }
                        inbox.fetch(Arrays.copyOfRange(messages, i, Math.min(messages.length, i + FETCH_PAGE)),
                                envelopes);
                    }
                    Message message = messages[i];
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue; // moved by a poll that ended before the inbox was closed
                    }
                    Instant now = ClockUtil.getCurrentTime().toInstant();
                    if (hourIsFull(now) && !handler.namesAKnownCase(subjectOf(message), senderOf(message))) {
                        held++; // stays unread in the inbox until the hour has room; a reply to a case goes on
                        // an answer without its reference in the subject may be among them: the inbox counts as read
                        // only up to the first mail left in it, so a case waiting for an answer does not close meanwhile
                        Instant arrived = IncomingMail.received((MimeMessage) message, now);
                        readUntil = arrived.isBefore(readUntil) ? arrived : readUntil;
                        continue;
                    }
                    if (!holdLease()) {
                        readThrough = false;
                        break; // the lease went to another node while we worked: it reads the rest
                    }
                    try {
                        handleOne(inbox, message, done, manual, now);
                    } catch (IncomingMail.ConnectionLost e) {
                        // the connection broke while this mail was read: the next poll reads it again, and a mail
                        // on which the server breaks every time goes to a person, so it cannot stall the inbox
                        String id = idOf(message);
                        int tries = failures.merge(id, 1, Integer::sum);
                        if (tries < MAX_TRIES) {
                            throw e;
                        }
                        countIf(giveUp(inbox, message, manual, id, "De mailserver verbrak " + tries + " keer de verbinding"
                                + " bij het lezen van deze e-mail; bekijk hem in de mailbox.", now), now);
                    } catch (RuntimeException e) {
                        // not even set aside (the database or the engine is away): it stays in the inbox for
                        // the next poll, and the mails after it are still read
                        // (the inbox still counts as read through: one mail that fails every time must not keep
                        // every case that waits for an answer open; the error is in the log for the administrator)
                        log.error("Mail {} was neither handled nor set aside; it stays in the inbox: {}",
                                IncomingMail.describe(message), CauseChain.of(e));
                    }
                    count++;
                }
            } finally {
                inbox.close(true);
            }
            yieldIfThisNodeCannotSend(ClockUtil.getCurrentTime().toInstant());
            if (readThrough && readMark != null) {
                try {
                    readMark.readUntil(readUntil);
                    readMark.polled();
                } catch (DataAccessException e) {
                    log.warn("Not recorded that the contact mailbox was read through: {}", CauseChain.of(e));
                }
            }
            if (held > 0) {
                log.warn("{} mails wait in the contact mailbox: {} new complaints or set-aside mails within the hour, the limit "
                        + "(homepair.mailbox.max-new-complaints-per-hour)", held, newWork.size());
                try {
                    handler.mailboxFull(held, properties.maxNewComplaintsPerHour(), ClockUtil.getCurrentTime().toInstant());
                } catch (RuntimeException e) {
                    log.warn("Team leads not told of the full contact mailbox: {}", CauseChain.of(e));
                }
            }
            return count;
        } finally {
            store.close();
        }
    }

    /** Reads and handles one mail, or sets it aside for a person; a lost connection ends the poll. */
    private void handleOne(Folder inbox, Message message, Folder done, Folder manual, Instant now) throws MessagingException {
        IncomingMail mail = null;
        try {
            mail = IncomingMail.read((MimeMessage) message, now, properties.authservId());
            // a mail handled by an earlier poll that could not move it (a full quota, a folder refused) is only moved:
            // counted again at every poll, such mails filled the hour and no new complaint by mail was taken in
            boolean before = handler.alreadyHandled(mail.messageId());
            ProcessedMail result = handler.handle(mail);
            if (!before && (result.getOutcome() == ProcessedMail.Outcome.NEW_COMPLAINT
                    || (result.getOutcome() == ProcessedMail.Outcome.REFUSED && result.getReference() == null))) {
                newWork.addLast(now); // a new case, or an answer to an address no case knows
            }
            log.info("Mail {} handled: {} {}", IncomingMail.describe(message), result.getOutcome(),
                    result.getReference() == null ? "" : result.getReference());
            // MANUAL: set aside by a poll that ended before the mail left the inbox
            move(inbox, message, result.getOutcome() == ProcessedMail.Outcome.MANUAL ? manual : done);
        } catch (IncomingMail.UnreadableMailException e) {
            // counted once: a mail set aside before that could not be moved is only moved now
            boolean first = setAside(message, e.getMessage(), now);
            move(inbox, message, manual);
            countIf(first, now);
        } catch (InvalidSubmissionException e) {
            // the mail was read: its text and files go to the person with it
            boolean first = setAside(message, e.summary(), now, mail);
            move(inbox, message, manual);
            countIf(first, now);
        } catch (ManualHandlingNeeded e) {
            boolean first = setAside(message, e.getMessage(), now, e.mail(), e.caseReference(), e.mentionedReference(),
                    e.alsoNamedReference(), e.caseNote());
            move(inbox, message, manual);
            countIf(first, now);
        } catch (RuntimeException e) {
            if (Outage.isMailServerUnreachable(e)) {
                cannotSendThisPoll = true;
            }
            if (Outage.isOutage(e) || ConcurrentChange.isConcurrentChange(e)) {
                // the mail server or the database is away (an answer that cannot leave, a commit that
                // cannot be made), or a case changed meanwhile: nothing about this mail; it waits in the
                // inbox for the next poll however long that takes, and does not count as a try
                log.warn("Mail {} waits for the next poll: {}", IncomingMail.describe(message), CauseChain.of(e));
                return;
            }
            // not about this mail alone (the engine) or a fault of ours: try again next time, and
            // after a few tries hand it to a person, so one mail never blocks the rest
            String id = idOf(message);
            int tries = failures.merge(id, 1, Integer::sum);
            log.warn("Mail {} failed ({} of {}): {}", IncomingMail.describe(message), tries, MAX_TRIES,
                    CauseChain.of(e));
            if (tries >= MAX_TRIES) {
                giveUp(inbox, message, manual, id, "Automatische verwerking mislukte " + tries + " keer ("
                        + e.getClass().getSimpleName() + ").", now);
            }
        }
    }

    private void countIf(boolean newWorkForAPerson, Instant now) {
        if (newWorkForAPerson) {
            newWork.addLast(now);
        }
    }

    /**
     * A mail that failed {@link #MAX_TRIES} times goes to a person, with what went wrong; its count is forgotten.
     * Returns whether it became a person's task now (not set aside before).
     */
    private boolean giveUp(Folder inbox, Message message, Folder manual, String id, String problem, Instant now)
            throws MessagingException {
        boolean first = setAside(message, problem, now);
        move(inbox, message, manual);
        failures.remove(id);
        return first;
    }

    /**
     * Whether this node made {@code max-new-complaints-per-hour} new complaints or handler tasks (a mail
     * set aside) from mails within the hour before {@code now}: each is work for a person. Counted in
     * memory: one node reads the mailbox at a time, and a node that takes over (or restarts) starts a
     * fresh hour.
     */
    private boolean hourIsFull(Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        while (!newWork.isEmpty() && !newWork.peekFirst().isAfter(hourAgo)) {
            newWork.removeFirst();
        }
        return newWork.size() >= properties.maxNewComplaintsPerHour();
    }

    private static String senderOf(Message message) {
        try {
            jakarta.mail.Address[] from = message.getFrom();
            return from != null && from.length > 0 && from[0] instanceof jakarta.mail.internet.InternetAddress sender
                    ? sender.getAddress() : null;
        } catch (MessagingException e) {
            return null; // read in full later, when the hour has room
        }
    }

    private static String subjectOf(Message message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return ""; // read in full later, when the hour has room
        }
    }

    /** Takes or extends the lease; logs when this node starts or stops reading the mailbox. */
    private boolean holdLease() {
        boolean now = lease.acquire();
        if (now != holding) {
            log.info(now ? "This node ({}) reads the contact mailbox now" : "This node ({}) no longer reads the contact mailbox",
                    lease.owner());
            holding = now;
        }
        return now;
    }

    /**
     * A mail this poll handled needed an answer that could not leave (this node's mail server connection: a password
     * changed on this node only, its firewall), so the mail stays in the inbox for the next poll; after
     * {@link #CANNOT_SEND_HANDOVER} of that, this node gives its turn to another, which may be able to send. When no node
     * can (the mail server itself is down) they take turns, each trying the mails again, which loses nothing.
     */
    private void yieldIfThisNodeCannotSend(Instant now) {
        if (!cannotSendThisPoll) {
            if (cannotSendLogged) {
                log.info("Contact mailbox: this node sends the answers its mails need again");
            }
            cannotSendSince = null;
            cannotSendLogged = false;
            return;
        }
        if (cannotSendSince == null) {
            cannotSendSince = now;
        } else if (!now.isBefore(cannotSendSince.plus(CANNOT_SEND_HANDOVER))) {
            if (!cannotSendLogged) {
                log.error("Contact mailbox: this node cannot send the answers its mails need since {}; another node may read"
                        + " the mailbox (check this node's SMTP settings)", cannotSendSince);
                cannotSendLogged = true;
            }
            letAnotherNodeRead();
            cannotSendSince = null; // the next time this node reads, it has its own ten minutes
        }
    }

    /** How long a node that cannot send the answers its mails need keeps reading the mailbox. */
    static final Duration CANNOT_SEND_HANDOVER = Duration.ofMinutes(10);

    /** Whether a mail of the current poll waits for the next because its answer could not be sent. */
    private boolean cannotSendThisPoll;

    /** Since when the polls of this node could not send an answer; null when the last could, or needed none. */
    private Instant cannotSendSince;

    private boolean cannotSendLogged;

    /**
     * Gives the lease up without logging that this node stops reading: it tries again at its next poll, and the log
     * says it no longer reads when another node took the mailbox meanwhile.
     */
    private void letAnotherNodeRead() {
        try {
            lease.release();
        } catch (DataAccessException e) {
            log.warn("Mailbox lease not released, it expires by itself: {}", CauseChain.of(e));
        }
    }

    /** On a normal stop another node may take the mailbox over at once, instead of after the lease. */
    @PreDestroy
    void releaseLease() {
        stopping = true;
        synchronized (this) {
            if (holding) {
                try {
                    lease.release();
                } catch (DataAccessException e) {
                    log.warn("Mailbox lease not released, it expires by itself: {}", CauseChain.of(e));
                }
                holding = false;
            }
        }
    }

    private static String idOf(Message message) {
        try {
            String[] ids = message.getHeader("Message-ID");
            return ids != null && ids.length > 0 ? ids[0] : "#" + message.getMessageNumber() + message.getSubject();
        } catch (MessagingException e) {
            return "#" + message.getMessageNumber();
        }
    }

    private Store connect() throws MessagingException {
        Properties session = new Properties();
        session.put("mail.store.protocol", properties.protocol());
        session.put("mail." + properties.protocol() + ".connectiontimeout", "10000");
        session.put("mail." + properties.protocol() + ".timeout", "30000");
        Store store = Session.getInstance(session).getStore(properties.protocol());
        store.connect(properties.host(), properties.port(), properties.username(), properties.password());
        return store;
    }

    /**
     * The original mails in the processed and manual folders that arrived before {@code before} (R13): the case
     * holds what they said; the nightly clean-up removes them after the retention period. 0 when no node of the
     * cluster ever read a mailbox; refused on a node that does not read it while another does (or did).
     */
    public int deleteFiledMailReceivedBefore(Instant before) throws MessagingException {
        return deleteFiled(new ReceivedDateTerm(ComparisonTerm.LT, Date.from(before)), message -> true);
    }

    /** The original mails from this address in the processed and manual folders: erasure on request (R13). */
    public int deleteFiledMailFrom(String address) throws MessagingException {
        String wanted = address.strip();
        // the server's FROM search matches part of the address ("erik@" in "henk.erik@"): the address itself decides
        // also a mail sent for them from a no-reply address, with their address to answer to (another site's form)
        return deleteFiled(new jakarta.mail.search.OrTerm(new FromStringTerm(wanted),
                new jakarta.mail.search.HeaderTerm("Reply-To", wanted)), message -> {
            Address[] from = message.getFrom();
            Address[] replyTo = message.getHeader("Reply-To") == null ? null : message.getReplyTo();
            return Arrays.stream(from == null ? new Address[0] : from).anyMatch(a -> is(a, wanted))
                    || Arrays.stream(replyTo == null ? new Address[0] : replyTo).anyMatch(a -> is(a, wanted));
        });
    }

    private static boolean is(Address address, String wanted) {
        return address instanceof InternetAddress internet && internet.getAddress() != null
                && internet.getAddress().equalsIgnoreCase(wanted);
    }

    /** The original mails with these Message-IDs in the processed and manual folders: a case's set-aside mails (R13). */
    public int deleteFiledMailWithIds(Collection<String> messageIds) throws MessagingException {
        Set<String> wanted = new HashSet<>();
        messageIds.forEach(id -> wanted.add(bare(id)));
        if (wanted.isEmpty()) {
            return 0;
        }
        SearchTerm any = new OrTerm(wanted.stream().map(MessageIDTerm::new).toArray(SearchTerm[]::new));
        return deleteFiled(any, message -> {
            String[] ids = message.getHeader("Message-ID");
            return ids != null && Arrays.stream(ids).anyMatch(id -> wanted.contains(bare(id)));
        });
    }

    private static String bare(String messageId) {
        return messageId.strip().replaceAll("^<|>$", "");
    }

    private interface MessageTest {
        boolean test(Message message) throws MessagingException;
    }

    /**
     * Whether this node reads the contact mailbox ({@code MAILBOX_ENABLED}); a node that does not has no business with
     * its folders, not even when it has the connection settings (they may be the default run's).
     */
    public boolean readsHere() {
        return properties.enabled();
    }

    private int deleteFiled(SearchTerm search, MessageTest which) throws MessagingException {
        if (!properties.enabled()) {
            if (readMark != null && readMark.everReadInTheCluster()) {
                // "0 removed" would tell a privacy officer that nothing of the person is left there
                throw new MessagingException("this node does not read the contact mailbox; another node of the cluster does"
                        + " (or did)");
            }
            return 0; // no mailbox in the cluster: nothing can be filed there
        }
        Store store = connect();
        try {
            int deleted = 0;
            for (String name : List.of(properties.processedFolder(), properties.manualFolder())) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_WRITE);
                try {
                    List<Message> found = new ArrayList<>();
                    for (Message message : folder.search(search)) {
                        if (which.test(message)) {
                            found.add(message);
                        }
                    }
                    if (!found.isEmpty()) {
                        folder.setFlags(found.toArray(Message[]::new), new Flags(Flags.Flag.DELETED), true);
                    }
                    deleted += found.size();
                } finally {
                    folder.close(true); // expunges what was marked
                }
            }
            return deleted;
        } finally {
            store.close();
        }
    }

    /** When each folder the server refused to make was last said in the log. */
    private static final Map<String, Instant> REFUSED_FOLDERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Folder folder(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            if (!folder.create(Folder.HOLDS_MESSAGES)) {
                // the mails are still handled (processed_mail keeps each once), but they stay in the inbox; said once an
                // hour, not at every poll
                Instant now = Instant.now();
                Instant said = REFUSED_FOLDERS.get(name);
                if (said == null || said.isBefore(now.minus(Duration.ofHours(1)))) {
                    REFUSED_FOLDERS.put(name, now);
                    log.error("The contact mailbox's server refused to create folder {}: handled mails stay in the inbox. Create"
                            + " it, or name one the server allows (MAILBOX_PROCESSED_FOLDER, MAILBOX_MANUAL_FOLDER; e.g. INBOX.{})",
                            name, name);
                }
            } else {
                // the first start makes it; later, someone renamed or removed it, and the mails in the old one are
                // outside the retention period's and an erasure's reach
                log.warn("Folder {} of the contact mailbox did not exist and was made. On a first start that is all; else it"
                        + " was renamed or removed, and the mails in the old folder are no longer deleted after the retention"
                        + " period or by an erasure: move them back into {}", name, name);
            }
        }
        return folder;
    }

    /**
     * Moves a mail that was handled or set aside out of the inbox. When the server refuses the
     * copy (the folder was removed meanwhile, a quota, a permission), the mail stays in the inbox
     * and the poll goes on with the next one: it was stored by its Message-ID, so the next poll
     * only moves it. A lost connection still ends the poll.
     */
    private void move(Folder from, Message message, Folder to) throws FolderClosedException, StoreClosedException {
        try {
            from.copyMessages(new Message[] {message}, to);
            message.setFlag(Flags.Flag.DELETED, true);
        } catch (FolderClosedException | StoreClosedException connectionLost) {
            throw connectionLost;
        } catch (MessagingException e) {
            log.warn("Mail {} was handled but not moved to {}; it stays in the inbox until a poll can move it: {}",
                    IncomingMail.describe(message), to.getName(), e.getMessage());
        }
    }

    private boolean setAside(Message message, String problem, Instant now) {
        return setAside(message, problem, now, null);
    }

    /**
     * Starts the handler's task. A mail that could be read keeps its text and files in the
     * task (variables {@code mailText}, {@code mailAttachments} and file variables
     * {@code mailAttachment1}...), so nothing the sender sent is lost.
     */
    private boolean setAside(Message message, String problem, Instant now, IncomingMail mail) {
        return setAside(message, problem, now, mail, null);
    }

    private boolean setAside(Message message, String problem, Instant now, IncomingMail mail, String caseReference) {
        return setAside(message, problem, now, mail, caseReference, null, null, null);
    }

    /**
     * @param caseReference      the case the mail is about (its answer may be in it), or null
     * @param mentionedReference a case the mail only mentions, whose erasure takes it along (a bounce), or null
     * @param alsoNamedReference a second case the mail names, which waits for it too, or null
     * @param caseNote           a line for the mentioned case's timeline (a bounce), or null
     */
    private boolean setAside(Message message, String problem, Instant now, IncomingMail mail, String caseReference,
                             String mentionedReference, String alsoNamedReference, String caseNote) {
        String from;
        String subject;
        try {
            from = message.getFrom() == null || message.getFrom().length == 0 ? "onbekend"
                    : IncomingMail.headerText(message.getFrom()[0].toString());
            subject = message.getSubject() == null ? "(geen onderwerp)" : IncomingMail.headerText(message.getSubject());
        } catch (MessagingException e) {
            from = "onbekend";
            subject = "(onleesbaar)";
        }
        log.warn("Mail {} cannot be read ({}); moved to {}", IncomingMail.describe(message), problem, properties.manualFolder());
        // the two working days to handle it run from when it arrived, not from when it was set aside (a mail
        // that failed for a while, an outage over the weekend)
        Instant received;
        try {
            received = mail != null ? mail.receivedAt() : IncomingMail.received((MimeMessage) message, now);
        } catch (MessagingException | RuntimeException e) {
            received = now;
        }
        String id = mail != null ? mail.messageId() : IncomingMail.idOf((MimeMessage) message, now);
        if (mail == null && caseReference == null) {
            caseReference = handler.caseOfUnreadable(subjectOf(message), senderOf(message));
        }
        ManualMailTasks.Message setAside = new ManualMailTasks.Message(from, subject,
                "de map " + properties.manualFolder() + " van de contactmailbox", problem,
                received, caseReference, mail == null ? null : mail.senderAddress(), mail == null ? null : mail.text(),
                mail == null ? List.of() : mail.attachments(), true, mentionedReference, alsoNamedReference,
                mail == null ? null : mail.noReplyAnswersTo(), caseNote);
        if (mail != null && mail.authenticationFailed()) {
            setAside = setAside.unverified();
        }
        if (mail != null && mail.onlyCopiedTo(handler::isOurs)) {
            setAside = setAside.inCopyOnly();
        }
        boolean first = manualTasks.start(id, setAside, IncomingMail.describe(message));
        if (!first) {
            log.info("Mail {} was set aside before; no second task", IncomingMail.describe(message));
        }
        return first;
    }
}
