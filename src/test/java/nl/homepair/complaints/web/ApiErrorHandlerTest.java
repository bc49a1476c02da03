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
}
