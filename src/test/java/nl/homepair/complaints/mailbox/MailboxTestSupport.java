package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import nl.homepair.complaints.TestMailServer;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineRepository;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the mailbox tests share: a mail as a mail program sends it, delivered to the contact
 * mailbox of the real mail server (GreenMail) and read over IMAP by the application.
 */
abstract class MailboxTestSupport extends IntegrationTest {

    static final byte[] PNG = TestComplaints.PNG;
    static final Session SESSION = Session.getInstance(new Properties());

    @Autowired
    MailboxPoller poller;
    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;

    static MimeMessage mail(String from, String subject, String text, Map<String, byte[]> attachments) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(CONTACT_MAILBOX));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        MimeMultipart body = new MimeMultipart();
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        body.addBodyPart(textPart);
        for (var attachment : attachments.entrySet()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.getValue(), "application/octet-stream")));
            part.setFileName(attachment.getKey());
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            body.addBodyPart(part);
        }
        message.setContent(body);
        message.saveChanges();
        return message;
    }

    static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Delivers the mail to the contact mailbox and lets the application read it. */
    void receive(MimeMessage message) throws Exception {
        Set<String> before = jobIds();
        greenMail.getUserManager().getUser(CONTACT_MAILBOX).deliver(message);
        poller.poll();
        runDueJobsExcept(before); // a new case's first step runs as a job after its mail was taken in
    }

    List<String> folder(String name) throws Exception {
        Store store = SESSION.getStore("imap");
        store.connect(TestMailServer.IMAP.getBindAddress(), TestMailServer.IMAP.getPort(), CONTACT_MAILBOX, "contact");
        try {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<String> subjects = Arrays.stream(folder.getMessages()).map(m -> {
                try {
                    return m.getSubject();
                } catch (Exception e) {
                    return "?";
                }
            }).toList();
            folder.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    /** A complaint by the platform's API for this address, assessed and decided: the objection window is open. */
    Complaint decidedCase(String name, String email) throws Exception {
        String reference = submitted(name, email);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        greenMail.purgeEmailFromAllMailboxes();
        return complaints.findByReference(reference).orElseThrow();
    }

    String submitted(String name, String email) {
        JsonNode body = as("platform").postForObject("/api/complaints",
                TestComplaints.janJansen().name(name).email(email).request(), JsonNode.class);
        String reference = body.get("reference").asText();
        runDueJobs(reference);
        return reference;
    }

    /** A case registered by the platform whose handler asked the complainant for information: it waits for the answer. */
    String waitingForInformation(String name, String email, String question) {
        String reference = submitted(name, email);
        completeTask(reference, ComplaintProcess.TASK_ASSESS,
                Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes", question));
        return reference;
    }

    /** The newest task "E-mail handmatig verwerken": where a mail the rules do not settle goes. */
    /**
     * The mail set aside last, on the engine's clock as it is now: a task another test left open while it had moved the
     * clock weeks ahead is not this test's newest.
     */
    org.camunda.bpm.engine.task.Task newestManualMailTask() {
        java.util.Date now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
        return taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .taskCreatedBefore(new java.util.Date(now.getTime() + 1000)).orderByTaskCreateTime().desc().list().get(0);
    }

    Complaint reload(Complaint complaint) {
        return complaints.findById(complaint.getId()).orElseThrow();
    }

    int evidenceOf(Complaint complaint) {
        return jdbc.queryForObject("select count(*) from evidence where complaint_id = ?", Integer.class, complaint.getId());
    }

    List<String> timelineOf(Complaint complaint) {
        return timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()).stream().map(t -> t.getSummary()).toList();
    }

    boolean inBoardReview(Complaint complaint) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(complaint.getReference()).count() == 1;
    }

    /** What the decision mail quotes when a mail program replies to it. */
    static final String QUOTED_DECISION = """

            Op ma 4 mei 2026 om 10:00 schreef HomePair Klachten <klachten@homepair.nl>:
            > Ben je het niet eens met dit besluit? Dan kun je uiterlijk 4 november 2026 een
            > gemotiveerd bezwaar indienen bij de directie van HomePair.
            """;
}
