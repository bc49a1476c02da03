package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** An existing database keeps accepting enum values added after its tables were created. */
class EnumCheckConstraintsTest {

    @Test
    void theValueListOfAnOldTableIsDroppedAndNotNullStays() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:enum-checks;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("create table complaint (id bigint primary key, outcome varchar(30) check (outcome in ('INADMISSIBLE','DECIDED')),"
                + " name varchar(10) not null)");
        assertThatThrownBy(() -> jdbc.update("insert into complaint values (1, 'NOT_A_COMPLAINT', 'x')")).isNotNull();

        new EnumCheckConstraints(h2).afterPropertiesSet();

        jdbc.update("insert into complaint values (1, 'NOT_A_COMPLAINT', 'x')");
        assertThat(jdbc.queryForObject("select outcome from complaint", String.class)).isEqualTo("NOT_A_COMPLAINT");
        assertThatThrownBy(() -> jdbc.update("insert into complaint values (2, 'DECIDED', null)")).isNotNull();
    }
}
