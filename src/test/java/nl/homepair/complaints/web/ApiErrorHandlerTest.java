package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/**
 * Which faults Spring hands to the 503 answer ("nothing stored, try again"), as it resolves
 * them for any controller of the application.
 */
class ApiErrorHandlerTest {

    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiErrorHandler.class);

    @Test
    void aDatabaseThatGoesAwayIsAnsweredUnavailableAlsoWhenJpaReportsItUntranslated() {
        // what Hibernate throws from a query of the entity manager when the connection breaks mid-request
        JDBCConnectionException untranslated = new JDBCConnectionException("connection lost",
                new java.sql.SQLException(new ConnectException("refused")));
        for (Exception fault : new Exception[] {untranslated, new PersistenceException("x"),
                new DataAccessResourceFailureException("x")}) {
            assertThat(resolver.resolveMethod(fault)).as(fault.getClass().getSimpleName())
                    .isNotNull().extracting(method -> method.getName()).isEqualTo("unavailable");
        }
        assertThat(new ApiErrorHandler().unavailable(untranslated).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    /** A concurrent change that survived the retries: 409 with Retry-After, which the platform simply sends again. */
    @Test
    void aConcurrentChangeIsAConflictToTryAgainNotAFault() {
        var conflict = new ApiErrorHandler().unavailable(new org.springframework.orm.ObjectOptimisticLockingFailureException(
                "Complaint", 7L));
        assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.getHeaders().getFirst(org.springframework.http.HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(conflict.getBody().get("message")).contains("niets opgeslagen", "nog eens");
        var engine = new ApiErrorHandler().unavailable(new org.camunda.bpm.engine.OptimisticLockingException("ENGINE-03005"));
        assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        // a parent gone can be a broken execution tree that says so every time: a fault, not "again in a second"
        var parentGone = new ApiErrorHandler().unavailable(new org.camunda.bpm.engine.ProcessEngineException(
                nl.homepair.complaints.diagnostics.ConcurrentChange.PARENT_GONE + " Cannot find execution"));
        assertThat(parentGone.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    /** A step the procedure refuses (a model that would end the case open) says why, and not to try again later. */
    @Test
    void aStepTheProcedureRefusesIsAConflictWithItsReason() {
        var refused = new ApiErrorHandler().unavailable(new org.camunda.bpm.engine.ProcessEngineException("wrapped",
                new nl.homepair.complaints.complaint.RefusedChange("De klachtenprocedure zou hier eindigen.")));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getFirst(org.springframework.http.HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(refused.getBody().get("message")).isEqualTo("De klachtenprocedure zou hier eindigen.");
    }
}
