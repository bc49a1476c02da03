package nl.homepair.complaints.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The key the nodes of a cluster share (the web form's tokens, the measures' fingerprint), on both databases: nodes
 * that ask for it at the same moment on an empty table all end up with the one key stored, and sign alike with it.
 */
class SharedKeyTest {

    @RegisterExtension
    static final FreshDatabases DATABASES = new FreshDatabases();

    private static DataSource fresh(String kind) {
        return DATABASES.fresh(kind, "V17__cluster_setting.sql", "V27__cluster_setting_longer_values.sql");
    }

    /** A setting grows with its configuration (every closing day of the calendar): thousands of characters are kept. */
    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void aLongValueIsKept(String kind) {
        ClusterSettings settings = node(fresh(kind));
        String calendar = "closing-days " + "2026-12-24, ".repeat(400);
        settings.put("working-day-calendar", "short");
        settings.put("working-day-calendar", calendar);
        assertThat(settings.get("working-day-calendar")).contains(calendar);
    }

    private static ClusterSettings node(DataSource dataSource) {
        return new ClusterSettings(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
    }

    @ParameterizedTest
    @MethodSource(FreshDatabases.KINDS)
    void nodesAskingAtOnceAllGetTheOneStoredKey(String kind) throws Exception {
        DataSource dataSource = fresh(kind);
        int nodes = 6;
        ExecutorService threads = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> signatures = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                SharedKey key = node(dataSource).hmacKey("test-key");
                Callable<byte[]> sign = () -> {
                    start.await();
                    return key.sign("ABC-2026-00001".getBytes(StandardCharsets.UTF_8));
                };
                signatures.add(threads.submit(sign));
            }
            start.countDown();
            byte[] first = signatures.get(0).get();
            for (Future<byte[]> signature : signatures) {
                assertThat(signature.get()).isEqualTo(first);
            }
            assertThat(new JdbcTemplate(dataSource).queryForObject(
                    "select count(*) from cluster_setting where name = 'test-key'", Integer.class)).isOne();
            // a node that starts later reads the stored key: what the others signed still checks
            assertThat(node(dataSource).hmacKey("test-key").sign("ABC-2026-00001".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(first);
            // another name is another key
            assertThat(node(dataSource).hmacKey("other-key").sign("ABC-2026-00001".getBytes(StandardCharsets.UTF_8)))
                    .isNotEqualTo(first);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theKeyIsReadOnceAndKept() {
        AtomicInteger reads = new AtomicInteger();
        SharedKey key = new SharedKey(() -> {
            reads.incrementAndGet();
            return "sleutel-van-de-test".getBytes(StandardCharsets.UTF_8);
        });
        key.load();
        byte[] once = key.sign(new byte[] {1, 2, 3});
        byte[] twice = key.sign(new byte[] {1, 2, 3});
        assertThat(twice).isEqualTo(once).hasSize(32);
        assertThat(reads).hasValue(1);
    }
}
