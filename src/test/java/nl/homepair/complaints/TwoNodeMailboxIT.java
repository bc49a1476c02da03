package nl.homepair.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.mailbox.MailboxPoller;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL read one contact mailbox (GreenMail over IMAP), both polling
 * twice a second: only the holder of the mailbox lease reads it, every mail becomes exactly
 * one complaint, and when the holder dies (its database connections gone, so it cannot give
 * the lease up) the other node takes the mailbox over once the lease has expired.
 */
class TwoNodeMailboxIT {

    private static final String CONTACT = "contact@homepair.nl";
    private static final int MAILS = 40;
    private static final int MAILS_AFTER_DEATH = 10;
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail greenMail = TestMailServer.GREEN_MAIL;

    @Test
    void everyMailBecomesOneComplaintAndTheOtherNodeTakesOverWhenTheReaderDies() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        greenMail.setUser(CONTACT, CONTACT, "contact");
        try (ClusterNodes cluster = new ClusterNodes()) {
            String[] mailbox = {"--homepair.mailbox.enabled=true",
                "--homepair.mailbox.host=" + TestMailServer.IMAP.getBindAddress(),
                "--homepair.mailbox.port=" + TestMailServer.IMAP.getPort(),
                "--homepair.mailbox.poll-interval=PT0.5S", "--homepair.mailbox.lease-duration=" + LEASE,
                "--homepair.mailbox.max-new-complaints-per-hour=1000"};
            ConfigurableApplicationContext a = cluster.start("mailboxNodeA", mailbox);
            ConfigurableApplicationContext b = cluster.start("mailboxNodeB", mailbox);
            JdbcTemplate database = b.getBean(JdbcTemplate.class);
            JdbcTemplate polled = database;

            // mails arrive while both nodes poll on their own, and the test polls each node as well
            Set<String> holders = new LinkedHashSet<>();
            int polledByTestOnA = 0;
            int polledByTestOnB = 0;
            for (int i = 0; i < MAILS; i++) {
                deliver(i);
                if (i % 4 == 0) {
                    polledByTestOnB += b.getBean(MailboxPoller.class).poll();
                } else if (i % 4 == 2) {
                    polledByTestOnA += a.getBean(MailboxPoller.class).poll();
                }
                holder(database).ifPresent(holders::add);
                Thread.sleep(50);
            }
            waitUntil(() -> {
                holder(polled).ifPresent(holders::add);
                return processed(polled) == MAILS;
            });

            assertThat(holders).as("nodes that held the mailbox lease while both polled").hasSize(1);
            String reader = holders.iterator().next();
            ConfigurableApplicationContext holder = reader.equals(a.getBean(ClusterLeases.class).node()) ? a : b;
            ConfigurableApplicationContext survivor = holder == a ? b : a;
            assertThat(reader).isIn(a.getBean(ClusterLeases.class).node(), b.getBean(ClusterLeases.class).node());
            assertThat(holder == a ? polledByTestOnB : polledByTestOnA).as("mails read by the node without the lease").isZero();
            assertEveryMailIsOneComplaint(database, 0, MAILS);
            assertThat(folder("INBOX")).isZero();
            assertThat(folder("Verwerkt")).isEqualTo(MAILS);

            // the reader dies: its connections are gone, so it cannot hand the lease over
            Instant leaseEnd = database.queryForObject("select expires_at from cluster_lease where name = 'mailbox'",
                    Timestamp.class).toInstant();
            holder.getBean(HikariDataSource.class).close();
            holder.close();
            database = survivor.getBean(JdbcTemplate.class);
            JdbcTemplate survivorDatabase = database;
            for (int i = MAILS; i < MAILS + MAILS_AFTER_DEATH; i++) {
                deliver(i);
            }
            waitUntil(() -> processed(survivorDatabase) == MAILS + MAILS_AFTER_DEATH);

            assertThat(holder(database)).contains(survivor.getBean(ClusterLeases.class).node());
            Instant firstAfterDeath = database.queryForObject("select min(processed_at) from processed_mail p "
                    + "join complaint c on c.reference = p.reference where c.complainant_email = ?", Timestamp.class, sender(MAILS)).toInstant();
            assertThat(firstAfterDeath).as("taken over once the dead reader's lease ended").isAfterOrEqualTo(leaseEnd);
            assertEveryMailIsOneComplaint(database, 0, MAILS + MAILS_AFTER_DEATH);
            assertThat(folder("INBOX")).isZero();
            assertThat(folder("Verwerkt")).isEqualTo(MAILS + MAILS_AFTER_DEATH);
            assertThat(folder("Handmatig")).isZero();
        }
    }

    private static String sender(int i) {
        return "afzender" + i + "@example.nl";
    }

    private void deliver(int i) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(sender(i), "Afzender " + i));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(CONTACT));
        message.setSubject("Klacht nummer " + i, "UTF-8");
        message.setSentDate(new Date());
        message.setText("De klusser van opdracht " + i + " kwam niet opdagen.", "UTF-8");
        message.saveChanges();
        greenMail.getUserManager().getUser(CONTACT).deliver(message);
    }

    private static void assertEveryMailIsOneComplaint(JdbcTemplate database, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(database.queryForObject("select count(*) from complaint where complainant_email = ? and channel = 'MAILBOX'",
                    Long.class, sender(i))).as("complaints from mail %d", i).isEqualTo(1);
        }
        assertThat(database.queryForObject("select count(*) from complaint", Long.class)).isEqualTo(to - from);
        assertThat(database.queryForObject("select count(*) from processed_mail", Long.class)).isEqualTo(to - from);
    }

    private static long processed(JdbcTemplate database) {
        return database.queryForObject("select count(*) from processed_mail", Long.class);
    }

    private static java.util.Optional<String> holder(JdbcTemplate database) {
        return database.queryForList("select owner from cluster_lease where name = 'mailbox' and owner is not null",
                String.class).stream().findFirst();
    }

    private static int folder(String name) throws Exception {
        Store store = SESSION.getStore("imap");
        store.connect(TestMailServer.IMAP.getBindAddress(), TestMailServer.IMAP.getPort(), CONTACT, "contact");
        try {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            int count = folder.getMessageCount();
            folder.close(false);
            return count;
        } finally {
            store.close();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (long until = System.currentTimeMillis() + 90_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
            if (condition.getAsBoolean()) {
                return;
            }
        }
        throw new AssertionError("not reached within 90 s");
    }
}
