package nl.homepair.complaints.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Copies, row for row, the open cases a database holds: every row the application and the
 * engine wrote for a case (complaint, timeline, case facts; executions, task, candidate
 * group, the task's authorizations, variables, timers, history, the case's groups) is inserted again with new
 * ids, so that a database of 100,000 open cases is made from a few thousand written the
 * application's way ({@link OpenCases}) in minutes instead of an hour on two cores.
 *
 * <p>A copy keeps everything but its identity: the engine's ids (time-based UUIDs, alone or
 * after an activity id) get copy number k in place of the "-1" of their version field ('g' for
 * the first copy, 'h' for the second, ...; never a hex digit, so never an existing id, and
 * the same length), the complaint id moves up by k million, and the reference follows the
 * complaint id wherever it is written (business key, task name, variables). Due dates, timers
 * and texts stay those of the original.
 */
final class CaseCopies {

    static final int MAX_COPIES = 20;
    private static final long OFFSET = 1_000_000L;

    /** Columns of the engine's tables that hold the id of a row of one case. */
    private static final Set<String> CASE_IDS = Set.of("id_", "root_proc_inst_id_", "proc_inst_id_", "parent_id_", "super_exec_",
            "act_inst_id_", "parent_act_inst_id_", "execution_id_", "task_id_", "call_proc_inst_id_", "var_inst_id_",
            "bytearray_id_", "parent_task_id_", "job_id_", "job_exception_stack_id_", "exception_stack_id_",
            "process_instance_id_", "super_process_instance_id_", "last_failure_log_id_", "resource_id_", "var_scope_");

    /** Per table: how its rows find their case's process instance ({@code x} the table, {@code t} its task). */
    private record Source(String table, String from) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("act_ru_execution", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_ru_task", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_ru_variable", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_ru_job", "join bench_copy_map m on m.pid = x.process_instance_id_"),
            new Source("act_ru_identitylink", "join act_ru_task t on t.id_ = x.task_id_ join bench_copy_map m on m.pid = t.proc_inst_id_"),
            // the engine's grant of the task to its candidate group (resource type 7: task)
            new Source("act_ru_authorization", "join act_ru_task t on t.id_ = x.resource_id_ and x.resource_type_ = 7"
                    + " join bench_copy_map m on m.pid = t.proc_inst_id_"),
            // and its grant on the task's history (enableHistoricInstancePermissions)
            new Source("act_ru_authorization", "join act_hi_taskinst t on t.id_ = x.resource_id_ and x.resource_type_ = "
                    + Resources.HISTORIC_TASK.resourceType() + " join bench_copy_map m on m.pid = t.proc_inst_id_"),
            new Source("act_hi_procinst", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_hi_actinst", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_hi_taskinst", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_hi_varinst", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_hi_detail", "join bench_copy_map m on m.pid = x.proc_inst_id_"),
            new Source("act_hi_identitylink", "join bench_copy_map m on m.pid = x.root_proc_inst_id_"),
            new Source("act_hi_job_log", "join bench_copy_map m on m.pid = x.process_instance_id_"),
            new Source("complaint", "join bench_copy_map m on m.cid = x.id"),
            new Source("timeline_entry", "join bench_copy_map m on m.cid = x.complaint_id"),
            new Source("case_facts", "join bench_copy_map m on m.cid = x.complaint_id"),
            new Source("case_group", "join bench_copy_map m on m.cid = x.complaint_id"));

    private CaseCopies() {
    }

    /** Makes {@code copies} copies of every open case in the database; answers the seconds it took. */
    static double copy(DataSource dataSource, int copies, boolean h2) throws SQLException {
        if (copies > MAX_COPIES) {
            throw new IllegalArgumentException("at most " + MAX_COPIES + " copies, not " + copies);
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_copy_map");
            statement.execute("create table bench_copy_map (pid varchar(64) primary key, cid bigint not null, ref varchar(20) not null)");
            statement.execute("insert into bench_copy_map (pid, cid, ref) select process_instance_id, id, reference from complaint"
                    + " where process_instance_id is not null");
            List<String> inserts = new ArrayList<>();
            for (int k = 1; k <= copies; k++) {
                for (Source source : SOURCES) {
                    inserts.add(insert(connection, source, k));
                }
            }
            connection.setAutoCommit(false);
            if (h2) {
                // H2 checks a foreign key per row: a child execution may come before its parent in one insert
                statement.execute("set referential_integrity false");
            }
            for (int i = 0; i < inserts.size(); i++) {
                statement.executeUpdate(inserts.get(i));
                if ((i + 1) % SOURCES.size() == 0) {
                    connection.commit();
                }
            }
            if (h2) {
                statement.execute("set referential_integrity true");
            }
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("drop table bench_copy_map");
            for (String sequence : List.of("complaint_seq:complaint", "timeline_seq:timeline_entry")) {
                String[] parts = sequence.split(":");
                try (ResultSet max = statement.executeQuery("select max(id) from " + parts[1])) {
                    max.next();
                    statement.execute("alter sequence " + parts[0] + " restart with " + (max.getLong(1) + 1));
                }
            }
            // as autovacuum (PostgreSQL) would after such a load; H2 keeps its own selectivity
            statement.execute("analyze");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static String insert(Connection connection, Source source, int k) throws SQLException {
        String copied = "'-" + (char) ('f' + k) + "'";
        long offset = k * OFFSET;
        String newReference = "substr(m.ref, 1, 8) || cast(m.cid + " + offset + " as varchar(20))";
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("select * from " + source.table() + " where 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnName(i);
                String name = column.toLowerCase(Locale.ROOT);
                String x = "x." + column;
                String value;
                if (source.table().startsWith("act_")) {
                    value = CASE_IDS.contains(name) ? "replace(" + x + ", '-1', " + copied + ")"
                            : name.equals("business_key_") ? newReference
                            // the task's name ("Eerste beoordeling KL-...") and the texts of variables name the case
                            : name.equals("name_") && source.table().contains("task") || name.equals("text_")
                            ? "replace(" + x + ", m.ref, " + newReference + ")"
                            : name.equals("long_") ? "case when x.name_ = 'complaintId' then " + x + " + " + offset + " else " + x + " end"
                            : x;
                } else {
                    value = name.equals("id") || name.equals("complaint_id") ? x + " + " + offset
                            : name.equals("reference") ? newReference
                            : name.equals("process_instance_id") ? "replace(" + x + ", '-1', " + copied + ")"
                            : x;
                }
                columns.add(column);
                values.add(value);
            }
        }
        return "insert into " + source.table() + " (" + String.join(", ", columns) + ") select " + String.join(", ", values)
                + " from " + source.table() + " x " + source.from();
    }
}
