package nl.homepair.complaints.diagnostics;

import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Whether a failure is the engine refusing work because another transaction changed the same
 * case meanwhile: an {@link OptimisticLockingException}, or {@code ENGINE-03077} ("Cannot
 * resolve parent ... perhaps it was deleted in the meantime"), which the engine throws as a
 * plain {@link ProcessEngineException} when a parallel branch ended between two of its reads.
 * Both may come wrapped (an expression's evaluation, a task listener, the REST API's
 * {@code RestException}), so the causes are searched.
 */
public final class ConcurrentChange {

    /** The engine's code for an execution whose parent a concurrent transaction removed. */
    public static final String PARENT_GONE = "ENGINE-03077";

    private ConcurrentChange() {
    }

    public static boolean isConcurrentChange(Throwable failure) {
        return causes(failure).anyMatch(cause -> cause instanceof OptimisticLockingException || parentGone(cause));
    }

    /** The {@code ENGINE-03077} kind only. */
    public static boolean isParentGone(Throwable failure) {
        return causes(failure).anyMatch(ConcurrentChange::parentGone);
    }

    private static boolean parentGone(Throwable cause) {
        return cause instanceof ProcessEngineException && cause.getMessage() != null && cause.getMessage().startsWith(PARENT_GONE);
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, cause -> cause.getCause() == cause ? null : cause.getCause());
    }
}
