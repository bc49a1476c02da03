package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.IllegalTransactionStateException;

/** Which of the engine API's failures get a Dutch answer; the rest stay with Camunda's mappers. */
class EngineApiErrorsTest {

    @Test
    void aConcurrentChangeIsRecognisedAlsoInsideTheTaskResourcesWrapping() {
        RestException wrapped = new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                new OptimisticLockingException("ENGINE-03005 ... updated by another transaction concurrently"), "Cannot complete task t");
        assertThat(EngineApiErrors.faultOf(wrapped)).isEqualTo(EngineApiErrors.Fault.CONCURRENT_CHANGE);
        jakarta.ws.rs.core.Response answer = new EngineApiErrors.RestFailure().toResponse(wrapped);
        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(((java.util.Map<?, ?>) answer.getEntity()).get("code")).isEqualTo(1); // Camunda's code for optimistic locking
    }

    /** A form submitted for a task that ended meanwhile: 404 in Dutch, not the task resource's English 500. */
    @Test
    void aTaskThatEndedMeanwhileIsNamedAsGone() {
        RestException wrapped = new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                new org.camunda.bpm.engine.exception.NullValueException("Cannot find task with id t: task is null"),
                "Cannot submit task form t: Cannot find task with id t: task is null");
        assertThat(EngineApiErrors.faultOf(wrapped)).isEqualTo(EngineApiErrors.Fault.TASK_GONE);
        jakarta.ws.rs.core.Response answer = new EngineApiErrors.RestFailure().toResponse(wrapped);
        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(((java.util.Map<?, ?>) answer.getEntity()).get("message").toString()).contains("bestaat niet meer",
                "niets opgeslagen");
        assertThat(EngineApiErrors.faultOf(new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                new org.camunda.bpm.engine.exception.NullValueException("variableName is null"), "Cannot set variable"))).isNull();
    }

    /** A form's answer refused in Dutch comes back as that sentence alone, not after the resource's English and the id. */
    @Test
    void aRefusedFormAnswerIsItsDutchReasonAlone() {
        RestException wrapped = new RestException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST,
                new org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException("boardMotivation",
                        "Schrijf de motivering."), "Cannot submit task form 7f3c: Schrijf de motivering.");
        assertThat(EngineApiErrors.faultOf(wrapped)).isEqualTo(EngineApiErrors.Fault.FORM_ERROR);
        jakarta.ws.rs.core.Response answer = new EngineApiErrors.RestFailure().toResponse(wrapped);
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(((java.util.Map<?, ?>) answer.getEntity()).get("message")).isEqualTo("Schrijf de motivering.");

        jakarta.ws.rs.core.Response claimed = new EngineApiErrors.EngineFailure().toResponse(
                new org.camunda.bpm.engine.TaskAlreadyClaimedException("t", "behandelaar"));
        assertThat(claimed.getStatus()).isEqualTo(409);
        assertThat(((java.util.Map<?, ?>) claimed.getEntity()).get("message").toString()).contains("collega heeft deze taak net");
    }

    @Test
    void theComplaintsOwnVersionCheckAndARecognisedDeadlockAreConcurrentChangesToo() {
        // the complaint (JPA @Version) is written when Spring commits, after the engine's work
        assertThat(EngineApiErrors.faultOf(new org.springframework.orm.ObjectOptimisticLockingFailureException(
                "Complaint", 7L))).isEqualTo(EngineApiErrors.Fault.CONCURRENT_CHANGE);
        ProcessEngineException deadlock = new ProcessEngineException("deadlock detected");
        deadlock.setCode(10000);
        assertThat(EngineApiErrors.faultOf(new RestException(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR,
                deadlock, "Cannot complete task t"))).isEqualTo(EngineApiErrors.Fault.CONCURRENT_CHANGE);
    }

    @Test
    void aLostConnectionIsAnOutage() {
        // what a logged-in Tasklist got when PostgreSQL went away (DatabaseOutageIT)
        JpaSystemException rollback = new JpaSystemException(new org.hibernate.TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
        ProcessEngineException midCommand = new ProcessEngineException("ENGINE-03083 ...",
                new SQLException("This connection has been closed.", "08003"));
        assertThat(EngineApiErrors.faultOf(rollback)).isEqualTo(EngineApiErrors.Fault.CONNECTION_LOST);
        assertThat(EngineApiErrors.faultOf(midCommand)).isEqualTo(EngineApiErrors.Fault.CONNECTION_LOST);
        assertThat(new EngineApiErrors.SpringOrJpaFailure().toResponse(rollback).getStatus()).isEqualTo(503);
    }

    @Test
    void failuresThatTryingAgainWouldNotMendAreLeftToCamunda() {
        assertThat(EngineApiErrors.faultOf(new DataIntegrityViolationException("value too long",
                new SQLException("value too long", "22001")))).isNull();
        assertThat(EngineApiErrors.faultOf(new IllegalTransactionStateException("no transaction"))).isNull();
        assertThat(EngineApiErrors.faultOf(new ProcessEngineException("ENGINE-02004 No outgoing sequence flow"))).isNull();
        assertThat(new EngineApiErrors.EngineFailure().isMappable(new ProcessEngineException("x"))).isFalse();
    }
}
