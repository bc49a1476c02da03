package nl.homepair.complaints.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands out {@link ClusterLease}s in the name of this node. The node's name is its host, its
 * process and a random part, so two nodes on one host (or two applications in one test JVM)
 * never share an owner, and a restarted node does not inherit its predecessor's lease.
 */
@Component
public class ClusterLeases {

    private final JdbcTemplate jdbc;
    private final String node;

    public ClusterLeases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        this.node = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This node's name, as it appears in {@code cluster_lease.owner}. */
    public String node() {
        return node;
    }

    public ClusterLease lease(String name, Duration duration) {
        return new ClusterLease(jdbc, name, node, duration, Clock.systemUTC());
    }
}
