package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 26: the other party's chat messages stored before they were marked as what others wrote, found by the name
 * the assessment gave the other party (the engine's history of {@code otherPartyName}) at the start of the line, so that
 * they stay out of the complainant's copy of their data (GDPR art. 15(4)). A name that is also the complainant's marks
 * nothing. A new database has no engine tables yet when this runs, and nothing to mark.
 */
@Component
public class ChatMessagesOfTheOtherParty extends NumberedMigration {

    private static final Logger log = LoggerFactory.getLogger(ChatMessagesOfTheOtherParty.class);

    public ChatMessagesOfTheOtherParty() {
        super(26, "the other party's chat messages are about others");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!hasTable(connection, "ACT_HI_VARINST") || !hasTable(connection, "ACT_HI_PROCINST")) {
            return;
        }
        try (Statement update = connection.createStatement()) {
            int marked = update.executeUpdate("""
                    update timeline_entry set about_others = true
                    where type = 'CHAT_MESSAGE' and about_others = false and exists (
                        select 1 from complaint c
                        join ACT_HI_PROCINST p on p.BUSINESS_KEY_ = c.reference
                        join ACT_HI_VARINST v on v.PROC_INST_ID_ = p.ID_ and v.NAME_ = 'otherPartyName'
                        where c.id = timeline_entry.complaint_id and v.TEXT_ is not null
                          and lower(trim(v.TEXT_)) <> lower(trim(c.complainant_name))
                          and (lower(timeline_entry.summary) like lower(concat('Chatbericht van ', trim(v.TEXT_), ':%'))
                            or lower(timeline_entry.summary) like lower(concat('Chatbericht van ', trim(v.TEXT_), ' [gesprek %'))))
                    """);
            log.info("{} chat messages of the other party marked as about others", marked);
        }
    }
}
