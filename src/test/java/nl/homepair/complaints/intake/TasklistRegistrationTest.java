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
        // the helper process keeps no personal data
        String registration = new ObjectMapper().readTree(response.getBody()).get("id").asText();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(registration).list())
                .extracting(v -> v.getName()).doesNotContain("name", "email", "description");
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
        ResponseEntity<String> accepted = submitStartForm("behandelaar", "objectionRegistration",
                // typed as people type it over: "kl 2026 12" for KL-2026-000012
                Map.of("objectionReference", reference.replace("KL-", "kl ").replace('-', ' ').replaceAll(" 0+(?=\\d)", " "),
                        "objectionMotivationText", "Per brief: ik heb wel bewijs."));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.BOARD_PROCESS_KEY)
                .processInstanceBusinessKey(reference).count()).isEqualTo(1);

        assertThat(submitStartForm("platform", "complaintRegistration", Map.of("name", "x")).getStatusCode())
                .as("the API user may not use the start forms").isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }
}
