package nl.homepair.complaints.privacy;

import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.mailbox.MailboxPoller;
import nl.homepair.complaints.mailbox.ProcessedMail;
import nl.homepair.complaints.mailbox.ProcessedMailRepository;
import nl.homepair.complaints.tasklist.TaskNames;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import nl.homepair.complaints.text.Sha256;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The privacy lifecycle (R13): closed cases are anonymised after the retention period,
 * a complainant's data can be exported and erased on request. Anonymising covers the
 * application's tables (complaint, evidence, mail copies, timeline texts) and the
 * engine's history variables, where the case file of each task was kept. Mails that belong
 * to no case are in the outbox only for a short while, and erased on request too.
 */
@Service
public class PrivacyService {

    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);

    private final ComplaintRepository complaints;
    private final SentMailRepository sentMails;
    private final CaseTimeline timeline;
    private final ErasureRecordRepository erasures;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final TaskNames taskNames;
    private final PrivacyProperties properties;
    private final MailboxPoller mailbox;
    private final CaseSteps steps;
    private final ClusterLease lease;
    private final ClusterLease folderLease;
    private final TransactionTemplate transactions;
    private final EngineTraces engineTraces;
    private final ProcessedMailRepository processedMails;
    private org.springframework.beans.factory.ObjectProvider<CaseMailer> mailer;

    @org.springframework.beans.factory.annotation.Autowired
    void setMailer(org.springframework.beans.factory.ObjectProvider<CaseMailer> mailer) {
        this.mailer = mailer;
    }

    /** The lease of the nightly clean-up; far longer than a night's clean-up takes. */
    static final String LEASE = "privacy-clean-up";

    /** The lease of the nightly clean-up of the contact mailbox's folders, among the nodes that read it. */
    static final String FOLDER_LEASE = "mailbox-folder-clean-up";

    private final nl.homepair.complaints.mediation.OtherParties otherParties;

    public PrivacyService(ComplaintRepository complaints, SentMailRepository sentMails, CaseTimeline timeline,
                          ErasureRecordRepository erasures, RuntimeService runtimeService, HistoryService historyService,
                          PrivacyProperties properties, TaskNames taskNames, CaseSteps steps, ClusterLeases leases,
                          PlatformTransactionManager transactionManager, MailboxPoller mailbox, EngineTraces engineTraces,
                          ProcessedMailRepository processedMails, nl.homepair.complaints.mediation.OtherParties otherParties) {
        this.otherParties = otherParties;
        this.mailbox = mailbox;
        this.processedMails = processedMails;
        this.engineTraces = engineTraces;
        this.lease = leases.lease(LEASE, Duration.ofHours(1));
        this.folderLease = leases.lease(FOLDER_LEASE, Duration.ofHours(1));
        // a case at a time, also when called inside a transaction: one that fails does not undo the others
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.taskNames = taskNames;
        this.steps = steps;
        this.complaints = complaints;
        this.sentMails = sentMails;
        this.timeline = timeline;
        this.erasures = erasures;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.properties = properties;
    }

    /**
     * Every night, on one node: every node is scheduled at the same moment, and two clean-ups
     * of the same cases at once made one of them fail and roll back. The node that holds the
     * lease does it; a node that finds it held leaves it to that one.
     */
    @Scheduled(cron = "${homepair.privacy.cleanup-cron}", zone = DutchDates.ZONE_ID)
    public void nightlyCleanUp() {
        try {
            if (!lease.runIfFree(this::anonymiseExpired)) {
                log.info("Privacy clean-up left to {}, which holds lease '{}'", lease.holder().orElse("another node"), LEASE);
            }
        } finally {
            // on a node that reads the contact mailbox (in a cluster perhaps not the one that anonymised): its folders
            if (mailbox.readsHere() && !folderLease.runIfFree(this::deleteFiledMailPastRetention)) {
                log.info("Clean-up of the contact mailbox's folders left to {}, which holds lease '{}'",
                        folderLease.holder().orElse("another node"), FOLDER_LEASE);
            }
        }
    }

    /**
     * Cases closed longer ago than the retention period lose their personal data; mails that
     * belong to no case leave the outbox after theirs. Each case in a transaction of its own: one
     * that cannot be anonymised (its model deleted in Cockpit, say) is named in the log and tried
     * again the next night, while the others are done.
     */
    public int anonymiseExpired() {
        int caseless = transactions.execute(status -> sentMails.deleteCaselessBefore(now().minus(properties.caselessMailRetention())));
        if (caseless > 0) {
            log.info("Deleted {} mails that belong to no case from the outbox", caseless);
        }
        Instant closedBefore = now().minus(properties.retention());
        List<Long> expired = new ArrayList<>(transactions.execute(status -> complaints
                .findByClosedAtBeforeAndAnonymisedAtIsNull(closedBefore).stream().map(Complaint::getId).toList()));
        // a case whose process an administrator deleted (Cockpit) is never closed: without a process for longer than the
        // retention period, nothing can happen to it any more, and it goes as a closed one would
        expired.addAll(transactions.execute(status -> {
            List<Complaint> open = complaints.findByClosedAtIsNullAndAnonymisedAtIsNullAndReceivedAtBefore(closedBefore).stream()
                    .filter(c -> c.getProcessInstanceId() != null).toList();
            java.util.Set<String> running = new HashSet<>();
            // one query per thousand, not one per case
            for (int from = 0; from < open.size(); from += 1000) {
                java.util.Set<String> ids = open.subList(from, Math.min(open.size(), from + 1000)).stream()
                        .map(Complaint::getProcessInstanceId).collect(Collectors.toSet());
                runtimeService.createProcessInstanceQuery().processInstanceIds(ids).list().forEach(p -> running.add(p.getId()));
            }
            return open.stream().filter(c -> !running.contains(c.getProcessInstanceId()))
                    // no process of the case runs under its reference (a restart over REST gives a new id), and the one it
                    // had ended longer ago than the retention period (counted as a closed case's is, from its end)
                    .filter(c -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(c.getReference()).count() == 0)
                    .filter(c -> {
                        var ended = historyService.createHistoricProcessInstanceQuery().processInstanceId(c.getProcessInstanceId())
                                .singleResult();
                        return ended == null || ended.getEndTime() != null && ended.getEndTime().toInstant().isBefore(closedBefore);
                    })
                    .peek(c -> log.warn("Case {} was never closed and its process ended long ago (deleted?); its personal data"
                            + " go now, after the retention period, as a closed case's would", c.getReference()))
                    .map(Complaint::getId).toList();
        }));
        int done = 0;
        for (Long id : expired) {
            try {
                String reference = transactions.execute(status -> {
                    Complaint complaint = complaints.findById(id).orElseThrow();
                    anonymise(complaint, CaseTimeline.SYSTEM, "Persoonsgegevens verwijderd na de bewaartermijn");
                    return complaint.getReference();
                });
                done++;
                if (!mailbox.readsHere()) {
                    // the nightly clean-up of the folders, on the node that reads the mailbox, removes each once it is
                    // older than the retention period (one that came before the case closed: tonight)
                    continue;
                }
                try {
                    eraseSetAsideOriginals(List.of(reference)); // the mailbox is no transaction: after the commit
                } catch (MessagingException | RuntimeException e) {
                    log.warn("Case {}: set-aside mails naming it not deleted from the contact mailbox's folders (they go"
                            + " after the retention period): {}", reference, e.toString());
                }
            } catch (RuntimeException e) {
                log.error("Case {} could not be anonymised after its retention period; tried again next night: {}", id,
                        CauseChain.of(e));
            }
        }
        if (done > 0) {
            log.info("Anonymised {} closed cases past the retention period", done);
        }
        return done;
    }

    /**
     * The address and the same person's other addresses on its cases (before a handler corrected one): an erasure
     * removes the traces of all of them. Asked before the erasure, which forgets them.
     */
    @Transactional(readOnly = true)
    public java.util.Set<String> addressesOf(String email) {
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>(List.of(email.strip().toLowerCase(Locale.ROOT)));
        for (Complaint c : complaints.ofAddress(email)) {
            addresses.add(c.getEmail().toLowerCase(Locale.ROOT));
            addresses.addAll(c.getEarlierEmails());
        }
        return addresses;
    }

    /** A note on each exported case's timeline: who exported the complainant's data, and when (GDPR art. 15; R14). */
    public void exported(List<Complaint> cases, String exportedBy) {
        for (Complaint c : cases) {
            timeline.recordAboutOthers(c, nl.homepair.complaints.complaint.TimelineEventType.NOTE, exportedBy,
                    "Gegevens van de klager geëxporteerd (verzoek om inzage).");
        }
        if (!cases.isEmpty()) {
            log.info("Privacy export by {} of {} case(s): {}", exportedBy, cases.size(),
                    cases.stream().map(Complaint::getReference).collect(Collectors.joining(",")));
        }
    }

    /** Erasure on request (GDPR art. 17): every case of this address, open or closed. */
    @Transactional
    public ErasureRecord erase(String email, String requestedBy) {
        List<Complaint> cases = complaints.ofAddress(email);
        java.util.Set<String> addresses = addressesOf(email);
        for (Complaint c : cases) {
            anonymise(c, requestedBy, "Persoonsgegevens gewist op verzoek van de klager");
        }
        for (String address : addresses) {
            eraseFromHelperProcesses(address, requestedBy);
            sentMails.deleteCaselessAbout(address);
        }
        String references = cases.stream().map(Complaint::getReference).collect(Collectors.joining(","));
        ErasureRecord record = erasures.save(new ErasureRecord(now(), requestedBy, hash(email), references));
        // no address, only what a database restored from a backup of before needs to do this erasure again
        log.info("Erasure {} on request, by {}: cases {}", record.getId(), requestedBy, references.isEmpty() ? "none" : references);
        return record;
    }

    /**
     * The original mails in the contact mailbox's folders (processed, set aside) that arrived longer ago than the
     * retention period: the cases hold what they said, and the folders would otherwise keep every complaint's text
     * and files for ever. Returns how many; -1 when the mailbox could not be reached (tried again the next night).
     */
    public int deleteFiledMailPastRetention() {
        try {
            int deleted = mailbox.deleteFiledMailReceivedBefore(now().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Deleted {} mails past the retention period from the contact mailbox's folders", deleted);
            }
            return deleted;
        } catch (MessagingException | RuntimeException e) {
            log.warn("Mails past the retention period not deleted from the contact mailbox's folders (next night again): {}",
                    e.toString());
            return -1;
        }
    }

    /**
     * The originals in the contact mailbox's folders of the mails set aside for a person that named these cases (an
     * answer from another address): their text and files went with the case's helper processes.
     */
    private int eraseSetAsideOriginals(Collection<String> references) throws MessagingException {
        if (references.isEmpty()) {
            return 0;
        }
        List<String> ids = processedMails.findByOutcomeAndReferenceIn(ProcessedMail.Outcome.MANUAL, references).stream()
                .map(ProcessedMail::getMessageId).toList();
        return ids.isEmpty() ? 0 : mailbox.deleteFiledMailWithIds(ids);
    }

    /**
     * After an erasure: the original mails from those addresses ({@link #addressesOf}), and those set aside naming its
     * cases, in the contact
     * mailbox's folders. Returns how many;
     * null when the mailbox could not be reached: an administrator then removes them by hand (logged).
     */
    public Integer eraseFiledMail(Collection<String> addresses, Collection<String> references) {
        try {
            int deleted = 0;
            for (String address : addresses) {
                deleted += mailbox.deleteFiledMailFrom(address.strip());
            }
            return deleted + eraseSetAsideOriginals(references);
        } catch (MessagingException | RuntimeException e) {
            log.error("Erasure: the original mails of an erased address are still in the contact mailbox's folders (remove"
                    + " them by hand): {}", e.toString());
            return null;
        }
    }

    /**
     * A case erased while the other party, invited to mediate in the chat, still waits for it: during the mediation
     * (they were asked to answer, and would hear nothing more while their messages are refused) or after it failed
     * (they were told HomePair decides now). They get a neutral notice that the complaint is not handled any further
     * (not why: that is the complainant's), as after a withdrawal, only when their invitation left
     * ({@code OtherParties.invited}); a mail that belongs to no case, kept only as long as those are.
     */
    private void tellTheOtherPartyMediationEnded(Complaint complaint, String instance) {
        Object outcome = runtimeService.getVariable(instance, ComplaintProcess.VAR_MEDIATION_OUTCOME);
        boolean mediating = runtimeService.createExecutionQuery().processInstanceId(instance)
                .activityId(ComplaintProcess.TASK_MEDIATE).count() > 0;
        boolean decidingAfterIt = "NOT_RESOLVED".equals(outcome) && runtimeService.createExecutionQuery()
                .processInstanceId(instance).activityId(ComplaintProcess.TASK_DECIDE).count() > 0;
        if (!mediating && !decidingAfterIt) {
            return;
        }
        Object to = runtimeService.getVariable(instance, ComplaintProcess.VAR_OTHER_PARTY_EMAIL);
        Object name = runtimeService.getVariable(instance, ComplaintProcess.VAR_OTHER_PARTY_NAME);
        if (!(to instanceof String address) || address.isBlank() || !otherParties.invitationLeft(complaint.getId())) {
            return;
        }
        try {
            mailer.getObject().sendWithoutCase(address, "bemiddeling-beeindigd-andere-partij", java.util.Map.of(
                    "otherPartyName", name == null ? "" : name.toString(), "reference", complaint.getReference(),
                    "mediationOutcome", outcome == null ? "" : outcome.toString()),
                    "mediation-ended:" + complaint.getReference());
        } catch (RuntimeException e) {
            // the erasure goes on: the person asked for it; the other party is told by hand
            log.warn("Case {} erased during mediation: the other party could not be told the mediation ended (tell them by"
                    + " hand): {}", complaint.getReference(), CauseChain.of(e));
        }
    }

    /**
     * A case that holds this address as someone else than its complainant: the other party of its mediation, or the
     * user a measure was taken against ({@code role} OTHER_PARTY, AFFECTED_USER; MAIL_RECIPIENT: their address was
     * corrected away, the mails sent to it stay). Their name, address, the mails sent to them and what they wrote stay on the case
     * (its mediation notices, the statement of reasons and their own objection need them, DSA art. 17, 20) until the
     * case's data go after the retention period: {@code keptUntil}, null while the case is open.
     */
    public record NamedIn(String reference, String role, String status, Instant keptUntil) {
    }

    /**
     * The cases that name this address as the other party or the affected user, not as their complainant: an export
     * or erasure for such a person answered "no cases" while these still held their data (R13). From the engine's
     * history, as the mailbox finds their mails; the cases of their own complaints are not repeated here.
     */
    @Transactional(readOnly = true)
    public List<NamedIn> namedIn(String email) {
        List<NamedIn> named = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (String[] role : new String[][] {{ComplaintProcess.VAR_OTHER_PARTY_EMAIL, "OTHER_PARTY"},
                {"affectedUserEmail", "AFFECTED_USER"}}) {
            for (String reference : nl.homepair.complaints.mediation.OtherParties.casesWith(historyService, role[0], email)) {
                complaints.findByReference(reference)
                        .filter(c -> c.getAnonymisedAt() == null && !c.isComplainantAddress(email.strip()))
                        // the decision form is filled with the other party as the user a measure would hit: only a
                        // decision that takes a measure against a user makes them that
                        .filter(c -> !"AFFECTED_USER".equals(role[1]) || measureAgainstAUser(c))
                        .ifPresent(c -> {
                            named.add(namedIn(c, role[1]));
                            listed.add(reference);
                        });
            }
        }
        // an address corrected away (the wrong professional invited) is no variable's value any more, but the mails sent
        // to it stay on the case
        sentMails.findByRecipientIgnoreCaseAndComplaintIdIsNotNull(email.strip()).stream().map(SentMail::getComplaintId)
                .distinct().map(complaints::findById).flatMap(Optional::stream)
                .filter(c -> c.getAnonymisedAt() == null && !c.isComplainantAddress(email.strip()) && listed.add(c.getReference()))
                .forEach(c -> named.add(namedIn(c, "MAIL_RECIPIENT")));
        return named;
    }

    private NamedIn namedIn(Complaint c, String role) {
        return new NamedIn(c.getReference(), role, c.getStatus().name(),
                c.getClosedAt() == null ? null : c.getClosedAt().plus(properties.retention()));
    }

    /** Whether the case's decision as it stands (its last value in the history) takes a measure against a user. */
    private boolean measureAgainstAUser(Complaint complaint) {
        if (complaint.getProcessInstanceId() == null) {
            return false;
        }
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(complaint.getProcessInstanceId())
                .variableNameIn(nl.homepair.complaints.complaint.Measure.againstAUser().stream()
                        .map(nl.homepair.complaints.complaint.Measure::key).toArray(String[]::new))
                .list().stream().anyMatch(v -> Boolean.TRUE.equals(v.getValue()));
    }

    /** Everything about one complainant, for a right-of-access request (GDPR art. 15). */
    @Transactional(readOnly = true)
    public List<Complaint> casesOf(String email) {
        return complaints.ofAddress(email);
    }

    private void anonymise(Complaint complaint, String actor, String why) {
        String instance = complaint.getProcessInstanceId();
        boolean own = instance != null && runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() > 0;
        // a restart over REST gives the case a new process under its reference: the case runs, it is not stranded
        boolean stopped = own || runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(complaint.getReference())
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).count() > 0;
        if (own) {
            tellTheOtherPartyMediationEnded(complaint, instance);
            runtimeService.deleteProcessInstance(instance, why, true, true);
        }
        if (stopped) {
            complaint.moveTo(ComplaintStatus.CLOSED, now());
        } else if (complaint.getClosedAt() == null && instance != null) {
            // its process was ended from outside (Cockpit) and never closed it: closed now, or the figures would show it
            // open for ever, in the step it was in
            complaint.close(CaseOutcome.PROCESS_ENDED, now());
            steps.closed(complaint, CaseOutcome.PROCESS_ENDED, now());
        }
        // the case's other processes (the review of a measure the affected user objected to) hold its data too,
        // and would write it back onto the case when they go on
        for (var other : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(complaint.getReference()).list()) {
            // one called by another went with it
            runtimeService.deleteProcessInstanceIfExists(other.getId(), why, true, true, false, false);
        }
        steps.anonymised(complaint, stopped, now());
        List<String> processes = new ArrayList<>();
        for (HistoricProcessInstance historic : historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(complaint.getReference()).list()) {
            historyService.deleteHistoricVariableInstancesByProcessInstanceId(historic.getId());
            taskNames.forgetComplainant(historic.getId());
            processes.add(historic.getId());
        }
        engineTraces.erase(processes);
        eraseSetAsideMailsOf(complaint);
        sentMails.deleteByComplaintId(complaint.getId());
        complaint.anonymise(now());
        timeline.redact(complaint, actor, why);
    }

    /**
     * The address can also sit in the helper processes: a start form that registered a letter
     * (variable {@code email}, kept one day) and a mail set aside for a person (variable
     * {@code mailFrom}, with the mail's text and files). A set-aside mail still waiting for a
     * person is stopped (its task goes; the original in the mailbox's folder goes with
     * {@link #eraseFiledMail}), and the history variables of all of them go.
     */
    private void eraseFromHelperProcesses(String email, String requestedBy) {
        Set<String> instances = new HashSet<>();
        // mailReplyTo: the person a no-reply sender's mail was written for (another site's contact form)
        for (String name : List.of("email", "mailFrom", nl.homepair.complaints.mailbox.ManualMailTasks.VAR_REPLY_TO)) {
            // also a variable the step removed after use (the letter's form): it stays in the history until its clean-up
            historyService.createHistoricVariableInstanceQuery().includeDeleted().variableName(name).list().stream()
                    .filter(v -> v.getValue() instanceof String value && email.equals(addressIn(value)))
                    .forEach(v -> instances.add(v.getProcessInstanceId()));
        }
        tellTheOpenCasesTheyNamed(instances, requestedBy);
        eraseHelperInstances(instances, "Persoonsgegevens gewist op verzoek van de afzender");
    }

    /**
     * A set-aside mail that still waited for a person's choice and named an open case (the other party's reply, a mail
     * from another address): the case waited for that choice, which now never comes. A staff-only line on the case says
     * the message went on the sender's request, so that nobody waits for it or looks for it.
     */
    private void tellTheOpenCasesTheyNamed(Set<String> instances, String requestedBy) {
        for (String instance : instances) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
                continue;
            }
            Set<String> named = new java.util.TreeSet<>();
            // the cases that wait for the choice (as SetAsideAnswers reads them); a case only mentioned (a bounce, a typed
            // reference of someone else) waited for nothing
            for (String name : List.of(MailboxPoller.VAR_MAIL_CASE_REFERENCE, MailboxPoller.VAR_MAIL_NAMED_CASE,
                    MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)) {
                Object value = runtimeService.getVariable(instance, name);
                if (value != null) {
                    ReferenceNumbers.findIn(value.toString()).ifPresent(named::add);
                }
            }
            for (String reference : named) {
                complaints.findByReference(reference)
                        .filter(c -> c.getAnonymisedAt() == null && c.getStatus() != nl.homepair.complaints.complaint.ComplaintStatus.CLOSED)
                        .ifPresent(c -> timeline.recordAboutOthers(c, nl.homepair.complaints.complaint.TimelineEventType.NOTE,
                                requestedBy, "Een e-mail over deze zaak die nog wachtte in 'E-mail handmatig verwerken', is op"
                                        + " verzoek van de afzender gewist (privacy). De zaak wacht er niet meer op en gaat verder"
                                        + " alsof die e-mail niet was binnengekomen."));
            }
        }
    }

    /**
     * Mails set aside for a person with the case named (an answer from another address, a mail after the case closed):
     * the complainant's words and files about the case, kept in the helper process and its history, go with the case.
     */
    private void eraseSetAsideMailsOf(Complaint complaint) {
        Set<String> instances = new HashSet<>();
        // the case the mailbox named (mailNamedCase) also when a handler changed the form's field before choosing
        for (String name : List.of(MailboxPoller.VAR_MAIL_CASE_REFERENCE, MailboxPoller.VAR_MAIL_NAMED_CASE,
                nl.homepair.complaints.mailbox.ManualMailTasks.VAR_TYPED_REFERENCE, MailboxPoller.VAR_MAIL_ALSO_NAMED_CASE)) {
            // also a message whose sender gave this case's reference from another address (the web form)
            historyService.createHistoricVariableInstanceQuery().includeDeleted()
                    .variableValueEquals(name, complaint.getReference()).list()
                    .forEach(v -> instances.add(v.getProcessInstanceId()));
        }
        // an objection or an answer registered by letter (Bezwaar registreren, Antwoord registreren): its text stays in the
        // start form's history until the engine's clean-up; the reference as the handler typed it ("kl 2026 123")
        for (String name : List.of("objectionReference", "informationReference")) {
            historyService.createHistoricVariableInstanceQuery().includeDeleted().variableName(name).list().stream()
                    .filter(v -> v.getValue() != null && ReferenceNumbers.findIn(v.getValue().toString())
                            .filter(complaint.getReference()::equals).isPresent())
                    .forEach(v -> instances.add(v.getProcessInstanceId()));
        }
        eraseHelperInstances(instances, "Persoonsgegevens van zaak " + complaint.getReference() + " verwijderd");
    }

    private void eraseHelperInstances(Set<String> instances, String why) {
        for (String instance : instances) {
            runtimeService.deleteProcessInstanceIfExists(instance, why, true, true, false, false);
            historyService.deleteHistoricVariableInstancesByProcessInstanceId(instance);
            // the task's name in the list carried the message's subject (tasklist.TaskHeadline)
            taskNames.forgetComplainant(instance);
        }
        engineTraces.erase(instances);
    }

    /** The address in "Name <address>" (Markdown-escaped as stored for a form, or not), or the whole value. */
    static String addressIn(String value) {
        String plain = MarkdownText.unescape(value).strip();
        int open = plain.lastIndexOf('<');
        int close = plain.lastIndexOf('>');
        String address = open >= 0 && close > open ? plain.substring(open + 1, close) : plain;
        return address.strip().toLowerCase(Locale.ROOT);
    }

    static String hash(String email) {
        return Sha256.hex(email.strip().toLowerCase(Locale.ROOT));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
