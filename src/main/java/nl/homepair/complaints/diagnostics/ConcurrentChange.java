package nl.homepair.complaints.diagnostics;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Whether a failure is a refusal because another transaction changed the same case meanwhile:
 * the engine's {@link OptimisticLockingException}; {@code ENGINE-03077} ("Cannot resolve parent
 * ... perhaps it was deleted in the meantime"), which the engine throws as a plain
 * {@link ProcessEngineException} when a parallel branch ended between two of its reads; a
 * deadlock the engine recognised (its error code 10000); or the complaint's own version check
 * (JPA {@code @Version}, written when Spring commits after the engine: Spring's
 * {@link OptimisticLockingFailureException}, JPA's and Hibernate's own). All may come wrapped
 * (an expression's evaluation, a task listener, the REST API's {@code RestException}), so the
 * causes are searched.
 */
public final class ConcurrentChange {

    /** The engine's code for an execution whose parent a concurrent transaction removed. */
    public static final String PARENT_GONE = "ENGINE-03077";

    private ConcurrentChange() {
    }

    public static boolean isConcurrentChange(Throwable failure) {
        return CauseChain.causes(failure).anyMatch(cause -> cause instanceof OptimisticLockingException || parentGone(cause)
                || cause instanceof ProcessEngineException engine && engine.getCode() == BuiltinExceptionCode.DEADLOCK.getCode()
                || cause instanceof OptimisticLockingFailureException
                || cause instanceof jakarta.persistence.OptimisticLockException
                || cause instanceof org.hibernate.StaleStateException);
    }

    /** The {@code ENGINE-03077} kind only. */
    public static boolean isParentGone(Throwable failure) {
        return CauseChain.causes(failure).anyMatch(ConcurrentChange::parentGone);
    }

    private static boolean parentGone(Throwable cause) {
        return cause instanceof ProcessEngineException && cause.getMessage() != null && cause.getMessage().startsWith(PARENT_GONE);
    }
}
