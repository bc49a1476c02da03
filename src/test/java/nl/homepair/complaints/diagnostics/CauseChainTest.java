package nl.homepair.complaints.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

class CauseChainTest {

    @Test
    void namesEveryCauseWithItsMessage() {
        Exception e = new InvalidDataAccessApiUsageException("No enum constant nl.homepair.complaints.complaint.IntakeChannel.1",
                new IllegalArgumentException("No enum constant nl.homepair.complaints.complaint.IntakeChannel.1"));

        assertThat(CauseChain.of(e)).isEqualTo(
                "org.springframework.dao.InvalidDataAccessApiUsageException: No enum constant nl.homepair.complaints.complaint.IntakeChannel.1"
                        + " <- java.lang.IllegalArgumentException: No enum constant nl.homepair.complaints.complaint.IntakeChannel.1");
    }

    /** A mail server's refusal names the recipient; the log outlives the case's erasure (R13). */
    @Test
    void leavesOutMailAddresses() {
        Exception refused = new org.springframework.mail.MailSendException("Failed messages",
                new jakarta.mail.SendFailedException("550 5.1.1 <jan.de-vries+klacht@voorbeeld.nl>: Recipient address rejected"));

        assertThat(CauseChain.of(refused)).doesNotContain("jan.de-vries", "voorbeeld.nl").contains("550 5.1.1 <…@…>");
        assertThat(CauseChain.redact("mail to anne@ex.nl and bo@b.co.uk failed")).isEqualTo("mail to …@… and …@… failed");
    }

    @Test
    void leavesOutTheValuesThatH2Quotes() {
        SQLException h2 = new SQLException("Value too long for column \"COMPLAINANT_NAME CHARACTER VARYING(200)\": "
                + "\"'Jan Jansen van der Berg' (300)\"; SQL statement:\ninsert into complaint (name) values (?) [22001-232]", "22001");

        String logged = CauseChain.of(new DataIntegrityViolationException("could not execute statement", h2));

        assertThat(logged).doesNotContain("Jan").contains("COMPLAINANT_NAME", "(SQLState 22001)", "'…' (300)");
    }

    @Test
    void leavesOutTheValuesThatPostgresQuotes() {
        SQLException postgres = new SQLException("ERROR: duplicate key value violates unique constraint \"uk_email\"\n"
                + "  Detail: Key (complainant_email)=(jan@example.nl) already exists.", "23505");
        SQLException notNull = new SQLException("ERROR: null value in column \"reference\" of relation \"complaint\" violates "
                + "not-null constraint\n  Detail: Failing row contains (7, Jan Jansen, jan@example.nl, null).", "23502");

        assertThat(CauseChain.of(postgres)).doesNotContain("jan@example.nl").contains("uk_email", "(complainant_email)=(…)");
        assertThat(CauseChain.of(notNull)).doesNotContain("Jan").contains("\"reference\"", "Failing row contains (…)");
    }

    /**
     * A step whose expression fails on a variable's value: the job's message and stack trace, which managers read in
     * Cockpit, do not carry the value (a name, an objection's words); the element id the engine quotes stays.
     */
    @Test
    void aJobsMessageLeavesOutTheValueAnExpressionFailedOn() {
        Exception coercion;
        try {
            new org.camunda.bpm.impl.juel.TypeConverterImpl().convert("Jansen Klussen B.V.", Integer.class);
            throw new AssertionError("JUEL converted a name to a number");
        } catch (org.camunda.bpm.impl.juel.jakarta.el.ELException e) {
            coercion = e;
        }
        assertThat(coercion.getMessage()).contains("Jansen Klussen B.V.");
        org.camunda.bpm.engine.ProcessEngineException failure = new org.camunda.bpm.engine.ProcessEngineException(
                "Error while evaluating expression: ${workingDays.plusWorkingDays(now(), otherPartyName)}. Cause: "
                        + coercion.getMessage(), coercion);

        assertThat(CauseChain.forJob(failure)).doesNotContain("Jansen").contains("${workingDays.plusWorkingDays(now(),"
                + " otherPartyName)}", "Cannot coerce '…'");
        assertThat(CauseChain.stackTraceForJob(failure)).doesNotContain("Jansen");
        assertThat(CauseChain.forJob(new org.camunda.bpm.engine.ProcessEngineException("failed to evaluate expression"
                + " 'role = \"CLIENT\"': ValString(Jan de Vries) is not comparable"))).doesNotContain("Jan de Vries");
        assertThat(CauseChain.forJob(new org.camunda.bpm.engine.ProcessEngineException("ENGINE-02004 No outgoing sequence"
                + " flow for the element with id 'Gateway_Old' could be selected"))).contains("'Gateway_Old'");
        // the words between two quoted ids, and a Dutch apostrophe, are no quoted value
        assertThat(CauseChain.forJob(new org.camunda.bpm.engine.ProcessEngineException("De taak 'Meekijken' (UserTask_Peek)"
                + " gaat volgens het model naar groep 'managers', die geen zaken behandelt")))
                .isEqualTo("De taak 'Meekijken' (UserTask_Peek) gaat volgens het model naar groep 'managers', die geen zaken"
                        + " behandelt");
        assertThat(CauseChain.forJob(new org.camunda.bpm.engine.ProcessEngineException("Cannot resolve identifier"
                + " 'otherPartyName' in expression 'x'"))).contains("'otherPartyName' in expression 'x'");
        assertThat(CauseChain.forJob(new org.camunda.bpm.engine.ProcessEngineException("De foto's van 'Jan de Vries' kwamen"
                + " niet aan"))).isEqualTo("De foto's van '…' kwamen niet aan");
    }

    @Test
    void stopsAtACycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);

        assertThat(CauseChain.of(a)).isEqualTo("java.lang.IllegalStateException: a <- java.lang.IllegalArgumentException: b");
    }

    @Test
    void theCausesOfAChainThatLoopsEndAfterEachOnce() {
        RuntimeException outer = new RuntimeException("outer");
        RuntimeException inner = new RuntimeException("inner", outer);
        outer.initCause(inner);
        org.assertj.core.api.Assertions.assertThat(CauseChain.causes(outer).toList()).containsExactly(outer, inner);
        org.assertj.core.api.Assertions.assertThat(ConcurrentChange.isConcurrentChange(outer)).isFalse();
    }
}
