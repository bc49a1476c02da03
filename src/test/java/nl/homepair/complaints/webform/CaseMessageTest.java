package nl.homepair.complaints.webform;

import static nl.homepair.complaints.TestComplaints.PNG;
import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.mailbox.MailboxPoller;
import nl.homepair.complaints.sla.WorkingDayCalendar;
import nl.homepair.complaints.webform.WebFormClient.Session;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * R9, R4: a message about an existing complaint through the web form (an objection, an answer, an addition) reaches a
 * person with the case named when the address is the complainant's; the sender is told the same either way.
 */
class CaseMessageTest extends IntegrationTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    TaskService taskService;
    @Autowired
    SubmissionRateLimiter rateLimiter;
    @Autowired
    CaseMessageController controller;
    @Autowired
    WorkingDayCalendar workingDays;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private WebFormClient client;

    @BeforeEach
    void start() {
        // the hour's caps count per clock hour: a test that ran across a full hour would find them emptied halfway
        ClockUtil.setCurrentTime(new java.util.Date());
        rateLimiter.clear();
        controller.forgetThisHour();
        client = new WebFormClient(rest, "");
    }

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ResponseEntity<String> send(Session browser, String reference, String email, String message, Map<String, byte[]> files) {
        return client.postTo("/klacht/bericht", "same-origin", browser, browser.token(),
                Map.of("reference", reference, "email", email, "message", message), files);
    }

    private List<Task> tasksAbout(String reference) {
        return taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .processVariableValueEquals("mailSubject",
                        nl.homepair.complaints.text.MarkdownText.escape("Bericht over " + reference + " via het webformulier")).list();
    }

    @Test
    void anObjectionThroughTheWebFormReachesAPersonWithTheCaseNamedOnce() throws Exception {
        String reference = submit(janJansen().email("bericht.klager@example.nl"));
        runDueJobs(reference);
        Session browser = client.open();
        assertThat(client.get(browser, "/klacht/bericht").getBody()).contains("Bericht over je klacht", "bezwaar tegen ons besluit");

        String objection = "Ik ben het niet eens met jullie besluit: de schilder kwam echt niet, zie de foto.";
        ResponseEntity<String> sent = send(browser, " " + reference.toLowerCase().replace('-', ' ') + " ", "Bericht.Klager@example.nl", objection,
                Map.of("deur.png", PNG));
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(client.get(browser, "/klacht/bericht/ontvangen").getBody()).contains(reference, "Je bericht is ontvangen",
                "telt het moment hierboven als het moment van je bezwaar");

        Task task = tasksAbout(reference).get(0);
        Map<String, Object> variables = runtimeService.getVariables(task.getProcessInstanceId());
        assertThat(variables).containsEntry(MailboxPoller.VAR_MAIL_NAMED_CASE, reference)
                .containsEntry(MailboxPoller.VAR_MAIL_CASE_REFERENCE, reference)
                .containsEntry(MailboxPoller.VAR_MAIL_SENDER, "Bericht.Klager@example.nl")
                // an address typed into a form: nobody confirmed it
                .containsEntry("mailSenderUnverified", true)
                .containsEntry("mailText", objection);
        assertThat((String) variables.get("mailFolder")).contains("webformulier");
        assertThat(((String) variables.get("mailProblem")).replace("\\", "")) // shown as Markdown, escaped
                .contains("van het e-mailadres van de klager", "een bezwaar telt vanaf Ontvangen");
        assertThat(((FileValue) runtimeService.getVariableTyped(task.getProcessInstanceId(), "mailAttachment1")).getFilename())
                .isEqualTo("deur.png");
        // the handler opens the photo from the form (Tasklist cannot show a file variable); nobody else does
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\((/zaken/berichten/[^)]+/bijlagen/1)\\)")
                .matcher((String) variables.get("mailAttachments"));
        assertThat(link.find()).as("a link in " + variables.get("mailAttachments")).isTrue();
        var handler = nl.homepair.complaints.StaffSession.logIn(port, "behandelaar", "tasklist");
        java.net.http.HttpResponse<byte[]> photo = handler.getBytes(link.group(1));
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(photo.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");
        assertThat(photo.body()).isEqualTo(PNG);
        assertThat(nl.homepair.complaints.StaffSession.logIn(port, "directeur", "tasklist")
                .getBytes(link.group(1)).statusCode()).isEqualTo(403);
        assertThat(handler.getBytes(link.group(1).replace("/bijlagen/1", "/bijlagen/2")).statusCode()).isEqualTo(404);
        // holding the task is not enough for someone who is not staff (taken out of every group while holding it; here
        // a manager the task was left with by the application): no door to the mail's files through it (R12)
        taskService.setAssignee(task.getId(), "manager");
        try {
            assertThat(nl.homepair.complaints.StaffSession.logIn(port, "manager", "cockpit").getBytes(link.group(1))
                    .statusCode()).isEqualTo(403);
        } finally {
            taskService.setAssignee(task.getId(), null);
        }
        assertThat(task.getDueDate()).isEqualTo(workingDays.deadline((java.util.Date) variables.get("receivedAt"), 2));

        // sent again (a double click, Back and send): one task
        assertThat(send(client.reopen(browser), reference, "Bericht.Klager@example.nl", objection, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(tasksAbout(reference)).hasSize(1);
        String firstMoment = nl.homepair.complaints.text.DutchDates.moment(((java.util.Date) variables.get("receivedAt")).toInstant());
        assertThat(client.get(browser, "/klacht/bericht/ontvangen").getBody()).as("the first message's moment")
                .contains(firstMoment);
        // the same words with another photo: that photo must reach a person too
        assertThat(send(client.reopen(browser), reference, "Bericht.Klager@example.nl", objection,
                Map.of("raam.png", nl.homepair.complaints.TestComplaints.png(64))).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(tasksAbout(reference)).hasSize(2);

        // the handler puts it with the case: text on the timeline, the photo as evidence
        Integer evidence = jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Integer.class, reference);
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", reference)).getStatusCode().value()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from evidence e join complaint c on c.id = e.complaint_id"
                + " where c.reference = ?", Integer.class, reference)).isEqualTo(evidence + 1);
        assertThat(jdbc.queryForList("select t.summary from timeline_entry t join complaint c on c.id = t.complaint_id"
                + " where c.reference = ?", String.class, reference)).anyMatch(line -> line.contains("de schilder kwam echt niet"));
    }

    /** Someone else's address, or a number that is no case: the same answer, and a person without the case named. */
    @Test
    void aStrangerLearnsNothingAndTheCaseIsNotNamed() {
        String reference = submit(janJansen().email("bericht.eigenaar@example.nl"));
        runDueJobs(reference);
        Session stranger = client.open();

        assertThat(send(stranger, reference, "vreemde@example.org", "Ik wil alles weten over deze klacht.", Map.of())
                .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        String answer = client.get(stranger, "/klacht/bericht/ontvangen").getBody();
        assertThat(answer).contains(reference, "Je bericht is ontvangen").doesNotContain("bericht.eigenaar");
        assertThat(send(client.reopen(stranger), "KL-2031-999999", "vreemde@example.org", "En deze?", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(client.get(stranger, "/klacht/bericht/ontvangen").getBody()).contains("KL-2031-999999", "Je bericht is ontvangen");

        Task task = tasksAbout(reference).get(0);
        Map<String, Object> variables = runtimeService.getVariables(task.getProcessInstanceId());
        assertThat(variables).doesNotContainKeys(MailboxPoller.VAR_MAIL_NAMED_CASE, MailboxPoller.VAR_MAIL_CASE_REFERENCE);
        assertThat(((String) variables.get("mailProblem")).replace("\\", "")).contains("niet dat van de klager");
        assertThat(tasksAbout("KL-2031-999999")).hasSize(1);

        // the complainant's data erased on request: the stranger's message about their case goes with it
        assertThat(as("teamleider").postForEntity("/api/privacy/erasure", Map.of("email", "bericht.eigenaar@example.nl"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasksAbout(reference)).isEmpty();
    }

    /**
     * A message whose number was typed wrong, put with the right case by a handler: the mailbox's record of it names that
     * case, so the case's erasure finds the original too.
     */
    @Test
    void aMessagePutWithACaseByAHandlerIsRecordedUnderThatCase() {
        String reference = submit(janJansen().email("bericht.verkeerd@example.nl"));
        runDueJobs(reference);
        assertThat(send(client.open(), "KL-2031-999998", "bericht.verkeerd@example.nl", "Ik typte het nummer verkeerd over.",
                Map.of()).getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        Task task = tasksAbout("KL-2031-999998").get(0);
        assertThat(jdbc.queryForObject("select count(*) from processed_mail where reference = ?", Long.class, reference)).isZero();

        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", reference)).getStatusCode().value()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from processed_mail where reference = ? and outcome = 'MANUAL'",
                Long.class, reference)).isOne();
    }

    /**
     * Messages are capped per hour (each is a handler's task), for every message alike: the complainant's own gets the
     * same refusal as a stranger's, so the cap tells nobody which reference and address belong together.
     */
    @Test
    void aFloodOfMessagesIsCappedAndTheCapTellsNothingAboutTheCase() {
        String reference = submit(janJansen().email("bericht.vloed@example.nl"));
        runDueJobs(reference);
        int refused = 0;
        for (int i = 0; i <= CaseMessageController.MESSAGES_PER_HOUR && refused == 0; i++) {
            rateLimiter.clear();
            controller.forgetTheNetworks(); // as many networks as it takes
            ResponseEntity<String> answer = send(client.open(), "KL-2031-" + String.format("%06d", i), "vloed@example.org",
                    "Bericht nummer " + i, Map.of());
            if (answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
                refused++;
                assertThat(answer.getBody()).contains("Er is niets opgeslagen", "Bericht nummer " + i);
            }
        }
        assertThat(refused).as("refused within the hour's cap").isOne();
        rateLimiter.clear();
        controller.forgetTheNetworks();
        ResponseEntity<String> own = send(client.open(), reference, "bericht.vloed@example.nl", "Mijn eigen bericht.", Map.of());
        assertThat(own.getStatusCode()).as("the same answer for the complainant's own").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(tasksAbout(reference)).isEmpty();

        controller.forgetThisHour(); // the next hour
        rateLimiter.clear();
        assertThat(send(client.open(), reference, "bericht.vloed@example.nl", "Mijn eigen bericht.", Map.of())
                .getStatusCode()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(tasksAbout(reference)).hasSize(1);
    }

    /** One connection cannot use up the hour's cap that every complainant's objection may need: it has a share of its own. */
    @Test
    void oneConnectionSendsOnlyItsShareOfTheHoursMessages() {
        controller.forgetThisHour();
        int accepted = 0;
        for (int i = 0; i < CaseMessageController.MESSAGES_PER_NETWORK_PER_HOUR + 1; i++) {
            rateLimiter.clear(); // the short-term limit is another's
            ResponseEntity<String> answer = send(client.open(), "KL-2031-" + String.format("%06d", 500 + i), "deel@example.org",
                    "Bericht " + i, Map.of());
            if (answer.getStatusCode() == HttpStatus.SEE_OTHER) {
                accepted++;
            } else {
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                assertThat(answer.getBody()).contains("Vanaf deze internetverbinding zijn dit uur al veel berichten verstuurd");
            }
        }
        assertThat(accepted).isEqualTo(CaseMessageController.MESSAGES_PER_NETWORK_PER_HOUR);
        controller.forgetThisHour();
        rateLimiter.clear();
    }

    /** A message refused by the node's cap stored nothing: it does not use up its network's share of the hour. */
    @Test
    void aMessageTheNodesCapRefusedLeavesItsNetworksShare() {
        controller.forgetThisHour();
        controller.nodeCapUsedUp(true);
        for (int i = 0; i < CaseMessageController.MESSAGES_PER_NETWORK_PER_HOUR + 2; i++) {
            rateLimiter.clear();
            ResponseEntity<String> refused = send(client.open(), "KL-2031-" + String.format("%06d", 600 + i), "terug@example.org",
                    "Geweigerd bericht " + i, Map.of());
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.getBody()).contains("Er worden nu erg veel berichten via dit formulier verstuurd");
        }
        controller.nodeCapUsedUp(false); // the next hour on the node, the same hour for the network
        rateLimiter.clear();
        assertThat(send(client.open(), "KL-2031-000700", "terug@example.org", "Nu wel.", Map.of()).getStatusCode())
                .as("the network's share was given back").isEqualTo(HttpStatus.SEE_OTHER);
        controller.forgetThisHour();
        rateLimiter.clear();
    }

    /** A browser sends a line break as two characters; the limit counts it as one, as the browser and the complaint form do. */
    @Test
    void lineBreaksCountAsOneCharacter() {
        String reference = submit(janJansen().email("regels.tellen@example.nl"));
        String lines = ("a".repeat(69) + "\r\n").repeat(49) + "a".repeat(70);
        assertThat(lines.replace("\r\n", "\n")).hasSize(CaseMessageController.MESSAGE_MAX);
        assertThat(send(client.open(), reference, "regels.tellen@example.nl", lines, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(tasksAbout(reference)).hasSize(1);
    }

    /**
     * The message sent again after the connection reached its limit (Back and send, a reload after a lost answer): it was
     * stored with its file, and the answer is its confirmation with the first moment: not an error page that says
     * "er is niets opgeslagen" or asks for the files again, and no session begun.
     */
    @Test
    void aMessageSentAgainAtTheLimitIsConfirmedAsReceived() {
        String reference = submit(janJansen().email("nog.eens@example.nl"));
        Session browser = client.open();
        Map<String, byte[]> photo = Map.of("lekkage.png", nl.homepair.complaints.TestComplaints.png(48));
        assertThat(send(browser, reference, "nog.eens@example.nl", "Hierbij mijn aanvulling.", photo).getStatusCode())
                .isEqualTo(HttpStatus.SEE_OTHER);
        java.time.Instant first = ((java.util.Date) runtimeService.getVariables(tasksAbout(reference).get(0).getProcessInstanceId())
                .get("receivedAt")).toInstant();
        for (int i = 0; i < 10; i++) {
            send(client.open(), "KL-2031-" + String.format("%06d", 800 + i), "ander@example.org", "Vulling " + i, Map.of());
        }
        // the answer was lost: the browser never got the session the confirmation began
        ResponseEntity<String> again = send(client.reopen(browser.withoutCookie("JSESSIONID")), reference, "nog.eens@example.nl",
                "Hierbij mijn aanvulling.", photo);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getHeaders().getOrEmpty(org.springframework.http.HttpHeaders.SET_COOKIE)).as("no session begun")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        assertThat(again.getBody()).contains("Je bericht is ontvangen", reference,
                        nl.homepair.complaints.text.DutchDates.moment(first))
                .doesNotContain("Er is niets opgeslagen", "Er is een probleem", "kies ze opnieuw");
        assertThat(tasksAbout(reference)).hasSize(1);
        controller.forgetThisHour();
        rateLimiter.clear();
    }

    /** A browser that refuses the form's cookie is told so, not only that the form expired (again and again). */
    @Test
    void aBrowserWithoutTheCookieIsToldToAllowIt() {
        Session browser = client.open();
        ResponseEntity<String> answer = client.postTo("/klacht/bericht", "same-origin", null,
                browser.token(), Map.of("reference", "KL-2026-000001", "email", "a@example.nl", "message", "Hallo"), Map.of());
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer.getBody()).contains("sta dan cookies toe voor deze website");
    }

    @Test
    void badInputComesBackWithWhatWasTypedAndStartsNothing() {
        Session browser = client.open();
        long before = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();

        ResponseEntity<String> wrong = send(browser, "nummer 12", "geen-adres", "", Map.of());
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrong.getBody()).contains("Vul het referentienummer in zoals het in onze e-mail staat",
                "Vul het e-mailadres in waarop je onze e-mails", "Schrijf je bericht.", "value=\"nummer 12\"");

        String tooLong = "Lang verhaal. ".repeat(300);
        ResponseEntity<String> long_ = send(client.reopen(browser), "KL-2026-000001", "a@example.nl", tooLong, Map.of());
        assertThat(long_.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(long_.getBody()).contains("hoogstens 3.500 tekens", tooLong.strip());

        ResponseEntity<String> forged = client.postTo("/klacht/bericht", "cross-site", browser, "vervalst",
                Map.of("reference", "KL-2026-000001", "email", "a@example.nl", "message", "Hallo"), Map.of());
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count()).isEqualTo(before);
    }
}
