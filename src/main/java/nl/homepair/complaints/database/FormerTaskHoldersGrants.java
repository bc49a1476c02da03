package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 29: the engine gave every assignee of a task a grant of their own on it and never took it back, so whoever
 * once held an open task still read and could complete it after it was handed on (R12). Since then the grant goes with
 * the task ({@code engine.TeamLeadTaskGrants.Provider#newTaskAssignee}); this takes back, once, the grants that earlier
 * holders of open tasks kept: a person's grant on a task they neither hold (assignee), delegated and wait for (the
 * owner of a pending delegation) nor are a candidate of. Group grants stay, and so do revocations. A new database has no engine tables yet when this runs, and nothing to do.
 */
@Component
public class FormerTaskHoldersGrants extends NumberedMigration implements RepeatedAfterAnEarlierBuild {

    private static final Logger log = LoggerFactory.getLogger(FormerTaskHoldersGrants.class);

    public FormerTaskHoldersGrants() {
        super(29, "grants that earlier holders of open tasks kept taken back");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!hasTable(connection, "ACT_RU_AUTHORIZATION") || !hasTable(connection, "ACT_RU_TASK")) {
            return;
        }
        try (Statement delete = connection.createStatement()) {
            int taken = delete.executeUpdate("delete from ACT_RU_AUTHORIZATION where TYPE_ = " + Authorization.AUTH_TYPE_GRANT
                    + " and RESOURCE_TYPE_ = " + Resources.TASK.resourceType() + " and USER_ID_ is not null"
                    + " and exists (select 1 from ACT_RU_TASK t where t.ID_ = ACT_RU_AUTHORIZATION.RESOURCE_ID_"
                    + " and (t.ASSIGNEE_ is null or t.ASSIGNEE_ <> ACT_RU_AUTHORIZATION.USER_ID_)"
                    + " and (t.OWNER_ is null or t.OWNER_ <> ACT_RU_AUTHORIZATION.USER_ID_ or t.DELEGATION_ is null"
                    + " or t.DELEGATION_ <> 'PENDING'))"
                    + " and not exists (select 1 from ACT_RU_IDENTITYLINK l where l.TASK_ID_ = ACT_RU_AUTHORIZATION.RESOURCE_ID_"
                    + " and l.USER_ID_ = ACT_RU_AUTHORIZATION.USER_ID_)");
            log.info("{} grants that earlier holders kept on open tasks taken back", taken);
        }
    }
}
