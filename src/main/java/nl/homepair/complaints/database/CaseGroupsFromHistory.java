package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 20: the groups that the tasks of cases registered before migration 19 were given to, from the
 * engine's identity links (open tasks and, at history level full, every task since), so that a member of a
 * group of handlers sees the older cases of their group and not the others' ({@code complaint.CaseGroups}).
 * A case whose history was already removed keeps no group, which lets every group of handlers see it, as
 * before. A new database has no engine tables yet when this runs, and nothing to fill in.
 */
@Component
public class CaseGroupsFromHistory extends NumberedMigration implements RepeatedAfterAnEarlierBuild {

    private static final Logger log = LoggerFactory.getLogger(CaseGroupsFromHistory.class);

    public CaseGroupsFromHistory() {
        super(20, "groups of the cases registered before, from the engine's identity links");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!hasTable(connection, "ACT_HI_IDENTITYLINK") || !hasTable(connection, "ACT_RU_IDENTITYLINK")) {
            return;
        }
        try (Statement insert = connection.createStatement()) {
            int groups = insert.executeUpdate("""
                    insert into case_group (complaint_id, group_id)
                    select distinct c.id, links.GROUP_ID_ from (
                        select il.GROUP_ID_, t.PROC_INST_ID_ from ACT_HI_IDENTITYLINK il
                        join ACT_HI_TASKINST t on t.ID_ = il.TASK_ID_
                        where il.TYPE_ = 'candidate' and il.OPERATION_TYPE_ = 'add' and il.GROUP_ID_ is not null
                        union
                        select il.GROUP_ID_, t.PROC_INST_ID_ from ACT_RU_IDENTITYLINK il
                        join ACT_RU_TASK t on t.ID_ = il.TASK_ID_
                        where il.TYPE_ = 'candidate' and il.GROUP_ID_ is not null
                    ) links
                    join ACT_HI_PROCINST p on p.ID_ = links.PROC_INST_ID_
                    join complaint c on c.reference = p.BUSINESS_KEY_
                    where not exists (select 1 from case_group g where g.complaint_id = c.id and g.group_id = links.GROUP_ID_)
                    """);
            log.info("{} groups recorded for the cases registered before", groups);
        }
    }
}
