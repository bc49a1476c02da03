package nl.homepair.complaints.mail;

import java.util.List;
import java.util.regex.Pattern;
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
 * now (which also resolves its incident). A step that failed for another reason (an address the server refuses, a
 * broken model) is left to a person, as before. Queued mails ({@link QueuedMail}) have their own attempts.
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
            + "|Couldn't connect to host|Could not connect to SMTP host");

    private final ManagementService management;
    private final JavaMailSender mailSender;

    public MailServerBack(ManagementService management, JavaMailSender mailSender) {
        this.management = management;
        this.mailSender = mailSender;
    }

    @Scheduled(fixedDelayString = "${homepair.mail.outage-check-interval:PT5M}",
            initialDelayString = "${homepair.mail.outage-check-interval:PT5M}")
    public void retryStepsWhenTheServerIsBack() {
        try {
            int retried = retryStepsFailedOnTheServer();
            if (retried > 0) {
                log.info("The mail server answers again: {} step(s) whose retries ran out while it was unreachable tried again",
                        retried);
            }
        } catch (RuntimeException e) {
            log.warn("Steps that failed on the mail server could not be looked at now: {}", e.toString());
        }
    }

    /** Gives each step that failed on an unreachable mail server one more try now, if the server answers; how many. */
    public int retryStepsFailedOnTheServer() {
        List<Job> failed = management.createJobQuery().noRetriesLeft().list().stream()
                .filter(job -> !QueuedMail.isDelivery(job) && failedOnTheServer(job)).toList();
        if (failed.isEmpty() || !serverAnswers()) {
            return 0;
        }
        int retried = 0;
        for (Job job : failed) {
            try {
                management.setJobRetries(job.getId(), 1); // also resolves the incident
                management.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
                retried++;
            } catch (ProcessEngineException changedMeanwhile) {
                // another node gave it its try (a concurrent change), or it was deleted (the case ended)
                log.debug("Job {} changed meanwhile; left as it is: {}", job.getId(), changedMeanwhile.toString());
            }
        }
        return retried;
    }

    private boolean failedOnTheServer(Job job) {
        String trace;
        try {
            trace = management.getJobExceptionStacktrace(job.getId());
        } catch (ProcessEngineException gone) {
            return false;
        }
        return trace != null && trace.contains("org.springframework.mail.") && SERVER_NOT_REACHED.matcher(trace).find();
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
