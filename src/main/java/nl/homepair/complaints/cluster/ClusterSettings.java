package nl.homepair.complaints.cluster;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Values every node of a cluster shares, by name, in {@code cluster_setting}: up to when the mailbox was read
 * through, the web form's signing key, the key of the measures' fingerprint. ({@code database.EngineTimeZone} writes its own row with a plain connection,
 * before the application's beans exist.)
 */
@Component
public class ClusterSettings {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate alone;

    public ClusterSettings(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.alone = new TransactionTemplate(transactionManager);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Optional<String> get(String name) {
        List<String> values = jdbc.queryForList("select setting_value from cluster_setting where name = ?", String.class, name);
        return values.stream().findFirst();
    }

    /**
     * Deletes the settings whose name begins with {@code prefix} and whose value, a moment ({@link Instant#toString}), lies
     * before {@code cutoff}: marks that have aged out.
     */
    public void forgetBefore(String prefix, java.time.Instant cutoff) {
        jdbc.update("delete from cluster_setting where name like ? and setting_value < ?", prefix + "%", cutoff.toString());
    }

    /** Sets the value, whether or not the setting existed (two nodes at once: the later write counts). */
    public void put(String name, String value) {
        if (jdbc.update("update cluster_setting set setting_value = ? where name = ?", value, name) == 0) {
            try {
                jdbc.update("insert into cluster_setting (name, setting_value) values (?, ?)", name, value);
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                jdbc.update("update cluster_setting set setting_value = ? where name = ?", value, name);
            }
        }
    }

    /**
     * A secret key of 32 random bytes that every node uses (the web form's signing key, the fingerprint of whom a
     * measure hits): made by the first node that asks, read by the others. Callers keep it once read ({@link #hmacKey}).
     */
    public byte[] sharedKey(String name) {
        // each step in a transaction of its own, also when asked inside the engine's: a key is only ever used once it
        // is stored (a caller's rollback would leave this node with a key no other node has), and a second node's
        // insert of the same key, which PostgreSQL refuses, fails nothing but that insert
        Optional<String> stored = alone.execute(status -> get(name));
        if (stored.isEmpty()) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String made = Base64.getEncoder().encodeToString(bytes);
            try {
                alone.executeWithoutResult(status -> jdbc.update("insert into cluster_setting (name, setting_value) values (?, ?)",
                        name, made));
                return bytes;
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                stored = alone.execute(status -> get(name));
            }
        }
        return Base64.getDecoder().decode(stored.orElseThrow());
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SharedKey> handedOut = new CopyOnWriteArrayList<>();

    /** The shared key of this name as an HMAC key that the caller keeps: read once, when the application is ready. */
    public SharedKey hmacKey(String name) {
        SharedKey key = new SharedKey(() -> sharedKey(name));
        handedOut.add(key);
        return key;
    }

    /**
     * Reads every key handed out once the application is ready, outside any transaction of the engine (on PostgreSQL a
     * second node's insert of the same key at the same moment would fail the statement, and with it a revision's
     * transaction), and before the database can go away: a web form opened on another node is then still checked, and
     * answered with the form and what was typed, during an outage on this one.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void readKeysAtStart() {
        handedOut.forEach(SharedKey::load);
    }

    /** The value set before, or this one when there was none (two nodes at once: the first write counts for both). */
    public String putIfAbsent(String name, String value) {
        Optional<String> set = get(name);
        if (set.isPresent()) {
            return set.get();
        }
        try {
            jdbc.update("insert into cluster_setting (name, setting_value) values (?, ?)", name, value);
            return value;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return get(name).orElseThrow();
        }
    }
}
