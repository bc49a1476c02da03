package nl.homepair.complaints.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A new database per test, on both databases the nodes of a cluster share (an in-memory H2, a database on one
 * embedded PostgreSQL server), with one of the application's migrations run on it: for tests of what the nodes
 * share through a table, without the application.
 */
final class FreshDatabases implements AfterAllCallback {

    static final String KINDS = "nl.homepair.complaints.cluster.FreshDatabases#kinds";

    private EmbeddedPostgres postgres;
    private int made;

    static Stream<String> kinds() {
        return Stream.of("h2", "postgres");
    }

    /** A new, empty database of this kind ("h2" or "postgres") with the migrations {@code db/migration/common/<script>}. */
    DataSource fresh(String kind, String... scripts) {
        String name = "fresh" + (++made);
        DataSource dataSource;
        if (kind.equals("h2")) {
            dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            if (postgres == null) {
                try {
                    postgres = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new IllegalStateException("The embedded PostgreSQL server does not start", e);
                }
            }
            new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database " + name);
            dataSource = postgres.getDatabase("postgres", name);
        }
        for (String script : scripts) {
            new ResourceDatabasePopulator(new ClassPathResource("db/migration/common/" + script)).execute(dataSource);
        }
        return dataSource;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
