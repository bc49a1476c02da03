package nl.homepair.complaints.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * H2 plans a statement once per connection and keeps the plan (EngineTableTuning): the plan it
 * makes on a fresh database must already find an execution's variables by execution, not read
 * every variable that is not a task's. Checked on a fresh H2 database with the engine's own
 * tables, with the engine's own statement.
 */
class VariableLookUpPlanTest {

    /** {@code selectVariablesByExecutionId} of Camunda 7.24 (VariableInstance.xml), as MyBatis prepares it. */
    private static final String ENGINE_LOOK_UP = "SELECT RES.*, (case when RES.TASK_ID_ is not null and"
            + " RES.EXECUTION_ID_ is not null then EXECUTION.ACT_INST_ID_ when RES.CASE_EXECUTION_ID_ is not null"
            + " then RES.CASE_EXECUTION_ID_ when EXECUTION.PARENT_ID_ is null and RES.IS_CONCURRENT_LOCAL_ = false"
            + " then EXECUTION.ID_ when EXECUTION.IS_SCOPE_ = true and EXECUTION.PARENT_ID_ is not null and"
            + " RES.IS_CONCURRENT_LOCAL_ = false then PARENT_EXECUTION.ACT_INST_ID_ else EXECUTION.ACT_INST_ID_ end)"
            + " ACT_INST_ID_ FROM ACT_RU_VARIABLE RES LEFT JOIN ACT_RU_EXECUTION EXECUTION ON RES.EXECUTION_ID_ ="
            + " EXECUTION.ID_ LEFT JOIN ACT_RU_EXECUTION PARENT_EXECUTION ON EXECUTION.PARENT_ID_ ="
            + " PARENT_EXECUTION.ID_ WHERE EXECUTION_ID_ = ? AND TASK_ID_ is null";

    private static Connection freshEngineDatabase() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID(), "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("runscript from 'classpath:org/camunda/bpm/engine/db/create/activiti.h2.create.engine.sql'");
        }
        return connection;
    }

    private static String plan(Connection connection) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("explain " + ENGINE_LOOK_UP)) {
            explain.setString(1, "some-execution");
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    @Test
    void onAFreshDatabaseTheEnginesVariableLookUpGoesByExecutionOnceTuned() throws SQLException {
        try (Connection connection = freshEngineDatabase(); Statement statement = connection.createStatement()) {
            // untuned, H2 picks the index of TASK_ID_ for "TASK_ID_ is null": every variable not a task's
            assertThat(plan(connection)).contains("ACT_IDX_VARIABLE_TASK_ID").doesNotContain("ACT_FK_VAR_EXE");
            for (String sql : EngineTableTuning.H2) {
                statement.execute(sql);
            }
            assertThat(plan(connection)).contains("ACT_FK_VAR_EXE").doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
        }
    }

    @Test
    void aTasksOwnVariablesAreStillFoundByTheTasksIndex() throws SQLException {
        try (Connection connection = freshEngineDatabase(); Statement statement = connection.createStatement()) {
            for (String sql : EngineTableTuning.H2) {
                statement.execute(sql);
            }
            try (ResultSet plan = statement.executeQuery("explain select * from act_ru_variable where task_id_ = 'a-task'")) {
                plan.next();
                assertThat(plan.getString(1)).contains("ACT_IDX_VARIABLE_TASK");
            }
        }
    }
}
