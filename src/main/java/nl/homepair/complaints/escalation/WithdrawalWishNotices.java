package nl.homepair.complaints.escalation;

import java.util.Map;
import nl.homepair.complaints.complaint.CaseWithdrawal;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Who hears by mail of the complainant's wish to withdraw, once nothing can be withdrawn any more (R9): the board, of a
 * wish to withdraw the objection it reviews, and the handlers, of a wish to withdraw the complaint while its decision is
 * revised after the board upheld the objection. The wish is on the case's timeline and in the task's form, but a
 * director who opens Tasklist when a mail says so learnt of it only from the reminder's day on, and a handler who had
 * claimed the revision and waits for a call back learnt of it only on opening the form again; the objection was judged,
 * or the decision revised, on the merits meanwhile. By reference only; in office hours, once per wish
 * ({@link CaseMailer#queueToStaff}).
 */
@Component
class WithdrawalWishNotices {

    static final String WITHDRAWAL_WISH_TEMPLATE = "directie-intrekwens";
    static final String REVISION_WISH_TEMPLATE = "herziening-intrekwens";

    private static final Logger log = LoggerFactory.getLogger(WithdrawalWishNotices.class);

    private final CaseMailer mailer;
    private final org.camunda.bpm.engine.TaskService tasks;

    WithdrawalWishNotices(CaseMailer mailer, org.camunda.bpm.engine.TaskService tasks) {
        this.mailer = mailer;
        this.tasks = tasks;
    }

    /** After the wish committed: a wish rolled back is no news, and a mail server that is down keeps the wish. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void objectionWithdrawalWished(CaseWithdrawal.ObjectionWithdrawalWished wish) {
        try {
            mailer.queueToStaff(MailRecipient.DIRECTORS, WITHDRAWAL_WISH_TEMPLATE,
                    Map.of("about", "klacht " + wish.reference(), "reference", wish.reference()),
                    "objection-withdrawal-wish:" + wish.reference() + ":" + wish.at().toEpochMilli());
        } catch (RuntimeException e) {
            log.warn("Wish to withdraw the objection on case {} kept on its timeline; the board was not told by mail: {}",
                    wish.reference(), e.toString());
        }
    }

    /** The same for the handlers, of a wish while the decision is revised; after the wish committed. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void revisionWithdrawalWished(CaseWithdrawal.RevisionWithdrawalWished wish) {
        try {
            // to the mailbox of the team the revision was given to, as its reminders go
            java.util.List<String> groups = tasks.createTaskQuery().processInstanceBusinessKey(wish.reference())
                    .taskDefinitionKey(nl.homepair.complaints.complaint.ComplaintProcess.TASK_REVISE_DECISION).list().stream()
                    .flatMap(task -> tasks.getIdentityLinksForTask(task.getId()).stream())
                    .filter(link -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType()))
                    .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).filter(java.util.Objects::nonNull)
                    .distinct().sorted().toList();
            mailer.queueToStaff(MailRecipient.HANDLERS, REVISION_WISH_TEMPLATE,
                    Map.of("about", "klacht " + wish.reference(), "reference", wish.reference(), CaseMailer.TASK_GROUPS, groups),
                    "revision-withdrawal-wish:" + wish.reference() + ":" + wish.at().toEpochMilli());
        } catch (RuntimeException e) {
            log.warn("Wish to withdraw case {} while its decision is revised kept on its timeline; the handlers were not told"
                    + " by mail: {}", wish.reference(), e.toString());
        }
    }
}
