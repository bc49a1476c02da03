package nl.homepair.complaints.mail;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * No step is skipped for a mail server that was down longer than a step's retries last (ten tries, half an hour
 * apart): a mail step before a user task (the acknowledgement of an objection before the board's task, the next
 * steps before the decision) then ends in an incident, and the task, with its due date, reminders and escalation,
 * is never made until an administrator retries it in Cockpit, while the procedure's term runs on unseen. Every
 * {@code homepair.mail.outage-check-interval} (5 minutes) each node looks for such steps, whose last failure was
 * the mail server not being reached; when there are any and the server answers again, each gets one more try, due
 * now (which also resolves its incident), at most {@value #TRIES_PER_STEP} times per step on each node (a count in the
 * node's memory, dropped once the step is gone), by one node at a time. A
 * step that failed for another reason (an address the server refuses, a broken model) is left to a person, as
 * before. Queued mails ({@link QueuedMail}) have their own attempts.
 */
@Component
public class MailServerBack {

    private static final Logger log = LoggerFactory.getLogger(MailServerBack.class);

    /**
     * A mail that could not leave because the server was not reached: Spring's mail exception with a connection
     * failure beneath it (class names stay in a failed job's stack trace, {@code diagnostics.CauseChain#forJob}).
     */
    private static final Pattern SERVER_NOT_REACHED = Pattern.compile("MailConnectException|java\\.net\\.ConnectException"
            + "|java\\.net\\.SocketTimeoutException|java\\.net\\.UnknownHostException|java\\.net\\.NoRouteToHostException"
            + "|Couldn't connect to host|Could not connect to SMTP host"
            // a server that answers "not now" (RFC 5321 4xx: 421 at the greeting, 451/452 to a mail): it passes by itself
            + "|Got bad greeting from SMTP host|SMTP\\w*Exception: 4\\d\\d[ -]|\\b4\\d\\d 4\\.\\d+\\.\\d+ "
            // a login refused (an expired password): the check below logs in, so only a mended one tries again
            + "|MailAuthenticationException|AuthenticationFailedException");

    /**
     * How often one step is given another try here: a server that answers the check but still refuses the mails (a
     * connection limit hit by the retries themselves) would otherwise raise a new incident, and alert the team leads,
     * every round.
     */
    static final int TRIES_PER_STEP = 3;
    static final String LEASE = "mail-outage-retry";

    private final ManagementService management;
    private final JavaMailSender mailSender;
    private final ClusterLease lease;
    private final Map<String, Integer> triesByJob = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 1_000;
        }
    });

    public MailServerBack(ManagementService management, JavaMailSender mailSender, ClusterLeases leases) {
        this.management = management;
        this.mailSender = mailSender;
        this.lease = leases.lease(LEASE, Duration.ofMinutes(10));
    }

    /** One node at a time (a lease), so that two nodes do not give the same steps their tries twice. */
    @Scheduled(fixedDelayString = "${homepair.mail.outage-check-interval:PT5M}",
            initialDelayString = "${homepair.mail.outage-check-interval:PT5M}")
    public void retryStepsWhenTheServerIsBack() {
        try {
            lease.runIfFree(() -> {
                int retried = retryStepsFailedOnTheServer();
                if (retried > 0) {
                    log.info("The mail server answers again: {} step(s) whose retries ran out while it was unreachable"
                            + " tried again", retried);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Steps that failed on the mail server could not be looked at now: {}", e.toString());
        }
    }

    /** Gives each step that failed on an unreachable mail server one more try now, if the server answers; how many. */
    public int retryStepsFailedOnTheServer() {
        forgetStepsThatAreGone();
        List<Job> candidates = management.createJobQuery().noRetriesLeft().list().stream()
                .filter(job -> !job.isSuspended() && !QueuedMail.isDelivery(job) && triesByJob.getOrDefault(job.getId(), 0) < TRIES_PER_STEP)
                .toList();
        // whether the server answers first: while it is down (the usual reason for these incidents, thousands of them
        // after a long outage) no failure's stack trace is read every five minutes for nothing
        if (candidates.isEmpty() || !serverAnswers()) {
            return 0;
        }
        List<Job> failed = candidates.stream().filter(this::failedOnTheServer).toList();
        int retried = 0;
        for (Job job : failed) {
            try {
                management.setJobRetries(job.getId(), 1); // also resolves the incident
                management.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
                triesByJob.merge(job.getId(), 1, Integer::sum);
                retried++;
            } catch (ProcessEngineException changedMeanwhile) {
                // another node gave it its try (a concurrent change), or it was deleted (the case ended)
                log.debug("Job {} changed meanwhile; left as it is: {}", job.getId(), changedMeanwhile.toString());
            }
        }
        return retried;
    }

    /** A step that got its mail out (or whose case ended) is no longer counted. */
    private void forgetStepsThatAreGone() {
        Set<String> counted;
        synchronized (triesByJob) {
            counted = new HashSet<>(triesByJob.keySet());
        }
        if (counted.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>();
        management.createJobQuery().jobIds(counted).list().forEach(job -> existing.add(job.getId()));
        triesByJob.keySet().removeIf(id -> !existing.contains(id));
    }

    private boolean failedOnTheServer(Job job) {
        String trace;
        try {
            trace = management.getJobExceptionStacktrace(job.getId());
        } catch (ProcessEngineException gone) {
            return false;
        }
        return trace != null && failedOnTheServer(trace);
    }

    /** Whether a failed mail step's stack trace says the server was not reached, or answered "not now". */
    static boolean failedOnTheServer(String trace) {
        return trace.contains("org.springframework.mail.") && SERVER_NOT_REACHED.matcher(trace).find();
    }

    private boolean serverAnswers() {
        if (!(mailSender instanceof JavaMailSenderImpl sender)) {
            return true; // not ours to ask: the step's own try tells
        }
        try {
            sender.testConnection();
            return true;
        } catch (jakarta.mail.MessagingException | RuntimeException stillDown) {
            log.debug("The mail server does not answer yet: {}", stillDown.toString());
            return false;
        }
    }

}
