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
 * What the board hears by mail about an objection it reviews, beside its task's own mails: the complainant's wish to
 * withdraw the objection (R9). The wish is on the case's timeline and in the task's form, but a director who opens
 * Tasklist when a mail says so learnt of it only from the reminder's day on, and the complainant's objection could be
 * judged on the merits meanwhile. By reference only; in office hours, once per wish ({@link CaseMailer#queueToStaff}).
 */
@Component
class BoardNotices {

    static final String WITHDRAWAL_WISH_TEMPLATE = "directie-intrekwens";

    private static final Logger log = LoggerFactory.getLogger(BoardNotices.class);

    private final CaseMailer mailer;

    BoardNotices(CaseMailer mailer) {
        this.mailer = mailer;
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
}
