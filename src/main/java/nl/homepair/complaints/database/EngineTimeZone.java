package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TimeZone;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The process engine writes its moments (a job's due date and lock, a task's due date) as
 * timestamps without a zone, in the JVM's default time zone. Two nodes in different zones (a
 * container on UTC, a server on Europe/Amsterdam) would read each other's job locks as expired
 * and run the same job at once, and fire each other's timers hours early or late. So the zone
 * is part of the database: the first node records its zone, and a node whose zone differs
 * refuses to start, saying which zone to start it in. Checked after Flyway's migration, before
 * the job executor runs.
 */
@Component
public class EngineTimeZone extends BaseCallback {

    private static final Logger log = LoggerFactory.getLogger(EngineTimeZone.class);

    static final String SETTING = "engine-time-zone";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    /** Outside a transaction: a node that loses the race to record the zone reads the winner's (see {@link #check}). */
    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            check(context.getConnection(), TimeZone.getDefault().getID());
        } catch (SQLException e) {
            throw new FlywayException("The engine's time zone could not be checked: " + e.getMessage(), e);
        }
        daylightSavingWarning(TimeZone.getDefault().getID()).ifPresent(log::warn);
    }

    /**
     * A zone with daylight saving time writes the hour that is repeated in autumn twice alike: a job lock or timer
     * written in the second pass reads back an hour early (a lock that looks expired, so a job that runs twice). The
     * nodes run well in it the rest of the year, so this is a warning at every start, not a refusal.
     */
    static java.util.Optional<String> daylightSavingWarning(String zone) {
        if (java.time.ZoneId.of(zone).getRules().isFixedOffset()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("The engine's timestamps are written in time zone " + zone + ", which has daylight"
                + " saving time: in the night the clocks go back, job locks and timers written in the repeated hour read"
                + " back an hour early (a job may run twice). Run the nodes on UTC (java -Duser.timezone=UTC) for a new"
                + " database; working days, mails and forms use Amsterdam time whatever the zone.");
    }

    /**
     * Records {@code zone} in an empty database; refuses a zone with other rules than the one recorded ("UTC" and
     * "Etc/UTC" are the same zone by other names, as two images may name it).
     */
    static void check(Connection connection, String zone) throws SQLException {
        String recorded = recorded(connection);
        if (recorded == null) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into cluster_setting (name, setting_value) values (?, ?)")) {
                insert.setString(1, SETTING);
                insert.setString(2, zone);
                insert.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (SQLException anotherNodeWasFirst) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                // two nodes starting together on an empty database (Flyway's lock is released before this runs)
                recorded = recorded(connection);
                if (recorded == null) {
                    throw anotherNodeWasFirst;
                }
            }
            if (recorded == null) {
                long waiting;
                try {
                    waiting = waitingEngineRows(connection);
                } catch (SQLException e) {
                    log.warn("The engine's timestamps are written in time zone {} from now on; whether this database holds"
                            + " jobs of an earlier build, written in its zone, could not be read ({})", zone, e.toString());
                    return;
                }
                if (waiting > 0) {
                    // an upgrade from a build of before the zone was recorded: that build's timestamps are in its zone,
                    // which nothing here knows; a node in another zone fires their timers hours early or late
                    log.warn("The engine's timestamps are written in time zone {} from now on, the zone of this node; this"
                            + " database already holds {} waiting jobs and tasks written by an earlier build, in the zone"
                            + " that build ran in. If that was another zone (the old server's TZ), stop every node and start"
                            + " them in it (java -Duser.timezone=<zone>), after deleting the row '{}' of cluster_setting",
                            zone, waiting, SETTING);
                } else {
                    log.info("The engine's timestamps are written in time zone {} (every node must run in it)", zone);
                }
                return;
            }
        }
        if (!TimeZone.getTimeZone(recorded).hasSameRules(TimeZone.getTimeZone(zone))) {
            throw new FlywayException("This node runs in time zone " + zone + ", but the database's engine timestamps are"
                    + " written in " + recorded + ": start every node in that zone (java -Duser.timezone=" + recorded
                    + " -jar ..., or TZ=" + recorded + "), or jobs run twice and timers fire at the wrong hour.");
        }
    }

    /** The engine's waiting jobs and open tasks; none on a new database, whose engine tables come after this check. */
    static long waitingEngineRows(Connection connection) throws SQLException {
        long rows = 0;
        for (String table : new String[] {"act_ru_job", "act_ru_task"}) {
            if (exists(connection, table)) {
                try (PreparedStatement count = connection.prepareStatement("select count(*) from " + table);
                     ResultSet row = count.executeQuery()) {
                    row.next();
                    rows += row.getLong(1);
                }
            }
        }
        return rows;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        // H2 keeps unquoted names in upper case, PostgreSQL in lower case
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            // the connection's own schema: a copy of the engine's tables in another schema (a backup) is not this database's
            try (ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(), name,
                    new String[] {"TABLE", "BASE TABLE"})) {
                if (found.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String recorded(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select setting_value from cluster_setting where name = ?")) {
            select.setString(1, SETTING);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
