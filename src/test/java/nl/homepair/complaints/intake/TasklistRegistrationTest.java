package nl.homepair.complaints.intake;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A handler registers a letter or phone call in Tasklist through the start forms, as
 * Tasklist does it: the engine REST API's submit-form, with the handler's own rights.
 */
class TasklistRegistrationTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    @Autowired
    ComplaintIntakeService intake;

    /**
     * Two handlers type in the same letter at the same moment: both pass the check for an earlier registration, and the
     * database refuses the second case (the letter's key is unique), whatever the spaces and capitals of the typing.
     */
    @Test
    void theSameLetterTypedInTwiceAtOnceIsOneCase() {
        ComplaintSubmission first = new ComplaintSubmission("Twee Typisten", "twee.typisten@example.nl", "CLIENT",
                "JOB_HANDLING", null, null, "De stukadoor  kwam niet.", null, null, null);
        ComplaintSubmission second = new ComplaintSubmission("Twee Typisten", "Twee.Typisten@example.nl ", "CLIENT",
                "JOB_HANDLING", null, null, "de stukadoor kwam niet.", null, null, null);
        assertThat(RegisterComplaintDelegate.sameLetter(second)).isEqualTo(RegisterComplaintDelegate.sameLetter(first));

        intake.submit(first, List.of(), IntakeChannel.STAFF, "behandelaar", null, List.of(), RegisterComplaintDelegate.sameLetter(first));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intake.submit(second, List.of(), IntakeChannel.STAFF,
                "teamleider", null, List.of(), RegisterComplaintDelegate.sameLetter(second)))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("twee.typisten@example.nl")).hasSize(1);

        // through the start form: the colleague's case holds the key (here under another name, so that the check for an
        // earlier registration does not see it first, as it does not see a colleague's uncommitted one)
        ComplaintSubmission letter = new ComplaintSubmission("Gelijk Getypt", "gelijk.getypt@example.nl", "CLIENT",
                "JOB_HANDLING", null, null, "De glazenwasser sloeg het raam kapot.", null, null, null);
        intake.submit(new ComplaintSubmission("Collega Eerst", "collega.eerst@example.nl", "CLIENT", "JOB_HANDLING", null,
                null, "Een ander verhaal.", null, null, null), List.of(), IntakeChannel.STAFF, "teamleider", null, List.of(),
                RegisterComplaintDelegate.sameLetter(letter));
        ResponseEntity<String> atTheSameMoment = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "Gelijk Getypt", "email", "gelijk.getypt@example.nl", "role", "CLIENT", "subject", "JOB_HANDLING",
                "description", "De glazenwasser sloeg het raam kapot."));
        assertThat(atTheSameMoment.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(atTheSameMoment.getBody()).contains("zojuist door een collega geregistreerd");
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("gelijk.getypt@example.nl")).isEmpty();

        assertThat(RegisterComplaintDelegate.sameLetter(new ComplaintSubmission("Twee Typisten", "twee.typisten@example.nl",
                "CLIENT", "JOB_HANDLING", null, null, "Een andere klacht.", null, null, null)))
                .isNotEqualTo(RegisterComplaintDelegate.sameLetter(first));
    }

    @Test
    void aHandlerRegistersALetterWithItsDateOfReceipt() throws Exception {
        long before = complaints.count();
        // a date months back is asked about first (a mistyped year), and taken once confirmed
        ResponseEntity<String> unconfirmed = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "Greet Brief", "email", "greet@example.nl", "role", "OTHER_USER", "subject", "SUPPORT",
                "jobDate", "2026-04-20", "description", "Ik kreeg geen antwoord op mijn vraag over de factuur.",
                "receivedAt", "2026-04-24T10:00+02:00", "receivedAtConfirmed", false));
        assertThat(unconfirmed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unconfirmed.getBody()).contains("De ontvangstdatum, 24 april 2026, ligt meer dan 30 dagen terug");
        assertThat(complaints.count()).isEqualTo(before);
        ResponseEntity<String> response = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "Greet Brief", "email", "greet@example.nl", "role", "OTHER_USER", "subject", "SUPPORT",
                "jobDate", "2026-04-20", "description", "Ik kreeg geen antwoord op mijn vraag over de factuur.",
                "receivedAt", "2026-04-24T10:00+02:00", "receivedAtConfirmed", true));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(complaints.count()).isEqualTo(before + 1);
        Complaint complaint = complaints.findByEmailIgnoreCaseOrderByReceivedAt("greet@example.nl").get(0);
        assertThat(complaint.getChannel()).isEqualTo(IntakeChannel.STAFF);
        assertThat(complaint.getRegisteredBy()).isEqualTo("behandelaar");
        assertThat(complaint.getReceivedAt()).isEqualTo("2026-04-24T08:00:00Z");
        runDueJobs(complaint.getReference());
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        // the same letter typed in once more (another handler, or a resend after a slow answer): refused, naming the case
        ResponseEntity<String> again = submitStartForm("teamleider", "complaintRegistration", Map.of(
                "name", "Greet Brief", "email", "Greet@Example.nl", "role", "OTHER_USER", "subject", "SUPPORT",
                "jobDate", "2026-04-20", "description", "Ik kreeg geen antwoord op mijn  vraag over de factuur. ",
                "receivedAt", "2026-04-24T10:00+02:00", "receivedAtConfirmed", true));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody()).contains("al geregistreerd als " + complaint.getReference());
        assertThat(complaints.count()).isEqualTo(before + 1);
        // typed in again because the address had a typo: refused too, pointing to the correction on the case page
        ResponseEntity<String> corrected = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "greet brief", "email", "greet.brief@example.nl", "role", "OTHER_USER", "subject", "SUPPORT",
                "jobDate", "2026-04-20", "description", "Ik kreeg geen antwoord op mijn vraag over de factuur.",
                "receivedAt", "2026-04-24T10:00+02:00", "receivedAtConfirmed", true));
        assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(corrected.getBody()).contains("al geregistreerd als " + complaint.getReference(), "ander e-mailadres",
                "corrigeer het dan op de zaakpagina");
        assertThat(complaints.count()).isEqualTo(before + 1);
        // withdrawn by mistake (the wrong tab): the same letter is refused with the way to register it again, which works
        assertThat(as("platform").postForEntity("/api/complaints/" + complaint.getReference() + "/withdrawal",
                Map.of("reason", "Telefonisch ingetrokken."), String.class).getStatusCode().is2xxSuccessful()).isTrue();
        runDueJobs(complaint.getReference());
        Map<String, Object> letter = new java.util.HashMap<>(Map.of(
                "name", "Greet Brief", "email", "greet@example.nl", "role", "OTHER_USER", "subject", "SUPPORT",
                "jobDate", "2026-04-20", "description", "Ik kreeg geen antwoord op mijn vraag over de factuur.",
                "receivedAt", "2026-04-24T10:00+02:00", "receivedAtConfirmed", true));
        ResponseEntity<String> closed = submitStartForm("behandelaar", "complaintRegistration", letter);
        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(closed.getBody()).contains("al geregistreerd als " + complaint.getReference(), "die zaak is afgesloten"
                + " (ingetrokken door de klager)", "zet dan bovenaan de omschrijving een regel waarom").doesNotContain("Voeg iets nieuws toe");
        letter.put("description", "Opnieuw geregistreerd: zaak " + complaint.getReference() + " werd ten onrechte gesloten.\n"
                + "Ik kreeg geen antwoord op mijn vraag over de factuur.");
        assertThat(submitStartForm("behandelaar", "complaintRegistration", letter).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(complaints.count()).isEqualTo(before + 2);
        // the helper process keeps no personal data
        String registration = new ObjectMapper().readTree(response.getBody()).get("id").asText();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(registration).list())
                .extracting(v -> v.getName()).doesNotContain("name", "email", "description");
    }

    /** The same letter of a decided and closed case: not registered again (R9), but pointed to dispute resolution. */
    @Test
    void theSameLetterOfADecidedCaseIsPointedToTheObjection() {
        String reference = submit(nl.homepair.complaints.TestComplaints.janJansen().email("besloten.brief@example.nl")
                .description("De loodgieter lekte de badkamer onder."));
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct."));
        completeTask(reference, ComplaintProcess.TASK_DECIDE, Map.of("verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
        endObjectionWindow(reference);
        assertThat(complaints.findByReference(reference).orElseThrow().getStatus())
                .isEqualTo(nl.homepair.complaints.complaint.ComplaintStatus.CLOSED);

        ResponseEntity<String> again = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "Jan Jansen", "email", "besloten.brief@example.nl", "role", "CLIENT", "subject", "JOB_HANDLING",
                "description", "De loodgieter lekte de badkamer onder.", "receivedAt", java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(1)).minusHours(1).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString(),
                "receivedAtConfirmed", true));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody()).contains("al geregistreerd als " + reference, "Over die klacht is besloten",
                        "onafhankelijke geschiloplossing")
                .doesNotContain("Opnieuw geregistreerd");
    }

    @Test
    void aBadFieldStopsTheRegistrationWithTheDutchMessage() throws Exception {
        long before = complaints.count();
        ResponseEntity<String> response = submitStartForm("behandelaar", "complaintRegistration", Map.of(
                "name", "Greet Brief", "email", "geen-adres", "role", "OTHER_USER", "subject", "SUPPORT",
                "description", "Iets", "receivedAt", "2026-04-24T10:00+02:00"));

        // a form error: 400 with the Dutch message, which Tasklist shows beside the form (no 500, no error log)
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Vul een geldig e-mailadres in");
        assertThat(complaints.count()).isEqualTo(before);
    }

    @Test
    void anObjectionByLetterFollowsTheSameRules() throws Exception {
        ResponseEntity<String> unknown = submitStartForm("behandelaar", "objectionRegistration",
                Map.of("objectionReference", "KL-2000-999999", "objectionMotivationText", "Ik ben het er niet mee eens."));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("Er is geen klacht met referentie KL-2000-999999");

        String reference = submit(janJansen());
        ResponseEntity<String> early = submitStartForm("behandelaar", "objectionRegistration",
                Map.of("objectionReference", reference, "objectionMotivationText", "Ik ben het er niet mee eens."));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(early.getBody()).contains("nog geen besluit");

        for (String step : List.of(ComplaintProcess.TASK_ASSESS, ComplaintProcess.TASK_DECIDE)) {
            var task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(step).singleResult();
            taskService.complete(task.getId(), Map.of("assessmentOutcome", "DIRECT_DECISION", "assessmentNotes", "Direct.",
                    "verdict", "UNFOUNDED", "decisionMotivation", "Niet aangetoond."));
            runDueJobs(reference);
        }
        // the decision took no measure against a user: there is nothing for an affected user to object to
        ResponseEntity<String> noMeasure = submitStartForm("behandelaar", "objectionRegistration",
                Map.of("objectionReference", reference, "objector", "AFFECTED_USER", "objectionMotivationText", "Per brief: onterecht."));
        assertThat(noMeasure.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noMeasure.getBody()).contains("geen maatregel tegen een gebruiker");
        // a reference with a digit wrong names another complainant's case: the name on the letter does not fit it
        ResponseEntity<String> someoneElses = submitStartForm("behandelaar", "objectionRegistration",
                Map.of("objectionReference", reference, "letterSenderName", "P. Pietersen",
                        "objectionMotivationText", "Per brief: ik heb wel bewijs."));
        assertThat(someoneElses.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(someoneElses.getBody()).contains("Deze naam past niet bij de klager van " + reference).doesNotContain("Jansen");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isZero();
        ResponseEntity<String> accepted = submitStartForm("behandelaar", "objectionRegistration",
                // typed as people type it over: "kl 2026 12" for KL-2026-000012, the name as the letter is signed
                Map.of("objectionReference", reference.replace("KL-", "kl ").replace('-', ' ').replaceAll(" 0+(?=\\d)", " "),
                        "letterSenderName", "dhr. J. JANSEN", "objectionMotivationText", "Per brief: ik heb wel bewijs."));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);

        ResponseEntity<String> byThePlatform = submitStartForm("platform", "complaintRegistration", Map.of("name", "x"));
        assertThat(byThePlatform.getStatusCode()).as("the API user may not use the start forms").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byThePlatform.getBody()).contains("alleen voor de klachten-API");
    }

    /**
     * R4: the answer to our question by letter or phone, registered by a handler from Tasklist with the moment it came in:
     * the assessment starts again, the timeline says when it was received, the registration keeps no copy of the text.
     */
    @Test
    void anAnswerByLetterOrPhoneIsRegisteredWithItsMomentOfReceipt(
            @Autowired nl.homepair.complaints.complaint.TimelineRepository timeline) throws Exception {
        String reference = submit(janJansen().email("anna.antwoord@example.nl"));
        ResponseEntity<String> notAsked = submitStartForm("behandelaar", "informationRegistration",
                Map.of("informationReference", reference, "informationText", "Het ordernummer is 88123."));
        assertThat(notAsked.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notAsked.getBody()).contains("wacht nu niet op aanvullende informatie", "teamleider");

        var assess = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult();
        taskService.complete(assess.getId(), Map.of("assessmentOutcome", "MORE_INFORMATION", "assessmentNotes",
                "Wat is het ordernummer?"));
        runDueJobs(reference);
        java.util.Date asked = (java.util.Date) runtimeService.getVariable(
                complaints.findByReference(reference).orElseThrow().getProcessInstanceId(), "informationRequestedAt");
        String beforeTheQuestion = java.time.LocalDateTime.ofInstant(asked.toInstant().minusSeconds(86_400),
                nl.homepair.complaints.text.DutchDates.ZONE).withSecond(0).withNano(0).toString();
        ResponseEntity<String> mistyped = submitStartForm("behandelaar", "informationRegistration", Map.of(
                "informationReference", reference, "informationText", "Het ordernummer is 88123.",
                "letterReceivedAt", beforeTheQuestion));
        assertThat(mistyped.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mistyped.getBody()).contains("vóór de vraag om informatie");
        ResponseEntity<String> ahead = submitStartForm("behandelaar", "informationRegistration", Map.of(
                "informationReference", reference, "informationText", "Het ordernummer is 88123.",
                "letterReceivedAt", java.time.LocalDateTime.now(nl.homepair.complaints.text.DutchDates.ZONE).plusDays(10)
                        .withSecond(0).withNano(0).toString()));
        assertThat(ahead.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ahead.getBody()).contains("in de toekomst");
        assertThat(submitStartForm("behandelaar", "informationRegistration", Map.of("informationReference", "KL-2000-999999",
                "informationText", "Het ordernummer is 88123.")).getBody()).contains("Er is geen klacht met referentie KL-2000-999999");

        // the call came in the minute of the question (the form has minutes only)
        String received = java.time.LocalDateTime.ofInstant(asked.toInstant(), nl.homepair.complaints.text.DutchDates.ZONE)
                .withSecond(0).withNano(0).toString();
        assertThat(submitStartForm("behandelaar", "informationRegistration", Map.of("informationReference", reference,
                "letterSenderName", "Anna", "informationText", "Het ordernummer is 88123.", "letterReceivedAt", received)).getBody())
                .as("a first name that is not the complainant's").contains("Deze naam past niet bij de klager van " + reference);
        ResponseEntity<String> accepted = submitStartForm("behandelaar", "informationRegistration", Map.of(
                // typed as people type it over: "kl 2026 12" for KL-2026-000012
                "informationReference", reference.replace("KL-", "kl ").replace('-', ' ').replaceAll(" 0+(?=\\d)", " "),
                "letterSenderName", "Jansen", "informationText", "Per telefoon: het ordernummer is 88123.", "letterReceivedAt", received));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        runDueJobs(reference);
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).count()).isEqualTo(1);
        assertThat(timeline.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .anyMatch(entry -> entry.getSummary().contains("het ordernummer is 88123") && "behandelaar".equals(entry.getActor()));
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("informationText").list())
                .as("the answer is on the case, not in the registration's history").isEmpty();
    }
}
