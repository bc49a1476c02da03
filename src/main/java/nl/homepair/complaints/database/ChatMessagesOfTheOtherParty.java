package nl.homepair.complaints.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.text.PersonNames;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 26: the other party's chat messages stored before they were marked as what others wrote, found by the name
 * the assessment gave the other party (the engine's history of {@code otherPartyName}) at the start of the line, compared
 * as the chat door compares names ({@link PersonNames#key}), so that they stay out of the complainant's copy of their
 * data (GDPR art. 15(4)). A name that is also the complainant's marks nothing. A new database has no engine tables yet
 * when this runs, and nothing to mark.
 */
@Component
public class ChatMessagesOfTheOtherParty extends NumberedMigration implements RepeatedAfterAnEarlierBuild {

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
        // the other party's names per case, as keys (as the chat door compares them), without the complainant's own
        Map<Long, Set<String>> otherParty = new HashMap<>();
        // read in slices: after years there are millions of chat lines, and PostgreSQL's driver otherwise reads a whole
        // result into memory (it fetches in slices inside a transaction, which a migration runs in); of each line only
        // its start, where the author is, and a name is at most 200 characters
        try (Statement names = sliced(connection); ResultSet rows = names.executeQuery("""
                select c.id, c.complainant_name, v.TEXT_ from complaint c
                join ACT_HI_PROCINST p on p.BUSINESS_KEY_ = c.reference
                join ACT_HI_VARINST v on v.PROC_INST_ID_ = p.ID_ and v.NAME_ = 'otherPartyName'
                where v.TEXT_ is not null""")) {
            while (rows.next()) {
                String name = PersonNames.key(rows.getString(3));
                if (!name.isEmpty() && !name.equals(PersonNames.key(rows.getString(2)))) {
                    otherParty.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(name);
                }
            }
        }
        if (otherParty.isEmpty()) {
            return;
        }
        List<Long> marked = new ArrayList<>();
        try (Statement lines = sliced(connection); ResultSet rows = lines.executeQuery("select id, complaint_id,"
                + " substring(summary from 1 for 1000) from timeline_entry where type = 'CHAT_MESSAGE' and about_others = false")) {
            while (rows.next()) {
                Set<String> names = otherParty.get(rows.getLong(2));
                // "Chatbericht van <author>: …" or "Chatbericht van <author> [gesprek …]: …"
                String line = PersonNames.key(rows.getString(3));
                if (names != null && names.stream().anyMatch(name -> line.startsWith(PREFIX + name + ":")
                        || line.startsWith(PREFIX + name + " [gesprek "))) {
                    marked.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("update timeline_entry set about_others = true where id = ?")) {
            for (Long id : marked) {
                update.setLong(1, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        log.info("{} chat messages of the other party marked as about others", marked.size());
    }

    private static Statement sliced(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setFetchSize(1_000);
        return statement;
    }

    private static final String PREFIX = "chatbericht van ";
}
