package nl.homepair.complaints.diagnostics;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
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

    /** The mail server refused or could not be reached (not a mail that could not be made: that is ours). */
    public static boolean isMailServerUnreachable(Throwable failure) {
        return CauseChain.causes(failure).anyMatch(cause -> cause instanceof MailException
                && !(cause instanceof MailParseException) && !(cause instanceof MailPreparationException));
    }
}
