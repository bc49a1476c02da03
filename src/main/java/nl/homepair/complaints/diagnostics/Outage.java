package nl.homepair.complaints.diagnostics;

import jakarta.mail.SendFailedException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure is something outside the work at hand being away (the database, the mail
 * server), so that the same work may succeed in a while: nothing about the input is wrong.
 * A constraint violated or a bug is no outage: trying again would not help. The causes are
 * searched, as the failure may come wrapped (an engine command, a delegate, a transaction).
 */
public final class Outage {

    private Outage() {
    }

    public static boolean isOutage(Throwable failure) {
        return isDatabaseUnreachable(failure) || isMailServerUnreachable(failure);
    }

    /**
     * The database cannot be reached or the transaction could not begin, commit or roll back
     * on its connection: nothing was stored.
     */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        return CauseChain.causes(failure).anyMatch(cause -> cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionSystemException || cause instanceof DataAccessResourceFailureException
                || cause instanceof org.hibernate.TransactionException || cause instanceof JDBCConnectionException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
    }

    /**
     * The mail server could not be reached or would not let us in. Not an outage: a mail that could not be made
     * (ours), and a server that refused this mail or its recipient ({@link SendFailedException}: an address
     * that does not exist, a domain that takes no mail), which sending again would not change.
     */
    public static boolean isMailServerUnreachable(Throwable failure) {
        return CauseChain.causes(failure).anyMatch(cause -> cause instanceof MailException
                && !(cause instanceof MailParseException) && !(cause instanceof MailPreparationException)
                && !refusedByTheServer(cause));
    }

    private static boolean refusedByTheServer(Throwable failure) {
        if (CauseChain.causes(failure).anyMatch(SendFailedException.class::isInstance)) {
            return true;
        }
        // Spring keeps the failure of each message apart from the cause chain
        return failure instanceof MailSendException send && send.getMessageExceptions().length > 0
                && Arrays.stream(send.getMessageExceptions())
                        .allMatch(each -> CauseChain.causes(each).anyMatch(SendFailedException.class::isInstance));
    }
}
