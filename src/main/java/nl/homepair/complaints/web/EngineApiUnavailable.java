package nl.homepair.complaints.web;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.TransactionException;

/**
 * The engine's HTTP faces answer a database outage as our own API does: 503, Retry-After and
 * the Dutch message, in the engine REST API's error shape ({@code type}, {@code message}),
 * which Tasklist and Cockpit show to their user.
 *
 * <p>Without it, a handler who was logged in before the database went away got
 * {@code 500 JpaSystemException "Unable to rollback against JDBC Connection"}: Spring's
 * transaction manager fails before the engine runs, and Camunda's mappers know only its own
 * exceptions and "anything else" (500). This maps the Spring and JPA failures that mean "the
 * database cannot be used now"; every other exception is left to Camunda's mappers.
 *
 * <p>It reaches all of the engine's Jersey applications, {@code /engine-rest} and the
 * web applications' own ({@code /camunda/api/*}, which the starter registers itself), through
 * Jersey's auto-discovery: {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}.
 */
public final class EngineApiUnavailable implements ExtendedExceptionMapper<RuntimeException> {

    private static final Logger log = LoggerFactory.getLogger(EngineApiUnavailable.class);

    /** Registers the mapper in every Jersey application of the process. */
    public static final class Registration implements ForcedAutoDiscoverable {
        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(EngineApiUnavailable.class)) {
                context.register(EngineApiUnavailable.class);
            }
        }
    }

    @Override
    public boolean isMappable(RuntimeException exception) {
        return ApiErrorHandler.isDatabaseUnavailable(exception);
    }

    @Override
    public Response toResponse(RuntimeException exception) {
        log.error("Engine request failed; nothing was stored: {}", CauseChain.of(exception));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("type", "ServiceUnavailable", "message", ApiErrorHandler.UNAVAILABLE)).build();
    }
}
