package nl.homepair.complaints.privacy;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.cluster.ClusterLease;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.complaint.CaseOutcome;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineRepository;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.text.MarkdownText;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** R13: retention, export and erasure, checked in the application tables and the engine's history. */
class PrivacyTest extends IntegrationTest {


    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    SentMailRepository sentMails;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    HistoryService historyService;
    @Autowired
    PrivacyService privacy;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseMailer mailer;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /**
     * R13 in a cluster where another node reads the contact mailbox: this node (the tests' application reads none) cannot
     * remove an erased person's originals from its folders, and its answer says so (null: remove them by hand), not 0;
     * without a mailbox in the cluster there is nothing to remove.
     */
    @Test
    void anErasureOnANodeThatDoesNotReadTheMailboxSaysItCouldNotRemoveTheOriginals(
            @Autowired nl.homepair.complaints.cluster.ClusterSettings settings) {
        List<String> marks = List.of("mailbox-read-until", "mailbox-in-use");
        marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
        try {
            assertThat(privacy.eraseFiledMail(List.of("weg.ermee@example.nl"), List.of())).isZero();
            // another node read it, two hours ago (it may be down): its folders may still hold the person's mails
            settings.put("mailbox-in-use", java.time.Instant.now().minus(java.time.Duration.ofHours(2)).toString());
            assertThat(privacy.eraseFiledMail(List.of("weg.ermee@example.nl"), List.of())).isNull();
        } finally {
            marks.forEach(name -> jdbc.update("delete from cluster_setting where name = ?", name));
        }
    }

    private String submit(String name, String email) {
        return submit(janJansen().name(name).email(email).with("subject", "CONDUCT").with("jobReference", "OPD-" + name.hashCode())
                .description(name + " schreef mij beledigende berichten.").with("chatSummary", "Chat met " + name)
                .file("screenshot-" + name + ".png", PNG));
    }

    private void closeAsInadmissible(String reference) {
        var task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.complete(task.getId(), Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten de procedure, zie de voorwaarden."));
        runDueJobs(reference);
        endObjectionWindow(reference);
    }

    /**
     * Rows of the application's tables in which this text still occurs: an address of this test's own, since other
     * classes' cases share the database (a {@code LIKE} on "oud@example.nl" finds their "oud@example.nl" too).
     */
    private int rowsMentioning(String text) {
        String like = "%" + text.toLowerCase() + "%";
        return jdbc.queryForObject("select count(*) from complaint where lower(complainant_name) like ? or lower(complainant_email) like ?"
                + " or lower(description) like ? or lower(chat_summary) like ?", Integer.class, like, like, like, like)
                + jdbc.queryForObject("select count(*) from timeline_entry where lower(summary) like ?", Integer.class, like)
                + jdbc.queryForObject("select count(*) from sent_mail where lower(recipient) like ? or lower(body) like ?", Integer.class, like, like)
                + jdbc.queryForObject("select count(*) from evidence where lower(file_name) like ?", Integer.class, like)
                // what a handler wrote as a comment in Tasklist, what a failed job or an incident said
                + jdbc.queryForObject("select count(*) from ACT_HI_COMMENT where lower(MESSAGE_) like ?", Integer.class, like)
                + jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where lower(JOB_EXCEPTION_MSG_) like ?", Integer.class, like)
                + jdbc.queryForObject("select count(*) from ACT_HI_INCIDENT where lower(INCIDENT_MSG_) like ?", Integer.class, like)
                + jdbc.queryForObject("select count(*) from ACT_HI_OP_LOG where lower(NEW_VALUE_) like ? or lower(ORG_VALUE_) like ?",
                        Integer.class, like, like)
                // a task's name in the list: the complainant's name, a set-aside message's subject
                + jdbc.queryForObject("select count(*) from ACT_HI_TASKINST where lower(NAME_) like ?", Integer.class, like);
    }

    /** The Idempotency-Key of the request and its hash (of name, address and text) go with the rest. */
    @Test
    void anErasedComplaintKeepsNoTraceOfTheRequestThatRegisteredIt() {
        HttpEntity<?> request = janJansen().name("Ida Idem").email("ida@example.nl").request();
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.set("Idempotency-Key", "ida-1");
        String reference = as("platform").postForEntity("/api/complaints", new HttpEntity<>(request.getBody(), headers),
                JsonNode.class).getBody().get("reference").asText();
        assertThat(jdbc.queryForObject("select count(*) from complaint where reference = ? and intake_key is not null "
                + "and intake_fingerprint is not null", Integer.class, reference)).isEqualTo(1);

        privacy.erase("ida@example.nl", "teamleider");

        assertThat(jdbc.queryForObject("select count(*) from complaint where reference = ? and intake_key is null "
                + "and intake_fingerprint is null", Integer.class, reference)).isEqualTo(1);
    }

    @Test
    void aMailThatBelongsToNoCaseLeavesTheOutboxAfterItsRetentionAndAtOnceOnErasure() {
        mailer.sendWithoutCase("olga.oud.buiten.zaak@example.nl", "onbekende-referentie",
                Map.of("name", "Olga Oud", "quotedReference", "KL-2026-999998"), "test:old");
        assertThat(rowsMentioning("olga.oud.buiten.zaak@example.nl")).as("in the outbox").isEqualTo(1);
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(31).toMillis()));
        mailer.sendWithoutCase("niels.nieuw.buiten.zaak@example.nl", "onbekende-referentie",
                Map.of("name", "Niels Nieuw", "quotedReference", "KL-2026-999997"), "test:new");

