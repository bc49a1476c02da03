package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 11: since variables take a permission of their own
 * ({@code enforceSpecificVariablePermission}), the engine gives a task's candidate groups and
 * assignee {@code READ_VARIABLE} on the tasks it creates; the grants it made for tasks that
 * were open before do not have it, and their forms would open empty. Every grant on a task
 * that lets someone read it now also lets them read its variables, once. A new database has
 * no engine tables yet when this runs, and nothing to do.
 */
@Component
public class TaskVariablesReadable extends NumberedMigration implements RepeatedAfterAnEarlierBuild {

    private static final Logger log = LoggerFactory.getLogger(TaskVariablesReadable.class);

    public TaskVariablesReadable() {
        super(11, "open tasks' variables readable by who may read the task");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!hasTable(connection, "ACT_RU_AUTHORIZATION")) {
            return;
        }
        int read = Permissions.READ.getValue();
        int readVariable = TaskPermissions.READ_VARIABLE.getValue();
        try (Statement update = connection.createStatement()) {
            // PERMS_ is a bit set: READ is set, READ_VARIABLE not (also keeps ALL, every bit, as it is)
            int changed = update.executeUpdate("update ACT_RU_AUTHORIZATION set PERMS_ = PERMS_ + " + readVariable
                    + " where TYPE_ = " + Authorization.AUTH_TYPE_GRANT + " and RESOURCE_TYPE_ = " + Resources.TASK.resourceType()
                    + " and mod(PERMS_ / " + read + ", 2) = 1 and mod(PERMS_ / " + readVariable + ", 2) = 0");
            log.info("{} grants on open tasks may now also read the tasks' variables", changed);
        }
    }
}
