package nl.homepair.complaints.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lease on one piece of cluster-wide work in the shared database (table
 * {@code cluster_lease}): held by one node until it expires, extended by its holder while it
 * works, taken over by another node once the holder stopped extending it (a crash, a
 * network split, a pause longer than the lease). Taking and extending are one conditional
 * {@code update}, which PostgreSQL and H2 run atomically per row: of two nodes that try at
 * the same moment, the second sees the first one's owner and gets no row.
 *
 * <p>Expiry is measured with each node's own clock, as Camunda's job locks are: the nodes'
 * clocks must agree to well within the lease (NTP), which the default of two minutes leaves
 * ample room for.
 */
public class ClusterLease {

    private final JdbcTemplate jdbc;
    private final String name;
    private final String owner;
    private final Duration duration;
    private final Clock clock;

    public ClusterLease(JdbcTemplate jdbc, String name, String owner, Duration duration, Clock clock) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("A lease needs a positive duration: " + name);
        }
        this.jdbc = jdbc;
        this.name = name;
        this.owner = owner;
        this.duration = duration;
        this.clock = clock;
    }

    /**
     * Takes the lease when it is free or expired, or extends it when this node holds it.
     *
     * @return whether this node holds the lease now, for {@link #duration()} from now
     */
    public boolean acquire() {
        Instant now = clock.instant();
        OffsetDateTime until = utc(now.plus(duration));
        int taken = jdbc.update("update cluster_lease set owner = ?, expires_at = ? where name = ? "
                + "and (owner = ? or owner is null or expires_at is null or expires_at < ?)",
                owner, until, name, owner, utc(now));
        if (taken == 1) {
            return true;
        }
        if (jdbc.queryForObject("select count(*) from cluster_lease where name = ?", Long.class, name) > 0) {
            return false; // held by another node that is still within its lease
        }
        try {
            // a lease the migrations did not create; of two nodes inserting it, one wins
            jdbc.update("insert into cluster_lease (name, owner, expires_at) values (?, ?, ?)", name, owner, until);
            return true;
        } catch (DuplicateKeyException lost) {
            return false;
        }
    }

    /**
     * Runs {@code work} while this node holds the lease, after waiting (up to {@code maxWait})
     * for another node that holds it to finish: for work two nodes must not do at the same
     * time, such as the set-up at start-up, which each node does and the second then finds
     * done. The work must end well within the lease's duration; the lease is given up after it.
     *
     * @throws IllegalStateException when another node still holds the lease after {@code maxWait}
     */
    public void runExclusively(Duration maxWait, Runnable work) {
        Instant giveUp = Instant.now().plus(maxWait);
        while (!acquire()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("Lease '" + name + "' is still held by " + holder().orElse("another node")
                        + " after " + maxWait.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for lease '" + name + "'", e);
            }
        }
        runAndRelease(work);
    }

    /**
     * Runs {@code work} when no other node holds the lease, and gives it up afterwards; does
     * nothing when another node holds it (that node is doing the work). For recurring work such
     * as a nightly clean-up that every node is scheduled to do and one of them should.
     *
     * @return whether this node did the work
     */
    public boolean runIfFree(Runnable work) {
        if (!acquire()) {
            return false;
        }
        runAndRelease(work);
        return true;
    }

    /**
     * The work of a node that has just taken the lease; the lease is given up after it, also when it fails. When the
     * work failed because the database went away, giving up fails too: the work's failure is what the log needs to
     * show (the lease then expires by itself).
     */
    private void runAndRelease(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error failed) {
            try {
                release();
            } catch (RuntimeException notReleased) {
                failed.addSuppressed(notReleased);
            }
            throw failed;
        }
        release();
    }

    /** Gives the lease up at once (a node that stops), so that another node need not wait for it to expire. */
    public void release() {
        jdbc.update("update cluster_lease set owner = null, expires_at = null where name = ? and owner = ?", name, owner);
    }

    /** The node that holds the lease now, if any (an expired lease is held by nobody). */
    public Optional<String> holder() {
        List<String> holders = jdbc.queryForList("select owner from cluster_lease where name = ? and owner is not null "
                + "and expires_at >= ?", String.class, name, utc(clock.instant()));
        return holders.stream().findFirst();
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    public Duration duration() {
        return duration;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