        privacy.anonymiseExpired();
        assertThat(rowsMentioning("olga.oud.buiten.zaak@example.nl")).as("after 30 days").isZero();
        assertThat(rowsMentioning("niels.nieuw.buiten.zaak@example.nl")).as("a day old").isEqualTo(1);

        privacy.erase("Niels.Nieuw.Buiten.Zaak@Example.nl ", "teamleider");
        assertThat(rowsMentioning("niels.nieuw.buiten.zaak@example.nl")).as("erased on request").isZero();
    }

    /** The address a handler corrected away is the same person's: an erasure asked by the new one clears the old one too. */
    @Test
    void anErasureCoversTheAddressesACaseHadBefore(@Autowired nl.homepair.complaints.casework.AddressCorrection corrections) {
        String reference = submit("Olga Oudadres", "olga@exampel.nl");
        corrections.correct(complaints.findByReference(reference).orElseThrow(), "olga@example.nl", false, true, "behandelaar");

        assertThat(privacy.addressesOf("Olga@Example.nl")).containsExactlyInAnyOrder("olga@example.nl", "olga@exampel.nl");
        assertThat(privacy.addressesOf("iemand.anders@example.nl")).containsExactly("iemand.anders@example.nl");

        // an answer to a mail of hers from the old address, that belonged to no case: in the export asked by the new one
        mailer.sendWithoutCase("olga@exampel.nl", "onbekende-referentie",
                Map.of("name", "Olga Oudadres", "quotedReference", "KL-2026-999981"), null);
        JsonNode export = as("teamleider").postForObject("/api/privacy/export", Map.of("email", "olga@example.nl"), JsonNode.class);
        assertThat(export.get("mailsWithoutCase").findValuesAsText("recipient")).containsExactly("olga@exampel.nl");
    }

    /**
     * An objection or an answer registered by letter keeps its text in the start form's history (also once the form's
     * delegate removed it: as a deleted variable and in its details): it goes with the case.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"objectionReference, objectionMotivationText, lotte.brief",
            "informationReference, informationText, lotte.antwoord"})
    void anErasedCaseTakesTheLetterRegistrationsFormWithIt(String referenceField, String textField, String who) {
        String reference = submit("Lotte Brief", who + "@example.nl");
        // the form's variables as "Bezwaar registreren" and "Antwoord registreren" leave them in the history (the reference
        // as typed over)
        String letter = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of(referenceField,
                reference.toLowerCase().replace('-', ' '), textField, "Lotte Brief schrijft: ik ben het oneens.",
                "mailFolder", "Handmatig", "mailProblem", "test", "receivedAt", new Date())).getId();
        runtimeService.removeVariable(letter, textField);
        assertThat(historyService.createHistoricVariableInstanceQuery().includeDeleted().processInstanceId(letter)
                .variableName(textField).count()).isPositive();

        privacy.erase(who + "@example.nl", "teamleider");

        assertThat(historyService.createHistoricVariableInstanceQuery().includeDeleted().processInstanceId(letter).count()).isZero();
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(letter).count()).isZero();
    }

    @Test
    void theNightlyCleanUpIsLeftToTheNodeThatHoldsItsLease() {
        String reference = submit("Nora Nacht", "nora@example.nl");
        closeAsInadmissible(reference);
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(731).toMillis()));
        ClusterLease otherNode = new ClusterLeases(jdbc).lease(PrivacyService.LEASE, Duration.ofMinutes(5));
        assertThat(otherNode.acquire()).isTrue();

        privacy.nightlyCleanUp();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).as("the other node's to do").isNull();

        otherNode.release();
        privacy.nightlyCleanUp();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).isNotNull();
        assertThat(otherNode.holder()).as("given up after the clean-up").isEmpty();
    }

    private List<HistoricVariableInstance> historyOf(String reference) {
        List<String> instances = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list()
                .stream().map(h -> h.getId()).toList();
        return instances.stream().flatMap(id -> historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(id).list().stream()).toList();
    }

    /** A case whose process was restarted over REST (a new id under its reference) runs: erased on request, it is stopped. */
    @Test
    void anErasureOfACaseWithARestartedProcessStopsItAndDoesNotCallItStranded() {
        String reference = submit("Rik Herstart", "rik.herstart@example.nl");
        runDueJobs(reference);
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        Map<String, Object> variables = runtimeService.getVariables(process);
        runtimeService.deleteProcessInstance(process, "opnieuw gestart");
        String restarted = runtimeService.startProcessInstanceByKey(nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY,
                reference, variables).getId();

        privacy.erase("rik.herstart@example.nl", "teamleider");

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(restarted).count()).isZero();
        Complaint erased = complaints.findByReference(reference).orElseThrow();
        assertThat(erased.getOutcome()).isNotEqualTo(CaseOutcome.PROCESS_ENDED);
        assertThat(jdbc.queryForObject("select stopped_by_erasure from case_facts where complaint_id = ?", Boolean.class,
                erased.getId())).isTrue();
    }

    /** An administrator deleted a case's process in Cockpit: never closed, it still loses its data after the period. */
    @Test
    void aCaseWhoseProcessWasDeletedIsAnonymisedAfterTheRetentionPeriodToo() {
        String reference = submit("Stijn Gestrand", "stijn.gestrand@example.nl");
        runDueJobs(reference);
        String process = complaints.findByReference(reference).orElseThrow().getProcessInstanceId();
        runtimeService.deleteProcessInstance(process, "verwijderd in Cockpit");

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(729).toMillis()));
        privacy.anonymiseExpired();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).as("not yet").isNull();
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(731).toMillis()));
        privacy.anonymiseExpired();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).isNotNull();
        assertThat(rowsMentioning("stijn.gestrand@example.nl")).isZero();
        // closed with it, not open for ever in the figures; no handling time of two years
        Complaint closed = complaints.findByReference(reference).orElseThrow();
        assertThat(closed.getOutcome()).isEqualTo(CaseOutcome.PROCESS_ENDED);
        assertThat(closed.getClosedAt()).isNotNull();
        assertThat(jdbc.queryForMap("select outcome, closed_at, closing_days from case_facts where complaint_id = ?",
                closed.getId())).containsEntry("OUTCOME", "PROCESS_ENDED").containsEntry("CLOSING_DAYS", null)
                .extractingByKey("CLOSED_AT").isNotNull();
    }

    @Test
    void aClosedCasePastRetentionIsAnonymisedAndItsHistoryCleanedWhileTheFiguresStay() {
        String reference = submit("Karel Klager", "karel@example.nl");
        closeAsInadmissible(reference);
        assertThat(rowsMentioning("Karel")).isPositive();
        assertThat(historyOf(reference)).isNotEmpty();

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(729).toMillis()));
        privacy.anonymiseExpired();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).as("not yet").isNull();
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(731).toMillis()));
        assertThat(privacy.anonymiseExpired()).isPositive();
        assertThat(complaints.findByReference(reference).orElseThrow().getAnonymisedAt()).isNotNull();

        assertThat(rowsMentioning("Karel")).isZero();
        assertThat(rowsMentioning("karel@example.nl")).isZero();
        assertThat(historyOf(reference)).isEmpty();
        // the task names in the engine's history no longer carry the complainant's name (tasklist.TaskHeadline)
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference).list())
                .isNotEmpty().allSatisfy(t -> assertThat(t.getName()).doesNotContain("Karel"));
        Complaint kept = complaints.findByReference(reference).orElseThrow();
        assertThat(kept.getOutcome()).isEqualTo(CaseOutcome.INADMISSIBLE);
        assertThat(kept.getRole()).isNotNull();
        assertThat(kept.getSubject()).isNotNull();
        assertThat(kept.getReceivedAt()).isNotNull();
        assertThat(kept.getClosedAt()).isNotNull();
        assertThat(kept.getAcknowledgedAt()).isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from evidence where complaint_id = ?", Integer.class, kept.getId())).isZero();

        // the engine's own history cleanup removes the finished process after its historyTimeToLive
        String cleanup = historyService.cleanUpHistoryAsync(true).getId();
        managementService.executeJob(cleanup);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(complaints.findByReference(reference)).isPresent(); // the figures stay
    }

    /**
     * A case that cannot be anonymised (its model's deployment deleted in Cockpit, its history left behind) is named
     * in the log and tried again the next night; the other cases past their retention are done meanwhile.
     */
    @Test
    void oneCaseThatCannotBeAnonymisedDoesNotHoldUpTheOthers() {
        String broken = submit("Bram Breuk", "bram.breuk@example.nl");
        closeAsInadmissible(broken);
        String fine = submit("Gerda Gewoon", "gerda.gewoon@example.nl");
        closeAsInadmissible(fine);
        String instance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(broken)
                .processDefinitionKey(ComplaintProcess.PROCESS_KEY).singleResult().getId();
        String definition = jdbc.queryForObject("select PROC_DEF_ID_ from ACT_HI_PROCINST where ID_ = ?", String.class, instance);
        jdbc.update("update ACT_HI_PROCINST set PROC_DEF_ID_ = 'verwijderd:1:0' where ID_ = ?", instance);
        jdbc.update("update ACT_HI_TASKINST set PROC_DEF_ID_ = 'verwijderd:1:0' where PROC_INST_ID_ = ?", instance);
        try {
            ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(731).toMillis()));

            assertThat(privacy.anonymiseExpired()).isPositive();

            assertThat(complaints.findByReference(fine).orElseThrow().getAnonymisedAt()).isNotNull();
            assertThat(complaints.findByReference(broken).orElseThrow().getAnonymisedAt()).as("left for the next night").isNull();
        } finally {
            jdbc.update("update ACT_HI_PROCINST set PROC_DEF_ID_ = ? where ID_ = ?", definition, instance);
            jdbc.update("update ACT_HI_TASKINST set PROC_DEF_ID_ = ? where PROC_INST_ID_ = ?", definition, instance);
        }
        assertThat(privacy.anonymiseExpired()).isPositive();
        assertThat(complaints.findByReference(broken).orElseThrow().getAnonymisedAt()).as("done once it can be").isNotNull();
    }

    @Test
    void anExportHoldsEverythingAboutTheComplainantAndNothingAboutOthers() {
        String mine = submit("Petra Privacy", "petra@example.nl");
        String other = submit("Otto Ander", "otto@example.nl");
        mailer.sendWithoutCase("petra@example.nl", "onbekende-referentie",
                Map.of("name", "Petra Privacy", "quotedReference", "KL-2026-999994"), null);
        mailer.sendWithoutCase("otto@example.nl", "onbekende-referentie",
                Map.of("name", "Otto Ander", "quotedReference", "KL-2026-999993"), null);

        // mediation: the other party gets a mail of its own (their name and address are theirs, not Petra's)
        var assess = taskService.createTaskQuery().processInstanceBusinessKey(mine)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.complete(assess.getId(), Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes", "We gaan bemiddelen.",
                "otherPartyName", "Schildersbedrijf Verfkwast", "otherPartyEmail", "verfkwast@example.org"));
        runDueJobs(mine);
        assertThat(jdbc.queryForObject("select count(*) from sent_mail where recipient = 'verfkwast@example.org'", Integer.class))
                .isOne();

        JsonNode export = as("teamleider").postForObject("/api/privacy/export", Map.of("email", "PETRA@example.nl"), JsonNode.class);

        assertThat(export.get("cases").findValuesAsText("reference")).containsExactly(mine);
        JsonNode theCase = export.get("cases").get(0);
        assertThat(theCase.get("name").asText()).isEqualTo("Petra Privacy");
        assertThat(theCase.get("chatSummary").asText()).isEqualTo("Chat met Petra Privacy");
        assertThat(theCase.get("evidence").get(0).get("contentBase64").asText()).isEqualTo(Base64.getEncoder().encodeToString(PNG));
        assertThat(theCase.get("mails").findValuesAsText("recipient")).containsOnly("petra@example.nl");
        assertThat(theCase.get("timeline")).isNotEmpty();
        assertThat(export.get("mailsWithoutCase")).singleElement()
                .satisfies(mail -> assertThat(mail.get("body").asText()).contains("KL-2026-999994"));
        // (the unknown-reference mail shows an example number, "bijvoorbeeld KL-2026-000123", which is no case of anyone's
        // but was Otto's in a test JVM whose numbering reached it)
        assertThat(export.toString().replace("bijvoorbeeld KL-2026-000123", "bijvoorbeeld"))
                .doesNotContain("Otto", other, "KL-2026-999993", "verfkwast@example.org");
        // what the case records about her, besides its texts: when it was acknowledged, and the rest as it happens
        assertThat(theCase.get("acknowledgedAt").isNull()).isFalse();
        assertThat(theCase.has("objectionDeadline")).isTrue();
        assertThat(theCase.has("externalDisputeSubmitted")).isTrue();
        // who read her whole file is on the case's record (not in her copy)
        assertThat(jdbc.queryForList("select t.actor from timeline_entry t join complaint c on c.id = t.complaint_id"
                + " where c.reference = ? and t.summary like 'Gegevens van de klager geëxporteerd%'", String.class, mine))
                .containsExactly("teamleider");

        Map<String, String> petra = Map.of("email", "petra@example.nl");
        assertThat(as("behandelaar").postForEntity("/api/privacy/export", petra, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("platform").postForEntity("/api/privacy/export", petra, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // the address never in a URL (access logs, browser history): the old way is refused with what to do instead
        var byUrl = as("teamleider").getForEntity("/api/privacy/export?email=petra@example.nl", JsonNode.class);
        assertThat(byUrl.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(byUrl.getBody().get("message").asText()).contains("POST /api/privacy/export");
        assertThat(byUrl.getHeaders().getAllow()).containsExactly(org.springframework.http.HttpMethod.POST);
        var invalid = as("teamleider").postForEntity("/api/privacy/export", Map.of("email", "geen adres"), JsonNode.class);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().toString()).contains("Geef een geldig e-mailadres op.");
    }

    @Test
    void erasureOnRequestLeavesNoPersonalDataAndRecordsThatItHappened() {
        String open = submit("Erik Wissen", "erik@example.nl");
        String closed = submit("Erik Wissen", "erik@example.nl");
        closeAsInadmissible(closed);
        String someoneElse = submit("Wendy Blijft", "wendy@example.nl");
        // a mail of Erik's that a person had to handle, and one of someone whose address merely contains his
        // (stored as the mailbox stores a sender for the handler's form: MailboxPoller.setAside)
        String henks = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                MarkdownText.escape("Henk <henk.erik@example.nl>"), "mailSubject", "Iets", "mailFolder", "Handmatig",
                "mailProblem", "test", "receivedAt", new Date())).getId();
        String eriks = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                MarkdownText.escape("Erik Wissen <erik@example.nl>"), "mailSubject", "Klacht van Erik Wissen", "mailText", "Ik ben Erik Wissen.",
                "mailFolder", "Handmatig", "mailProblem", "test", "receivedAt", new Date())).getId();
        assertThat(taskService.createTaskQuery().processInstanceId(eriks).singleResult().getName())
                .as("the list names a set-aside message by its subject").contains("Erik Wissen");
        // his answer from his work address, set aside for a person with his case named
        String fromWork = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                MarkdownText.escape("E. W. <e.w@werk.example.com>"), "mailSubject", "Re: " + open, "mailText",
                "De foto, vanaf mijn werk.", "mailCaseReference", open, "mailFolder", "Handmatig", "mailProblem", "test",
                "receivedAt", new Date())).getId();

        // a handler's comments in Tasklist, on the open case's task and on the case (Tasklist's "Opmerking toevoegen")
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(open).singleResult();
        // the operation log records what a person did (an administrator here: the test needs no claim first)
        identityService.setAuthentication("beheerder", List.of(Groups.ADMINS));
        try {
            String comment = taskService.createComment(task.getId(), task.getProcessInstanceId(), "Erik belde.").getId();
            taskService.updateTaskComment(task.getId(), comment, "Erik Wissen belde: bereikbaar na 17 uur.");
            taskService.createComment(null, task.getProcessInstanceId(), "Erik wil teruggebeld worden.");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_OP_LOG where lower(NEW_VALUE_) like '%erik%'", Integer.class))
                .as("the changed comment in the operation log").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where PROCESS_INSTANCE_ID_ = ?", Integer.class,
                task.getProcessInstanceId())).as("the case's steps ran as jobs").isPositive();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> response = as("beheerder").postForEntity("/api/privacy/erasure",
                new HttpEntity<>("{\"email\":\"erik@example.nl\"}", headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("references").toString()).contains(open, closed);
        assertThat(rowsMentioning("Erik")).isZero();
        assertThat(rowsMentioning("erik@example.nl")).isZero();
        assertThat(historyOf(open)).isEmpty();
        assertThat(historyOf(closed)).isEmpty();
        // the outline of the case's history stays (which steps, when), what a job said about it goes
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(task.getProcessInstanceId()).count())
                .isPositive();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_JOB_LOG where PROCESS_INSTANCE_ID_ = ?", Integer.class,
                task.getProcessInstanceId())).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(open).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(open).count()).isZero();

        ErasureRecord record = privacyRecords().get(0);
        assertThat(record.getEmailHash()).isEqualTo(PrivacyService.hash("Erik@Example.nl")).doesNotContain("erik");
        assertThat(record.getRequestedBy()).isEqualTo("beheerder");

        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("mailFrom").list())
                .noneMatch(v -> PrivacyService.addressIn(String.valueOf(v.getValue())).equals("erik@example.nl"));
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("mailFrom").list())
                .anyMatch(v -> PrivacyService.addressIn(String.valueOf(v.getValue())).equals("henk.erik@example.nl"));
        // Erik's mail that waited for a person is gone with its task and its text; Henk's still waits
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(eriks).count()).isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(eriks).count()).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(henks).count()).isOne();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(fromWork).count()).isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(fromWork).count()).isZero();
        assertThat(rowsMentioning("Wendy")).isPositive(); // nobody else's data was touched
        assertThat(historyOf(someoneElse)).isNotEmpty();
    }

    /** The affected user's objection runs a review of its own: erasure stops it too, and nothing comes back after. */
    /**
     * The complainant's erasure during mediation: the other party, asked to answer in the chat, is told the mediation
     * ended (not why, and nothing of the complainant), as after a withdrawal.
     */
    /**
     * The tradesperson of a mediation asks what HomePair holds about them, then for erasure: the answers named no case,
     * while the case keeps their name, address and the mails sent to them, which its mediation needs. Both answers now
     * name the case, their part in it and, once it is closed, until when its data stay (GDPR art. 15, 17(3)(e)).
     */
    @Test
    void theOtherPartyOfAMediationHearsWhichCaseHoldsTheirDataAndUntilWhen() throws Exception {
        String reference = submit("Klaas Klager", "klaas.klager@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Stukadoor Smit", "otherPartyEmail", "stukadoor.smit@example.org"));
        runDueJobs(reference);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<String> smit = new HttpEntity<>("{\"email\":\"Stukadoor.Smit@example.org\"}", headers);

        JsonNode export = as("beheerder").postForEntity("/api/privacy/export", smit, JsonNode.class).getBody();
        assertThat(export.get("cases")).isEmpty();
        assertThat(export.get("namedInOtherCases")).hasSize(1);
        JsonNode named = export.get("namedInOtherCases").get(0);
        assertThat(named.get("reference").asText()).isEqualTo(reference);
        assertThat(named.get("role").asText()).isEqualTo("OTHER_PARTY");
        assertThat(named.get("status").asText()).isEqualTo("IN_MEDIATION");
        assertThat(named.get("keptUntil").isNull()).as("open: until its closing and the retention after it").isTrue();

        // their reply, set aside for a person with the case named: the case waits for that choice
        String reply = runtimeService.startProcessInstanceByKey("manualMailHandling", Map.of("mailFrom",
                MarkdownText.escape("Stukadoor Smit <stukadoor.smit@example.org>"), "mailSubject", "Re: " + reference,
                "mailText", "Mijn kant van het verhaal.", "mailCaseReference", reference, "mailFolder", "Handmatig",
                "mailProblem", "test", "receivedAt", new Date())).getId();

        JsonNode erased = as("beheerder").postForEntity("/api/privacy/erasure", smit, JsonNode.class).getBody();
        assertThat(erased.get("references")).isEmpty();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(reply).count()).isZero();
        // the case says its awaited message went, so that nobody waits for it
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaints.findByReference(reference).orElseThrow()
                .getId())).anyMatch(line -> line.getSummary().startsWith("Een e-mail over deze zaak die nog wachtte in 'E-mail handmatig"
                        + " verwerken', is op verzoek van de afzender gewist") && line.isAboutOthers());
        assertThat(erased.get("stillNamedIn").get(0).get("reference").asText()).isEqualTo(reference);
        // the complainant's case goes on: the mediation still reaches the tradesperson
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isOne();
        // the complainant's own export does not list the case a second time as someone else's
        JsonNode klaas = as("beheerder").postForEntity("/api/privacy/export",
                new HttpEntity<>("{\"email\":\"klaas.klager@example.nl\"}", headers), JsonNode.class).getBody();
        assertThat(klaas.get("cases")).hasSize(1);
        assertThat(klaas.get("namedInOtherCases")).isEmpty();
    }

    /**
     * After a failed mediation the decision form is filled with the other party as the user a measure would hit: a
     * decision without a measure does not make them that, and the answer says only what they were. A professional
     * invited by mistake, whose address was corrected away, still hears which case kept the mails sent to them.
     */
    @Test
    void theAnswerNamesOnlyTheRolesAPersonHadAndAnAddressCorrectedAway(
            @Autowired nl.homepair.complaints.casework.AddressCorrection corrections) {
        String reference = submit("Bert Besluit", "bert.besluit@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Voeger Vos", "otherPartyEmail", "voeger.vos@example.org"));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "NOT_RESOLVED",
                "mediationNotes", "Geen akkoord."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation",
                "Niet aangetoond."));
        assertThat(privacy.namedIn("voeger.vos@example.org")).extracting(PrivacyService.NamedIn::role)
                .containsExactly("OTHER_PARTY");

        String wrong = submit("Carla Corrigeer", "carla.corrigeer@example.nl");
        completeTask(wrong, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Verkeerde Vakman", "otherPartyEmail", "verkeerde.vakman@example.org"));
        runDueJobs(wrong);
        corrections.correctOtherParty(complaints.findByReference(wrong).orElseThrow(), "juiste.vakman@example.org",
                "Juiste Vakman", false, "behandelaar");
        assertThat(privacy.namedIn("verkeerde.vakman@example.org")).singleElement().satisfies(named -> {
            assertThat(named.reference()).isEqualTo(wrong);
            assertThat(named.role()).isEqualTo("MAIL_RECIPIENT");
        });
        assertThat(privacy.namedIn("juiste.vakman@example.org")).extracting(PrivacyService.NamedIn::role)
                .containsExactly("OTHER_PARTY");
    }

    @Test
    void erasureDuringMediationTellsTheOtherPartyItEnded() throws Exception {
        String reference = submit("Mees Mediatie", "mees@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Klusbedrijf Mees", "otherPartyEmail", "klus.mees@example.org"));
        assertThat(mailsTo("klus.mees@example.org")).hasSize(1); // the invitation

        privacy.erase("mees@example.nl", "teamleider");

        assertThat(mailsTo("klus.mees@example.org")).hasSize(2).last().satisfies(ended -> {
            assertThat(ended.getSubject()).contains("beëindigd", reference);
            assertThat(text(ended)).contains("Beste Klusbedrijf Mees", "niet verder behandeld").doesNotContain("Mees Mediatie",
                    "mees@example.nl", "gewist");
        });
    }

    /** Erased after a failed mediation, while HomePair was deciding: the other party was told to wait for that. */
    @Test
    void erasureAfterAFailedMediationTellsTheOtherPartyTheComplaintIsNotHandledFurther() throws Exception {
        String reference = submit("Mila Mislukt", "mila@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "MEDIATION", "assessmentNotes",
                "We bemiddelen.", "otherPartyName", "Klusbedrijf Mila", "otherPartyEmail", "klus.mila@example.org"));
        completeTask(reference, ComplaintProcess.TASK_MEDIATE, Map.of("mediationOutcome", "NOT_RESOLVED", "mediationNotes", "Geen akkoord."));
        runDueDeliveryJobs(complaints.findByReference(reference).orElseThrow());
        assertThat(mailsTo("klus.mila@example.org")).hasSize(2); // the invitation, and that HomePair decides now

        privacy.erase("mila@example.nl", "teamleider");

        assertThat(mailsTo("klus.mila@example.org")).hasSize(3).last().satisfies(ended ->
                assertThat(text(ended)).contains("Beste Klusbedrijf Mila", "HomePair een besluit zou nemen", "niet verder behandeld")
                        .doesNotContain("Mila Mislukt", "mila@example.nl", "gewist"));
    }

    @Test
    void erasureStopsTheReviewOfAMeasureTheAffectedUserObjectedTo() {
        String reference = submit("Rosa Review", "rosa@example.nl");
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "WELL_FOUNDED", "decisionMotivation",
                "Aangetoond.", "measureWarning", true, "affectedUserName", "Schilder Verf", "affectedUserEmail",
                "schilder.review@example.org", "measureFacts", "Twee afspraken afgezegd.", "termsGround", "Artikel 7."));
        assertThat(as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"De klant zegde zelf af.\",\"objector\":\"AFFECTED_USER\"}"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        runDueJobs(reference);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey(ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY).count()).isOne();

        privacy.erase("rosa@example.nl", "teamleider");

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).count()).isZero();
        assertThat(historyOf(reference)).isEmpty();
        assertThat(rowsMentioning("Rosa")).isZero();

        // nothing personal comes back onto the erased case: a chat message, the dispute's outcome, an objection
        ResponseEntity<String> chat = as("platform").postForEntity("/api/complaints/" + reference + "/chat-messages",
                json("{\"author\":\"Rosa Review\",\"message\":\"Hallo, ik ben het weer.\"}"), String.class);
        assertThat(chat.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(chat.getBody()).contains("zijn gewist");
        ResponseEntity<String> dispute = as("teamleider").exchange("/api/complaints/" + reference + "/external-dispute",
                org.springframework.http.HttpMethod.PUT,
                json("{\"submitted\":true,\"outcome\":\"Rosa Review kreeg gelijk.\"}"), String.class);
        assertThat(dispute.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<String> objection = as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"Ik wil alsnog bezwaar maken.\",\"objector\":\"AFFECTED_USER\"}"), String.class);
        assertThat(objection.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(objection.getBody()).contains("zijn gewist");
        assertThat(rowsMentioning("Rosa")).isZero();
    }

    @Autowired
    ErasureRecordRepository records;

    private List<ErasureRecord> privacyRecords() {
        return records.findByEmailHash(PrivacyService.hash("erik@example.nl"));
    }
}
