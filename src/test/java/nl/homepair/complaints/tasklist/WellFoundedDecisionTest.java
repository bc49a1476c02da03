package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.complaint.ComplaintProcess;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * "Bij een gegronde klacht nemen we passende maatregelen of adviseren we over vervolgstappen" (procedure §3, R8): a
 * (partly) well-founded decision comes with a measure or with advice on next steps, which the decision mail gives.
 */
class WellFoundedDecisionTest extends IntegrationTest {

    @Autowired
    TaskService taskService;
    @Autowired
    nl.homepair.complaints.complaint.ComplaintRepository complaints;
    @Autowired
    nl.homepair.complaints.complaint.TimelineRepository timelines;

    @Test
    void aWellFoundedDecisionNeedsAMeasureOrAdviceOnNextSteps() throws Exception {
        String email = "vervolgstappen@example.nl";
        String reference = submit(janJansen().email(email));
        String decide = decisionTaskOf(reference);

        ResponseEntity<String> bare = submitTaskForm("behandelaar", decide, Map.of("verdict", "PARTLY_WELL_FOUNDED",
                "decisionMotivation", "De schilder kwam één keer niet.", "nextStepsAdvice", "  "));
        assertThat(bare.getStatusCode().value()).as(bare.getBody()).isEqualTo(400);
        assertThat(bare.getBody()).contains("kies een maatregel of schrijf een advies over de vervolgstappen");
        assertThat(taskService.createTaskQuery().taskId(decide).count()).isOne();

        ResponseEntity<String> advised = submitTaskForm("behandelaar", decide, Map.of("verdict", "PARTLY_WELL_FOUNDED",
                "decisionMotivation", "De schilder kwam één keer niet.",
                "nextStepsAdvice", "Vraag de schilder om een nieuwe afspraak binnen twee weken."));
        assertThat(advised.getStatusCode().value()).as(advised.getBody()).isEqualTo(204);
        runDueJobs(reference);
        assertThat(mailsTo(email).stream().map(IntegrationTest::text))
                .anyMatch(text -> text.contains("Ons advies over de vervolgstappen: Vraag de schilder om een nieuwe afspraak"));

        // the board sends it back, and the revision finds the complaint unfounded: the advice is not repeated
        assertThat(object(reference, "Het advies is te weinig.").getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Opnieuw bekijken."));
        int before = mailsTo(email).size();
        completeTask(reference, ComplaintProcess.TASK_REVISE_DECISION, Map.of("verdict", "UNFOUNDED",
                "revisedDecision", "Na nader onderzoek: de schilder had een geldige reden."));
        java.util.List<String> after = mailsTo(email).stream().skip(before).map(IntegrationTest::text).toList();
        assertThat(after).anyMatch(text -> text.contains("Na nader onderzoek"));
        assertThat(after).noneMatch(text -> text.contains("vervolgstappen"));
    }

    /**
     * The statement of reasons says the measure applies from its date, and leaves right after the decision: whoever
     * decides ticks that it was carried out on the platform (refused unticked), the timeline keeps who said so, and the
     * revision that lifts it asks again, unticked, whether the platform follows.
     */
    @Test
    void aMeasureAgainstAUserIsSaidToBeCarriedOutOnThePlatform() throws Exception {
        String reference = submit(janJansen().email("maatregel.uitgevoerd@example.nl"));
        String decide = decisionTaskOf(reference);
        Map<String, Object> decision = new java.util.HashMap<>(Map.of("verdict", "WELL_FOUNDED",
                "decisionMotivation", "De schilder kwam twee keer niet.", "measureSuspension", true,
                "suspensionDuration", "30 dagen", "affectedUserName", "Schilder Verf", "affectedUserEmail", "verf@example.nl",
                "measureFacts", "Twee keer niet gekomen.", "termsGround", "Artikel 7."));
        decision.put("carriedOutOnThePlatform", false);

        // a removal for good ticked beside the suspension: the statement would say both
        decision.put("measureRemoval", true);
        ResponseEntity<String> both = submitTaskForm("behandelaar", decide, decision);
        assertThat(both.getStatusCode().value()).as(both.getBody()).isEqualTo(400);
        assertThat(both.getBody()).contains("Een verwijdering van het platform is blijvend", "tijdelijke schorsing");
        decision.put("measureSuspension", false);
        decision.put("measureWarning", true);
        assertThat(submitTaskForm("behandelaar", decide, decision).getBody()).contains("blijvend", "waarschuwing");
        decision.put("measureSuspension", true);
        decision.put("measureWarning", false);
        decision.put("measureRemoval", false);
        assertThat(taskService.createTaskQuery().taskId(decide).count()).isOne();

        ResponseEntity<String> unticked = submitTaskForm("behandelaar", decide, decision);
        assertThat(unticked.getStatusCode().value()).as(unticked.getBody()).isEqualTo(400);
        assertThat(unticked.getBody()).contains("Vink aan dat de maatregel op het platform is uitgevoerd, aangepast of opgeheven");
        assertThat(taskService.createTaskQuery().taskId(decide).count()).isOne();

        decision.put("carriedOutOnThePlatform", true);
        ResponseEntity<String> ticked = submitTaskForm("behandelaar", decide, decision);
        assertThat(ticked.getStatusCode().value()).as(ticked.getBody()).isEqualTo(204);
        nl.homepair.complaints.complaint.Complaint complaint = complaints.findByReference(reference).orElseThrow();
        assertThat(timelines.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId()))
                .anyMatch(t -> t.getSummary().equals("Op het platform uitgevoerd: tijdelijke schorsing van Schilder Verf (30 dagen); volgens behandelaar.")
                        && t.isAboutOthers());
        // the staff's export of the case says which lines are not in the complainant's own copy of their data
        com.fasterxml.jackson.databind.JsonNode file = as("behandelaar").getForObject("/api/complaints/" + reference,
                com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(file.get("timeline")).anySatisfy(line -> {
            assertThat(line.get("summary").asText()).startsWith("Op het platform uitgevoerd");
            assertThat(line.get("staffOnly").asBoolean()).isTrue();
        }).anySatisfy(line -> {
            assertThat(line.get("summary").asText()).startsWith("Besluit: klacht");
            assertThat(line.get("staffOnly").asBoolean()).isFalse();
        });
        String process = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .processDefinitionKey("complaintProcedure").singleResult().getId();
        assertThat(runtimeService.getVariable(process, "carriedOutOnThePlatform")).as("asked afresh for a later decision").isNull();

        // an objection in the minutes the decision's mails are on their way: not yet, and the answer says when to try again
        ResponseEntity<String> early = object(reference, "De schorsing is onterecht.");
        assertThat(early.getStatusCode().value()).isEqualTo(409);
        assertThat(early.getHeaders().getFirst("Retry-After")).isNotNull();
        assertThat(early.getBody()).contains("net genomen");

        // the board upholds the objection; the revision finds the complaint unfounded, so the suspension goes
        runDueJobs(reference);
        assertThat(object(reference, "De schorsing is onterecht.").getStatusCode().value()).isEqualTo(202);
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_REVIEW_OBJECTION, Map.of("boardDecision", "UPHELD",
                "boardMotivation", "Opnieuw bekijken."));
        String revise = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_REVISE_DECISION).singleResult().getId();
        ResponseEntity<String> lifted = submitTaskForm("behandelaar", revise, Map.of("verdict", "UNFOUNDED",
                "revisedDecision", "De schilder had een geldige reden.", "carriedOutOnThePlatform", false));
        assertThat(lifted.getStatusCode().value()).as(lifted.getBody()).isEqualTo(400);
        assertThat(submitTaskForm("behandelaar", revise, Map.of("verdict", "UNFOUNDED",
                "revisedDecision", "De schilder had een geldige reden.", "carriedOutOnThePlatform", true)).getStatusCode().value())
                .isEqualTo(204);
        assertThat(timelines.findByComplaintIdOrderByOccurredAtAscIdAsc(complaint.getId())).anyMatch(t -> t.getSummary()
                .equals("Op het platform in overeenstemming gebracht met het herziene besluit: geen maatregel meer; volgens behandelaar."));
    }

    /**
     * "Niet-ontvankelijk" leaves by mail seconds after the assessment: a handler who left the form's tick unticked (a slip
     * of the radio button) gets the form back with why; ticked, it goes.
     */
    @Test
    void anInadmissibilityNeedsTheFormsTick() throws Exception {
        String email = "buiten.procedure@example.nl";
        String reference = submit(janJansen().email(email));
        runDueJobs(reference);
        String assess = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_ASSESS).singleResult().getId();

        ResponseEntity<String> slip = submitTaskForm("behandelaar", assess, Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten de procedure.", "inadmissibleConfirmed", false));
        assertThat(slip.getStatusCode().value()).as(slip.getBody()).isEqualTo(400);
        assertThat(slip.getBody()).contains("Vink aan dat je hebt gecontroleerd dat de klacht buiten de klachtenprocedure valt");
        assertThat(taskService.createTaskQuery().taskId(assess).count()).isOne();

        ResponseEntity<String> checked = submitTaskForm("behandelaar", assess, Map.of("assessmentOutcome", "INADMISSIBLE",
                "assessmentNotes", "Buiten de procedure.", "inadmissibleConfirmed", true));
        assertThat(checked.getStatusCode().value()).as(checked.getBody()).isEqualTo(204);
    }

    /** The case's "Besluit nemen", after its acknowledgement and an assessment that chose a direct decision. */
    private String decisionTaskOf(String reference) {
        runDueJobs(reference);
        completeTask(reference, ComplaintProcess.TASK_ASSESS, Map.of("assessmentOutcome", "DIRECT_DECISION",
                "assessmentNotes", "Direct besluit."));
        return taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(ComplaintProcess.TASK_DECIDE).singleResult().getId();
    }

    /** The complainant's objection, as the platform sends it. */
    private ResponseEntity<String> object(String reference, String motivation) {
        return as("platform").postForEntity("/api/complaints/" + reference + "/objection",
                json("{\"motivation\":\"" + motivation + "\"}"), String.class);
    }
}
