package nl.homepair.complaints.mail;

import java.util.List;
import java.util.Map;
import nl.homepair.complaints.complaint.AcknowledgementAction;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A team lead who answers "mailstoring verholpen" on the acknowledgement check wants the
 * mail out now, not at the next hourly retry, and also when the retries ran out (an
 * incident): in the model, {@code ${mailRetry.retryFailedMails(execution, execution.getVariable('acknowledgementAction'))}}
 * when the check ends. Every failed job of the case is due now, with a retry left, and so is,
 * once the answer is committed, every queued mail (an alert to the team leads) that waits for
 * the mail server ({@link QueuedMail#tryWaitingNowAfterCommit()}).
 */
@Component("mailRetry")
public class MailRetry {

    private static final Logger log = LoggerFactory.getLogger(MailRetry.class);

    /**
     * The acknowledgement left (its next hourly try, or after the team lead's fix) while "Ontvangstbevestiging
     * controleren" was open: the check has nothing left to check. It is completed as {@code SENT_MEANWHILE}, so that
     * it leaves the team leads' lists and the directors are not alerted about a problem that solved itself. In the
     * model, {@code ${mailRetry.closeCheckWhenSent(execution)}} when the acknowledgement step ends.
     */
    public void closeCheckWhenSent(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task check : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ComplaintProcess.TASK_CHECK_ACKNOWLEDGEMENT).list()) {
            tasks.complete(check.getId(), Map.of(ComplaintProcess.VAR_ACKNOWLEDGEMENT_ACTION,
                    AcknowledgementAction.SENT_MEANWHILE.name()));
            log.info("Case {}: the acknowledgement left; the open check of it was closed", execution.getProcessBusinessKey());
        }
    }

    /** Retries the case's failed jobs and the waiting queued mails now when {@code action} is MAIL_FIXED; otherwise does nothing. */
    public void retryFailedMails(DelegateExecution execution, Object action) {
        if (action == null || !AcknowledgementAction.MAIL_FIXED.name().equals(action.toString())) {
            return;
        }
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        List<Job> failed = management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
                .withException().list();
        for (Job job : failed) {
            if (job.getRetries() < 1) {
                management.setJobRetries(job.getId(), 1); // also resolves the incident
            }
            management.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
            log.info("Case {}: failed job {} ({}) retried now after the team lead reported the mail fixed",
                    execution.getProcessBusinessKey(), job.getId(), job.getExceptionMessage());
        }
        QueuedMail.tryWaitingNowAfterCommit();
    }
}
