package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import nl.homepair.complaints.ComplaintsApplication;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An H2 file of the default run from before versioned migrations (tables made by
 * Hibernate, with a complaint in it) is upgraded by Flyway at the next start: nothing is
 * lost, the new columns are there, and Hibernate's check of the schema passes (issue 16).
 */
class SchemaUpgradeIT {

    @TempDir
    Path dir;

    @Test
    void aDatabaseMadeByHibernateBeforeMigrationsIsUpgradedWithoutLosingACase() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("klachten") + ";DB_CLOSE_ON_EXIT=FALSE";
        JdbcDataSource old = new JdbcDataSource();
        old.setURL(url);
        old.setUser("sa");
        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            String schema = new String(SchemaUpgradeIT.class.getResourceAsStream("/db/hibernate-made-schema-h2.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("insert into complaint (id, version, reference, complainant_name, complainant_email, channel, status, "
                    + "description, received_at, registered_at) values (next value for complaint_seq, 0, 'KL-2026-000001', "
                    + "'Jan Jansen', 'jan@example.nl', 'API', 'IN_ASSESSMENT', 'De schilder kwam niet.', "
                    + "timestamp with time zone '2026-04-24 10:00:00+02', timestamp with time zone '2026-04-24 10:00:00+02')");
            // its timeline: a mail to the complainant, one to the other party, the affected user's objection
            String entry = "insert into timeline_entry (id, complaint_id, occurred_at, type, actor, summary) values ("
                    + "next value for timeline_seq, (select id from complaint), timestamp with time zone '2026-04-24 10:00:00+02', ";
            s.execute(entry + "'MAIL_SENT', 'systeem', 'E-mail \"Ontvangen [KL-2026-000001]\" verzonden aan Jan@Example.nl')");
            s.execute(entry + "'MAIL_SENT', 'systeem', 'E-mail \"Bemiddeling [KL-2026-000001]\" verzonden aan schilder@example.org')");
            s.execute(entry + "'OBJECTION', 'systeem', 'Bezwaar van de betrokken gebruiker ontvangen: niet eerlijk')");
            // a mail of before the outbox: copied on the case once it had left
            s.execute("insert into sent_mail (id, complaint_id, sent_at, template, recipient, subject, body) values (next value for sent_mail_seq, "
                    + "(select id from complaint), timestamp with time zone '2026-04-24 10:00:05+02', 'ontvangstbevestiging', "
                    + "'jan@example.nl', 'Ontvangen [KL-2026-000001]', 'Beste Jan, ...')");
        }

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ComplaintsApplication.class)
                .profiles("test")
                // its own engine name: the shared test context's web applications keep finding theirs
                .run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.process-engine-name=schemaUpgradeTest")) {
            assertThat(app.getBean(ComplaintRepository.class).findByReference("KL-2026-000001"))
                    .hasValueSatisfying(complaint -> assertThat(complaint.getDescription()).isEqualTo("De schilder kwam niet."));
        }

        try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
            assertThat(FirstColumn.of(s, "select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null order by \"installed_rank\""))
                    .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32");
            // V23: a mail of before the outbox was delivered when it was sent, not "nog niet afgeleverd" for ever
            assertThat(FirstColumn.of(s, "select count(*) from sent_mail where delivered_at = sent_at")).containsExactly("1");
            // V15: what others wrote or got is marked, to stay out of the complainant's copy of their data
            assertThat(FirstColumn.of(s, "select about_others from timeline_entry order by id"))
                    .containsExactly("FALSE", "TRUE", "TRUE");
            // V18: a chat message's Idempotency-Key; the entries of before have none, which the unique index allows
            assertThat(FirstColumn.of(s, "select count(*) from timeline_entry where idempotency_key is null")).containsExactly("3");
            assertThat(FirstColumn.of(s, "select column_name from information_schema.columns where table_name = 'SENT_MAIL' "
                    + "and column_name in ('DELIVERY_KEY', 'MESSAGE_ID', 'DELIVERED_AT', 'HTML_BODY') order by 1"))
                    .containsExactly("DELIVERED_AT", "DELIVERY_KEY", "HTML_BODY", "MESSAGE_ID");
            assertThat(FirstColumn.of(s, "select count(*) from complaint")).containsExactly("1");
            // V9: room for the longest caller and Idempotency-Key
            assertThat(FirstColumn.of(s, "select character_maximum_length from information_schema.columns "
                    + "where table_name = 'COMPLAINT' and column_name = 'INTAKE_KEY'")).containsExactly("300");
            // V8: a mail that belongs to no case has an outbox row without one
            assertThat(FirstColumn.of(s, "select is_nullable from information_schema.columns where table_name = 'SENT_MAIL' "
                    + "and column_name = 'COMPLAINT_ID'")).containsExactly("YES");
            // V5: Hibernate's lists of enum values are gone, so a value added to an enum later is accepted
            assertThat(EnumColumnsAsText.valueListConstraints(c)).isEmpty();
            // V4: the row of the mailbox lease, for the nodes of a cluster; the start-up set-up's
            // lease row is made by the first node that takes it
            assertThat(FirstColumn.of(s, "select name from cluster_lease order by name")).containsExactly("mailbox", "start-up-set-up");
        }
    }
}
