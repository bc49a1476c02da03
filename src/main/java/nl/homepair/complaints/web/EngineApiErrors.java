package nl.homepair.complaints.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import nl.homepair.complaints.complaint.RefusedChange;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import nl.homepair.complaints.diagnostics.Outage;
import nl.homepair.complaints.text.FaultTexts;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * The engine's HTTP faces (Tasklist and Cockpit show their answers to their user) say in
 * Dutch what our own API says for two faults that are nobody's mistake:
 * <ul>
 *   <li>the database cannot be used now: 503, Retry-After and {@link FaultTexts#NOTHING_STORED_TRY_LATER},
 *       not {@code 500 JpaSystemException "Unable to rollback against JDBC Connection"} (Spring's
 *       transaction manager fails before the engine runs, and Camunda's mappers know only the
 *       engine's own exceptions and "anything else");</li>
 *   <li>the case changed at the same moment (another node, a timer, the acknowledgement): 409
 *       with {@link FaultTexts#CHANGED_MEANWHILE}, not {@code 500 "ENGINE-03005 ... updated by another
 *       transaction concurrently"}; the engine stored nothing and the user may simply try again.</li>
 * </ul>
 * A form's answer the procedure refuses is a 400 with its Dutch reason alone, not "Cannot submit task form &lt;id&gt;: …"; a
 * task a colleague claimed a moment before is a 409 saying so, not "Task '…' is already claimed by someone else."
 * A task that ended meanwhile (a colleague completed it, news began it again) is a 404 saying so, not the task
 * resource's {@code 500 "Cannot submit task form …: Cannot find task with id …"}.
 * A password that fails the password policy is a 400 with what the policy asks, not the engine's
 * {@code 500 "Password does not match policy"}; a change the procedure refuses ({@link RefusedChange}) is a 400
 * with its Dutch reason also where a resource wraps it as its own 500 ("Cannot modify variables for task …").
 * Every other exception is left to Camunda's mappers, which these precede only where they
 * recognise the fault ({@link ExtendedExceptionMapper#isMappable}); for the same exception type
 * Jersey takes the custom mapper of the lowest priority value first.
 *
 * <p>Registered in every Jersey application of the process through Jersey's auto-discovery
 * ({@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}):
 * {@code /engine-rest} and the web applications' own ({@code /camunda/api/*}), which the
 * starter registers itself.
 */
public final class EngineApiErrors implements ForcedAutoDiscoverable {

    private static final Logger log = LoggerFactory.getLogger(EngineApiErrors.class);

    @Override
    public void configure(FeatureContext context) {
        for (Class<?> mapper : new Class<?>[] {SpringOrJpaFailure.class, EngineFailure.class, RestFailure.class}) {
            if (!context.getConfiguration().isRegistered(mapper)) {
                context.register(mapper);
            }
        }
    }

    /**
     * Spring's and JPA's own exceptions, which reach Jersey unwrapped; closer to them than
     * Camunda's mapper of any {@code Throwable}.
     */
    public static final class SpringOrJpaFailure extends Recognised<RuntimeException> {
    }

    /** The engine's exceptions, as its resources let them through. */
    @Priority(Priorities.USER - 100)
    public static final class EngineFailure extends Recognised<ProcessEngineException> {
    }

    /** The engine's exceptions as some resources wrap them ("Cannot complete task …: " + the engine's message). */
    @Priority(Priorities.USER - 100)
    public static final class RestFailure extends Recognised<RestException> {
    }

    /** Claims an exception when {@link #faultOf} recognises it anywhere in its causes. */
    abstract static class Recognised<E extends Throwable> implements ExtendedExceptionMapper<E> {
        @Override
        public boolean isMappable(E exception) {
            return faultOf(exception) != null;
        }

        @Override
        public Response toResponse(E exception) {
            if (faultOf(exception) == Fault.WEAK_PASSWORD) {
                return json(Response.Status.BAD_REQUEST, "PasswordPolicyException", WEAK_PASSWORD).build();
            }
            if (faultOf(exception) == Fault.TASK_GONE) {
                return json(Response.Status.NOT_FOUND, "InvalidRequestException", FaultTexts.TASK_GONE).build();
            }
            if (faultOf(exception) == Fault.REFUSED_CHANGE) {
                return json(Response.Status.BAD_REQUEST, "BadUserRequestException", refusal(exception).getMessage()).build();
            }
            if (faultOf(exception) == Fault.FORM_ERROR) {
                return json(Response.Status.BAD_REQUEST, "FormFieldValidationException", formError(exception).getMessage()).build();
            }
            if (faultOf(exception) == Fault.ALREADY_CLAIMED) {
                return json(Response.Status.CONFLICT, "TaskAlreadyClaimedException", FaultTexts.ALREADY_CLAIMED).build();
            }
            if (faultOf(exception) == Fault.CONCURRENT_CHANGE) {
                if (ConcurrentChange.isParentGone(exception)) {
                    // a collision too, but also what a broken execution tree would say every time
                    log.warn("Engine request refused, an execution's parent is gone: {}", CauseChain.of(exception));
                } else {
                    log.info("Engine request refused, the case changed concurrently: {}", CauseChain.of(exception));
                }
                return json(Response.Status.CONFLICT, "OptimisticLockingException", FaultTexts.CHANGED_MEANWHILE)
                        .build();
            }
            return unavailable(exception);
        }
    }

    enum Fault { CONCURRENT_CHANGE, CONNECTION_LOST, WEAK_PASSWORD, REFUSED_CHANGE, TASK_GONE, FORM_ERROR, ALREADY_CLAIMED }

    /** What the engine says when a chosen password fails its policy (SaveUserCmd); it has no type of its own. */
    static final String ENGINE_WEAK_PASSWORD = "Password does not match policy";

    /** A person's mistake, not a fault: said in Dutch, with what the policy asks ({@code security.StaffPasswordPolicy}). */
    public static final String WEAK_PASSWORD = "Dit wachtwoord is te zwak. Kies er een van minstens 10 tekens, met een hoofdletter,"
            + " een kleine letter, een cijfer en een leesteken, waarin de gebruikersnaam en de naam niet voorkomen.";

    /**
     * A concurrent change or a lost database connection anywhere in the causes; otherwise null
     * (a constraint violated, a bug: Camunda's 500 stays, as trying again would not help).
     */
    static Fault faultOf(Throwable exception) {
        if (exception instanceof ProcessEngineException && ENGINE_WEAK_PASSWORD.equals(exception.getMessage())) {
            return Fault.WEAK_PASSWORD;
        }
        if (refusal(exception) != null) {
            return Fault.REFUSED_CHANGE;
        }
        if (formError(exception) != null) {
            return Fault.FORM_ERROR;
        }
        if (CauseChain.causes(exception).anyMatch(org.camunda.bpm.engine.TaskAlreadyClaimedException.class::isInstance)) {
            return Fault.ALREADY_CLAIMED;
        }
        if (taskGone(exception)) {
            return Fault.TASK_GONE;
        }
        if (ConcurrentChange.isConcurrentChange(exception)) {
            return Fault.CONCURRENT_CHANGE;
        }
        return Outage.isDatabaseUnreachable(exception) ? Fault.CONNECTION_LOST : null;
    }

    /**
     * The engine's "Cannot find task with id …: task is null" (completing, submitting the form of or claiming a task
     * that ended meanwhile), which the task resource wraps as a 500 "Cannot submit task form …".
     */
    private static boolean taskGone(Throwable exception) {
        return CauseChain.causes(exception).anyMatch(cause -> cause instanceof org.camunda.bpm.engine.exception.NullValueException
                && cause.getMessage() != null && cause.getMessage().startsWith("Cannot find task with id"));
    }

    /**
     * A form's answer the procedure refuses (its Dutch reason, {@code tasklist.TaskOutcomeCheck}), which the task
     * resource wraps as "Cannot submit task form &lt;id&gt;: …" or "Cannot complete task &lt;id&gt;: …": Tasklist shows the
     * message as it comes, so the handler read an English sentence and an id before the reason.
     */
    static org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException formError(Throwable exception) {
        return CauseChain.causes(exception).filter(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class::isInstance)
                .map(org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException.class::cast).findFirst().orElse(null);
    }

    /**
     * A change the procedure does not allow, which some resources wrap as their own 500 ("Cannot modify variables …");
     * our own API's answer reads it too ({@link ApiErrorHandler}).
     */
    static RefusedChange refusal(Throwable exception) {
        return CauseChain.causes(exception).filter(RefusedChange.class::isInstance).map(RefusedChange.class::cast)
                .findFirst().orElse(null);
    }

    private static Response unavailable(Throwable exception) {
        log.error("Engine request failed; nothing was stored: {}", CauseChain.of(exception));
        return json(Response.Status.SERVICE_UNAVAILABLE, "ServiceUnavailable", FaultTexts.NOTHING_STORED_TRY_LATER)
                .header(HttpHeaders.RETRY_AFTER, "60").build();
    }

    /** Camunda's error shape: type, message and the engine's error code (1 optimistic locking, 0 other). */
    private static Response.ResponseBuilder json(Response.Status status, String type, String message) {
        int code = status == Response.Status.CONFLICT ? BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode()
                : BuiltinExceptionCode.FALLBACK.getCode();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", type, "message", message, "code", code));
    }
}
