package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.intake.IntakeProperties;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * R9 through the real mailbox: after a decision, a mail that quotes the reference is a
 * note unless it clearly objects; a mail that may be an objection goes to a handler.
 */
class MailAfterDecisionTest extends MailboxTestSupport {

    @Autowired
    IntakeProperties limits;

    @Test
    void aThankYouReplyIsANoteAndStartsNoReview() throws Exception {
        Complaint complaint = decidedCase("Dana Dank", "dana@example.nl");

        receive(mail("dana@example.nl", "Re: Besluit over je klacht " + complaint.getReference(), "Dank je wel!" + QUOTED_DECISION, Map.of()));

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(reload(complaint).getObjectionReceivedAt()).isNull();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("E-mail ontvangen") && s.contains("Dank je wel!"));
        assertThat(mailsTo("dana@example.nl")).isEmpty();
    }

    @Test
    void anObjectionWithTheReferenceTypedOverReachesItsCase() throws Exception {
        Complaint complaint = decidedCase("Teun Typt", "teun.typt@example.nl");
        long before = complaints.count();

        receive(mail("teun.typt@example.nl", "Bezwaar " + complaint.getReference().replace('-', ' '),
                "Ik maak bezwaar tegen het besluit: de schilder heeft de schade wel degelijk veroorzaakt.", Map.of()));

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(complaints.count()).isEqualTo(before); // not a second complaint
    }

    /** While the board reviews, no handler has a task on the case: a question goes to a person, not onto the timeline. */
    @Test
    void aQuestionWhileTheBoardReviewsReachesAPerson() throws Exception {
        Complaint complaint = decidedCase("Bob Bord", "bob.bord@example.nl");
        receive(mail("bob.bord@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit: de schilder heeft de schade wel degelijk veroorzaakt.", Map.of()));
        assertThat(inBoardReview(complaint)).isTrue();
        int before = timelineOf(complaint).size();

        receive(mail("bob.bord@example.nl", "Vraag over " + complaint.getReference(), "Wanneer hoor ik iets van de directie?",
                Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains("directie");
        assertThat(timelineOf(complaint)).hasSize(before);
        // a thank-you stays a note
        receive(mail("bob.bord@example.nl", "Re: " + complaint.getReference(), "Dank je wel!", Map.of()));
        assertThat(timelineOf(complaint)).hasSize(before + 1);
    }

    /**
     * "Ik ben het nog steeds niet eens" once the board has the objection: not refused with a mail saying it is no
     * objection the board handles, but a person's task on the case, so that the board sees the new arguments.
     */
    @Test
    void anotherObjectionWhileTheBoardHasTheFirstReachesAPersonNotARefusal() throws Exception {
        Complaint complaint = decidedCase("Olga Opnieuw", "olga@example.nl");
        receive(mail("olga@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit: de schilder heeft de schade wel degelijk veroorzaakt.", Map.of()));
        assertThat(inBoardReview(complaint)).isTrue();
        greenMail.purgeEmailFromAllMailboxes();

        receive(mail("olga@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik ben het nog steeds niet eens met het besluit; aanvullend: de buren zagen het gebeuren.", Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString()).contains("maakte al bezwaar",
                "terwijl de directie het beoordeelt");
        assertThat(mailsTo("olga@example.nl")).isEmpty();
    }

    /**
     * "Ik trek mijn bezwaar in" while the board reviews: the person who reads it is told where the wish is recorded for
     * the director (the case page), not only to put the mail with the case.
     */
    @Test
    void aWithdrawalByMailWhileTheBoardReviewsSaysWhereTheWishGoes() throws Exception {
        Complaint complaint = decidedCase("Ida Intrekker", "ida.intrekker@example.nl");
        receive(mail("ida.intrekker@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit: de schilder heeft de schade wel degelijk veroorzaakt.", Map.of()));
        assertThat(inBoardReview(complaint)).isTrue();

        receive(mail("ida.intrekker@example.nl", "Re: " + complaint.getReference(),
                "Laat maar, de schilder heeft het toch opgelost. Ik trek mijn bezwaar in.", Map.of()));

        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat(taskService.getVariable(task.getId(), "mailProblem").toString())
                .contains("geef die wens dan ook door op de zaakpagina", "'Klacht intrekken'");
    }

    /** An objection longer than a case's text is cut, not refused: a resend would come after the deadline (R9). */
    @Test
    void aLongObjectionByMailReachesTheBoard() throws Exception {
        Complaint complaint = decidedCase("Lena Lang", "lena.lang@example.nl");

        receive(mail("lena.lang@example.nl", "Bezwaar " + complaint.getReference(),
                "Ik maak bezwaar tegen het besluit. " + "De schilder heeft de schade wel degelijk veroorzaakt. ".repeat(250),
                Map.of()));

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(mailsTo("lena.lang@example.nl")).noneMatch(m -> text(m).contains("niet in behandeling"));
    }

    /** Where the long objection is cut stands an emoji: the cut goes before it, not through it (which made it no text). */
    @Test
    void aLongObjectionIsNotCutInsideAnEmoji() throws Exception {
        Complaint complaint = decidedCase("Emma Emoji", "emma.emoji@example.nl");
        String start = "Ik maak bezwaar tegen het besluit. ";
        // the cut keeps a case's text length less the 60 chars of its note; the emoji's first half is the last it keeps
        int cut = limits.maxTextLength() - 60;
        String objection = start + "x".repeat(cut - 1 - start.length()) + "\uD83D\uDE21" + " De schilder was het.".repeat(20);

        receive(mail("emma.emoji@example.nl", "Bezwaar " + complaint.getReference(), objection, Map.of()));

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(mailsTo("emma.emoji@example.nl")).noneMatch(m -> text(m).contains("niet in behandeling"));
    }

    /** While the objection window runs no task is open: a question would lie unread until the closing mail. */
    @Test
    void aQuestionInTheObjectionWindowIsReadByAPerson() throws Exception {
        Complaint complaint = decidedCase("Cees Compensatie", "cees@example.nl");

        receive(mail("cees@example.nl", "Vraag over " + complaint.getReference(),
                "Hoe en wanneer ontvang ik de compensatie waar jullie over adviseren?", Map.of()));

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("wanneer ontvang ik de compensatie"));
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(judge).isNotNull();

        // a handler judges it no objection; when the window closes, the closing mail does not say no mail came
        assertThat(submitTaskForm("behandelaar", judge.getId(), Map.of(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "NOTE",
                "objectionJudgementNotes", "Vraag over de compensatie, telefonisch beantwoord.")).getStatusCode().value())
                .isEqualTo(204);
        // the complainant hears at once that it was no objection, and until when one can still be made (R9)
        runDueJobs(complaint.getReference());
        assertThat(deliveryJobs(complaint)).hasSize(1); // queued: a mail server that is down does not hold up the case
        runDueDeliveryJobs(complaint);
        assertThat(mailsTo("cees@example.nl")).filteredOn(m -> text(m).contains("niet opgevat als een bezwaar tegen ons besluit"))
                .singleElement().satisfies(m -> assertThat(text(m)).contains("tot en met "
                        + nl.homepair.complaints.text.DutchDates.weekday(complaints.findById(complaint.getId()).orElseThrow()
                                .getObjectionDeadline())));
        greenMail.purgeEmailFromAllMailboxes();
        var window = managementService.createJobQuery().processInstanceId(complaint.getProcessInstanceId())
                .activityId("IntermediateCatchEvent_ObjectionWindowClosed").singleResult();
        managementService.setJobDuedate(window.getId(), new java.util.Date());
        runDueJobs(complaint.getReference());
        assertThat(mailsTo("cees@example.nl")).singleElement().satisfies(m -> assertThat(text(m))
                .contains("Je bericht na het besluit hebben we gelezen en bij je klacht bewaard")
                .doesNotContain("geen bezwaar van je ontvangen"));
    }

    /** The rules read Dutch phrases; an objection in other words still reaches a person within the window (R9). */
    @Test
    void anObjectionInWordsTheRulesDoNotKnowIsReadByAPerson() throws Exception {
        Complaint complaint = decidedCase("Erin English", "erin@example.nl");

        receive(mail("erin@example.nl", "Re: Besluit over je klacht " + complaint.getReference(),
                "Please have the board look at this again, the painter never finished the job." + QUOTED_DECISION,
                Map.of()));

        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(judge).isNotNull();
        assertThat(taskService.getVariable(judge.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT).toString())
                .contains("never finished").doesNotContain("schreef");
    }

    /** A second mail while a handler judges the first joins what the handler judges; no mail lies unjudged. */
    @Test
    void aSecondMailWhileTheFirstIsJudgedJoinsIt() throws Exception {
        Complaint complaint = decidedCase("Tom Tweede", "tom.tweede@example.nl");

        receive(mail("tom.tweede@example.nl", "Vraag over " + complaint.getReference(), "Wat betekent dit besluit precies voor mij?",
                Map.of()));
        receive(mail("tom.tweede@example.nl", "Nog iets over " + complaint.getReference(),
                "Ik wil dat de directie hier nog eens naar kijkt.", Map.of()));

        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(taskService.getVariable(judge.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT).toString())
                .contains("Wat betekent dit besluit", "Volgende e-mail, ontvangen", "Ik wil dat de directie");
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("Nog een e-mail die mogelijk een bezwaar is"));
        // the handler reads how and when the first came: an objection counts from then
        assertThat(as("behandelaar").getForObject("/engine-rest/task/" + judge.getId() + "/form-variables",
                com.fasterxml.jackson.databind.JsonNode.class).path("casePossibleObjection").path("value").asText())
                .startsWith("e-mail van ");

        // the handler's form was opened before the second mail: Tasklist sends the shown text back as it was then
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        var answer = as("behandelaar").postForEntity("/engine-rest/task/" + judge.getId() + "/submit-form",
                new org.springframework.http.HttpEntity<>("{\"variables\": {\"objectionJudgement\": {\"value\": \"OBJECTION\"},"
                        + " \"possibleObjectionText\": {\"value\": \"Wat betekent dit besluit precies voor mij?\"}}}", headers),
                String.class);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
        runDueJobs(complaint.getReference());

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(runtimeService.createVariableInstanceQuery().variableName(ComplaintProcess.VAR_OBJECTION_MOTIVATION)
                .processInstanceIdIn(reload(complaint).getProcessInstanceId()).singleResult().getValue().toString())
                .as("the board reads both mails").contains("Ik wil dat de directie");
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("Bezwaar ontvangen (e-mail van "));
    }

    /**
     * The handler opened "Is dit een bezwaar?" (and held it) before a second mail came: a "no" chosen in that form would
     * judge a text without the second mail, which then lay unjudged. The judgement starts again with both, held by the
     * same handler, due when it was; the old form's "no" finds its task gone.
     */
    @Test
    void aSecondMailWhileTheFirstIsJudgedStartsTheJudgementAgainWithBoth() throws Exception {
        Complaint complaint = decidedCase("Tina Twee", "tina.twee@example.nl");
        receive(mail("tina.twee@example.nl", "Vraag over " + complaint.getReference(), "Wat betekent dit besluit voor mij?",
                Map.of()));
        Task first = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        taskService.setAssignee(first.getId(), "behandelaar");

        receive(mail("tina.twee@example.nl", "Nog iets over " + complaint.getReference(),
                "Ik maak hier bezwaar tegen, de directie moet ernaar kijken.", Map.of()));

        Task again = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(again.getId()).isNotEqualTo(first.getId());
        assertThat(again.getAssignee()).isEqualTo("behandelaar");
        assertThat(again.getDueDate()).isEqualTo(first.getDueDate());
        assertThat(taskService.getVariable(again.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT).toString())
                .contains("Wat betekent dit besluit", "Volgende e-mail, ontvangen", "de directie moet ernaar kijken");
        var stale = submitTaskForm("behandelaar", first.getId(), Map.of("objectionJudgement", "NOTE",
                "objectionJudgementNotes", "Een vraag."));
        assertThat(stale.getStatusCode().value()).as(stale.getBody()).isEqualTo(404);
        assertThat(stale.getBody()).contains("Deze taak bestaat niet meer", "opnieuw begonnen");
        assertThat(inBoardReview(complaint)).isFalse();
        runDueDeliveryJobs(complaint); // the "no objection" answer would be queued
        assertThat(mailsTo("tina.twee@example.nl")).noneMatch(m -> {
            try {
                return m.getSubject().contains("geen bezwaar");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(submitTaskForm("behandelaar", again.getId(), Map.of("objectionJudgement", "OBJECTION"))
                .getStatusCode().value()).isEqualTo(204);
        runDueJobs(complaint.getReference());
        assertThat(inBoardReview(complaint)).isTrue();
    }

    /**
     * A case on a version of the model from before "Nog een bericht": the further message joins the open task, as it
     * did, and the mail's transaction commits (a correlation tried and failed would have left it unable to).
     */
    @Test
    void aFurtherMessageOnAModelWithoutTheEventJoinsTheOpenTask(
            @Autowired nl.homepair.complaints.escalation.ObjectionService objections,
            @Autowired org.camunda.bpm.engine.RepositoryService repositoryService) throws Exception {
        Complaint complaint = decidedCase("Otto Vorig", "otto.vorig@example.nl");
        String deployment = repositoryService.createDeployment().name("MailAfterDecisionTest").addModelInstance(
                        "before-joined.bpmn", org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("procedureBeforeJoined")
                                .camundaHistoryTimeToLive(30).startEvent().receiveTask(ComplaintProcess.TASK_JUDGE_OBJECTION)
                                .endEvent().done())
                .deploy().getId();
        try {
            String old = runtimeService.startProcessInstanceByKey("procedureBeforeJoined", complaint.getReference(),
                    Map.of(ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT, "Wat betekent dit?")).getId();
            jdbc.update("update complaint set process_instance_id = ? where id = ?", old, complaint.getId());
            String judging = runtimeService.createExecutionQuery().processInstanceId(old)
                    .activityId(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult().getId();

            assertThat(objections.forJudgement(reload(complaint), false, "Ik maak toch bezwaar.", java.time.Instant.now(), "test"))
                    .isEqualTo(nl.homepair.complaints.escalation.ObjectionService.Judgement.FOR_A_HANDLER);

            assertThat(runtimeService.createExecutionQuery().processInstanceId(old)
                    .activityId(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult().getId()).isEqualTo(judging);
            assertThat(runtimeService.getVariable(old, ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT).toString())
                    .contains("Wat betekent dit?", "Ik maak toch bezwaar.");
        } finally {
            jdbc.update("update complaint set process_instance_id = ? where id = ?", complaint.getProcessInstanceId(),
                    complaint.getId());
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void aReplyThatOnlyQuotesTheDecisionMailIsANote() throws Exception {
        Complaint complaint = decidedCase("Quinten Quote", "quinten@example.nl");

        receive(mail("quinten@example.nl", "Re: Bezwaar maken tegen besluit " + complaint.getReference(),
                "Ok, helder." + QUOTED_DECISION, Map.of()));

        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).isZero();
    }

    @Test
    void aClearObjectionInAReplyStartsTheReviewAtOnceWithoutTheQuote() throws Exception {
        Complaint complaint = decidedCase("Olga Object", "olga@example.nl");

        receive(mail("olga@example.nl", "Re: Besluit over je klacht " + complaint.getReference(),
                "Ik maak bezwaar: de klusser heeft wel degelijk afgezegd, zie de chat." + QUOTED_DECISION, Map.of()));

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(runtimeService.createVariableInstanceQuery().variableName(ComplaintProcess.VAR_OBJECTION_MOTIVATION)
                .processInstanceIdIn(reload(complaint).getProcessInstanceId()).singleResult().getValue().toString())
                .contains("wel degelijk afgezegd").doesNotContain("schreef");
    }

    /**
     * R9: a late objection changes nothing, however it is worded: no "Is dit een bezwaar?" and no board. But in the days
     * before the case closes nobody has a task on it, and the complainant's question would go unanswered (a week later,
     * on the closed case, a person reads it): a person does, and puts it with the case. A thank-you stays a note.
     */
    @Test
    void anAmbiguousMailAfterTheObjectionWindowGoesToAPersonNotToTheBoard() throws Exception {
        Complaint complaint = decidedCase("Lotte Laat", "lotte@example.nl");
        // the window closed yesterday; the case closes some working days later
        jdbc.update("update complaint set objection_deadline = ? where id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1))), complaint.getId());
        long manualTasks = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();

        receive(mail("lotte@example.nl", "Re: Besluit over je klacht " + complaint.getReference(),
                "Ik vind dit besluit onterecht. Kan er nog naar gekeken worden?" + QUOTED_DECISION, Map.of()));

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).isZero();
        assertThat(inBoardReview(complaint)).isFalse();
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count())
                .isEqualTo(manualTasks + 1);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem"))
                .contains("na de bezwaartermijn", "beantwoord de klager zelf");

        // chosen as an objection it is refused beside the form, with what to choose instead
        var asObjection = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                "mailCaseReference", complaint.getReference()));
        assertThat(asObjection.getStatusCode().value()).isEqualTo(400);
        assertThat(asObjection.getBody()).contains("bezwaartermijn", "Bij een bestaande zaak voegen");
        // put with the case: on the timeline with the note that it came late, still no judgement and no board
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", complaint.getReference())).getStatusCode().value()).isEqualTo(204);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Kan er nog naar gekeken worden?"))
                .anyMatch(s -> s.startsWith("Dit bericht kwam na de bezwaartermijn"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).isZero();
        assertThat(inBoardReview(complaint)).isFalse();

        // a thank-you after the window is no work for anyone
        receive(mail("lotte@example.nl", "Re: Besluit over je klacht " + complaint.getReference(), "Bedankt." + QUOTED_DECISION,
                Map.of()));
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count())
                .isEqualTo(manualTasks);
    }

    @Test
    void anAmbiguousMailGoesToAHandlerWhoseYesCountsFromTheMail() throws Exception {
        Complaint complaint = decidedCase("Anton Twijfel", "anton@example.nl");

        receive(mail("anton@example.nl", "Re: Besluit over je klacht " + complaint.getReference(),
                "Ik vind dit besluit onterecht. Kan er nog naar gekeken worden?" + QUOTED_DECISION, Map.of()));

        assertThat(inBoardReview(complaint)).isFalse();
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(judge.getName()).startsWith("Is dit een bezwaar? " + complaint.getReference() + " - Anton Twijfel");
        assertThat(judge.getDueDate()).isNotNull();
        assertThat(taskService.getVariable(judge.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT).toString())
                .contains("onterecht").doesNotContain("schreef");
        java.util.Date mailReceived = (java.util.Date) taskService.getVariable(judge.getId(),
                ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT);

        taskService.complete(judge.getId(), Map.of(ComplaintProcess.VAR_OBJECTION_JUDGEMENT, "OBJECTION"));
        runDueJobs(complaint.getReference());

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(reload(complaint).getObjectionReceivedAt()).isEqualTo(mailReceived.toInstant());
        assertThat(mailsTo("anton@example.nl")).anyMatch(m -> {
            try {
                return m.getSubject().contains(complaint.getReference()) && text(m).contains("bezwaar");
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** A case is no file store: one address mailing it again and again fills no database (and no export in memory). */
    @Test
    void filesBeyondWhatACaseHoldsAreLeftOutAndNamed(
            @org.springframework.beans.factory.annotation.Autowired org.springframework.transaction.PlatformTransactionManager transactions)
            throws Exception {
        String reference = submitted("Volle Zaak", "vol@example.nl");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            for (int i = 0; i < 29; i++) {
                complaint.addEvidence("eerder-" + i + ".png", "image/png", nl.homepair.complaints.TestComplaints.PNG);
            }
        });
        Complaint complaint = complaints.findByReference(reference).orElseThrow();
        greenMail.purgeEmailFromAllMailboxes();

        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("laatste.png", nl.homepair.complaints.TestComplaints.PNG);
        files.put("teveel.png", nl.homepair.complaints.TestComplaints.PNG);
        receive(mail("vol@example.nl", "Re: " + reference, "Nog twee foto's.", files));

        assertThat(evidenceOf(complaint)).isEqualTo(30);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("niet opgenomen: een zaak heeft hoogstens 30 bewijsstukken"));
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mailsTo("vol@example.nl")).anySatisfy(m -> assertThat(text(m)).contains("teveel.png",
                "het grootste aantal bewijsstukken", "opnieuw sturen helpt dus niet").doesNotContain("Stuur wat ontbreekt"));
    }

    /**
     * The same, typed between the lines of our decision mail that a reply without the reference quotes ("Bedankt" above
     * it): the objection in the sender's own words is seen, not a thank-you, and goes to a handler with the case named.
     */
    @Test
    void anObjectionTypedIntoOurQuotedDecisionWithoutTheReferenceGoesToAHandler() throws Exception {
        Complaint complaint = decidedCase("Bo Binnen", "bo.binnen@example.nl");

        receive(mail("Bo Binnen <bo.binnen@example.nl>", "Re: uw besluit",
                "Bedankt.\n\nOp ma 7 dec 2026 om 10:00 schreef HomePair <klachten@homepair.nl>:\n> Ons oordeel: je klacht is"
                        + " ongegrond.\nIk maak bezwaar tegen dit besluit: de loodgieter heeft niets gerepareerd.\n> Met"
                        + " vriendelijke groet", Map.of()));

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bo.binnen@example.nl")).as("no second case").hasSize(1);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("mogelijk een bezwaar");
    }

    /** "Ik maak bezwaar tegen uw factuur" to the tradesperson, with HomePair in Cc: not an objection to our decision. */
    @Test
    void anObjectionWrittenToSomeoneElseWithUsInCopyGoesToAPerson() throws Exception {
        Complaint complaint = decidedCase("Cees Kopie", "cees.kopie@example.nl");
        jakarta.mail.internet.MimeMessage copied = mail("cees.kopie@example.nl", "Factuur " + complaint.getReference(),
                "Ik maak bezwaar tegen uw factuur: er staan uren op die u niet gewerkt hebt.", Map.of());
        copied.setRecipients(jakarta.mail.Message.RecipientType.TO, "schilder@schilder.example.org");
        copied.setRecipients(jakarta.mail.Message.RecipientType.CC, CONTACT_MAILBOX);

        receive(copied);

        assertThat(inBoardReview(complaint)).isFalse();
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("alleen in de cc");
        // put with the case, it is read: no second judgement of whether it objects, no "geen bezwaar" mail about it
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED", "mailCaseReference",
                complaint.getReference())).getStatusCode().value()).isEqualTo(204);
        assertThat(timelineOf(complaint)).anyMatch(line -> line.contains("uren op die u niet gewerkt hebt"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).isZero();
    }

    /** The commonest way to say it, "ik ben het er niet mee eens", without the reference: no second case either. */
    @Test
    void theCommonestDisagreementWithoutTheReferenceGoesToAHandlerWithTheDecidedCase() throws Exception {
        Complaint complaint = decidedCase("Eva Ermee", "eva.ermee@example.nl");

        receive(mail("eva.ermee@example.nl", "Jullie mail", "Ik ben het er niet mee eens. De stukadoor is nooit teruggekomen.",
                Map.of()));

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("eva.ermee@example.nl")).as("no second case").hasSize(1);
        Task task = newestManualMailTask();
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem")).contains("mogelijk een bezwaar");
    }

    /**
     * "Ik ben het niet eens met jullie besluit" sent as a new mail, without the reference: not a second case while the
     * objection is lost, but a handler's task with the decided case named; the handler registers the objection and puts
     * the mail with the case, text and files. A new complaint without objection words is still registered at once.
     */
    @Test
    void anObjectionWithoutTheReferenceGoesToAHandlerWithTheDecidedCase() throws Exception {
        Complaint complaint = decidedCase("Bram Zonder", "bram.zonder@example.nl");
        long manualTasks = taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count();

        receive(mail("Bram Zonder <bram.zonder@example.nl>", "Bezwaar",
                "Ik ben het niet eens met jullie besluit over de lekkage: de loodgieter heeft niets gerepareerd.",
                Map.of("lekkage.png", nl.homepair.complaints.TestComplaints.PNG)));

        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bram.zonder@example.nl")).as("no second case").hasSize(1);
        Task task = newestManualMailTask();
        assertThat(taskService.createTaskQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY).count())
                .isEqualTo(manualTasks + 1);
        assertThat(taskService.getVariable(task.getId(), MailboxPoller.VAR_MAIL_CASE_REFERENCE)).isEqualTo(complaint.getReference());
        assertThat((String) taskService.getVariable(task.getId(), "mailProblem"))
                .contains("mogelijk een bezwaar", "Bezwaar tegen het besluit");
        // in the list: its subject, and above ordinary tasks while the case's objection window runs
        assertThat(task.getName()).isEqualTo("E-mail handmatig verwerken: Bezwaar");
        assertThat(task.getPriority()).isEqualTo(nl.homepair.complaints.tasklist.TaskHeadline.OBJECTION);

        // "Bij een bestaande zaak voegen" without a case is refused beside the form; with it, text and file are on the case
        var none = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED", "mailCaseReference", ""));
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        assertThat(none.getBody()).contains("waarbij de e-mail hoort");
        int evidence = evidenceOf(complaint);
        Object received = taskService.getVariable(task.getId(), "receivedAt");
        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "ATTACHED",
                "mailCaseReference", complaint.getReference())).getStatusCode().value()).isEqualTo(204);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.startsWith("E-mail van") && s.contains("bij de zaak gevoegd")
                && s.contains("de loodgieter heeft niets gerepareerd"));
        assertThat(evidenceOf(complaint)).isEqualTo(evidence + 1);
        // put with the case in the objection window, not called an objection: a handler judges it, received with the mail
        // (the closing mail would otherwise say that no objection came)
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(judge).isNotNull();
        assertThat(taskService.getVariable(judge.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT))
                .isEqualTo(received);

        // a new complaint from the same address, without objection words, is a new case as before
        receive(mail("Bram Zonder <bram.zonder@example.nl>", "Klacht over de schilder",
                "De schilder heeft de kozijnen niet afgemaakt en reageert niet meer.", Map.of()));
        assertThat(complaints.findByEmailIgnoreCaseOrderByReceivedAt("bram.zonder@example.nl")).hasSize(2);
    }

    /**
     * The handler reads an objection in a set-aside mail and chooses so in the task: the board reviews it, received when
     * the mail was (not when the handler got to it), with the mail's files on the case and the handler's note on the
     * timeline. No detour through the start form, where the moment had to be typed over and the files stayed behind.
     */
    @Test
    void anObjectionChosenInTheManualTaskReachesTheBoardReceivedWithTheMail() throws Exception {
        Complaint complaint = decidedCase("Olga Objectie", "olga.objectie@example.nl");
        receive(mail("Olga Objectie <olga.objectie@example.nl>", "Bezwaar",
                "Ik ben het niet eens met jullie besluit: de dakdekker heeft het lek niet gedicht.",
                Map.of("dak.png", nl.homepair.complaints.TestComplaints.PNG)));
        Task task = newestManualMailTask();
        java.util.Date received = (java.util.Date) taskService.getVariable(task.getId(), "receivedAt");
        int evidence = evidenceOf(complaint);
        var none = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION", "mailCaseReference", ""));
        assertThat(none.getStatusCode().value()).isEqualTo(400);
        assertThat(none.getBody()).contains("waarvan het besluit wordt bestreden");
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + java.time.Duration.ofDays(1).toMillis()));
        try {
            assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                    "mailCaseReference", complaint.getReference().toLowerCase(), "manualMailNotes", "Klaagster gebeld: bedoeld als bezwaar."))
                    .getStatusCode().value()).isEqualTo(204);
        } finally {
            ClockUtil.reset();
        }
        runDueJobs(complaint.getReference());

        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(reload(complaint).getObjectionReceivedAt()).isEqualTo(received.toInstant());
        assertThat(evidenceOf(complaint)).isEqualTo(evidence + 1);
        assertThat(timelineOf(complaint)).anyMatch(s -> s.contains("Klaagster gebeld: bedoeld als bezwaar."))
                .anyMatch(s -> s.contains("de dakdekker heeft het lek niet gedicht"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).as("no second look").isZero();

    }

    /**
     * An objection sent as a PDF alone: the task's text is its own notice, not the complainant's words. The handler
     * writes the reasons under Toelichting, and those go to the board; without them the choice is refused, beside the form.
     */
    @Test
    void anObjectionWithoutWordsTakesTheHandlersSummaryAsItsMotivation() throws Exception {
        Complaint complaint = decidedCase("Paula Pdf", "paula.pdf@example.nl");
        java.util.Date received = new java.util.Date(ClockUtil.getCurrentTime().getTime() - 60_000);
        String instance = runtimeService.startProcessInstanceByKey(MailboxPoller.MANUAL_PROCESS_KEY, Map.of(
                "mailFrom", "Paula Pdf <paula.pdf@example.nl>", "mailSubject", "Bezwaar", "mailFolder", "Handmatig",
                "mailProblem", "test", "receivedAt", received, "mailText", ManualMailTasks.NO_TEXT,
                MailboxPoller.VAR_MAIL_SENDER, "paula.pdf@example.nl",
                MailboxPoller.VAR_MAIL_CASE_REFERENCE, complaint.getReference(),
                "mailAttachment1", org.camunda.bpm.engine.variable.Variables.fileValue("bezwaar.pdf")
                        .file(nl.homepair.complaints.TestComplaints.PDF).create())).getId();
        Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        int evidence = evidenceOf(complaint);

        var withoutReasons = submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                "mailCaseReference", complaint.getReference()));
        assertThat(withoutReasons.getStatusCode().value()).isEqualTo(400);
        assertThat(withoutReasons.getBody()).contains("Schrijf dat bij Toelichting");
        assertThat(inBoardReview(complaint)).isFalse();

        assertThat(submitTaskForm("behandelaar", task.getId(), Map.of("manualMailResult", "OBJECTION",
                "mailCaseReference", complaint.getReference(), "manualMailNotes", "In de PDF: de lekkage is nooit verholpen."))
                .getStatusCode().value()).isEqualTo(204);
        runDueJobs(complaint.getReference());
        assertThat(inBoardReview(complaint)).isTrue();
        assertThat(reload(complaint).getObjectionReceivedAt()).isEqualTo(received.toInstant());
        // the refused first choice left nothing behind: the PDF and the message are on the case once
        assertThat(evidenceOf(complaint)).isEqualTo(evidence + 1);
        assertThat(timelineOf(complaint).stream().filter(line -> line.contains("bij de zaak gevoegd (Bezwaar)")).count()).isOne();
        assertThat(timelineOf(complaint)).anyMatch(line -> line.contains("Volgens de behandelaar: In de PDF: de lekkage is nooit verholpen."))
                .noneMatch(line -> line.startsWith("Bezwaar ontvangen") && line.contains(ManualMailTasks.NO_TEXT));
    }

    /** Only the complainant's own message, received by the deadline, moves up as an objection's task. */
    @Test
    void aSetAsideMessageMovesUpOnlyWhenItCanBeTheComplainantsObjection() throws Exception {
        Complaint complaint = decidedCase("Prio Klager", "prio.klager@example.nl");
        java.util.Date now = ClockUtil.getCurrentTime();
        java.util.Date afterTheWindow = java.util.Date.from(reload(complaint).getObjectionDeadline().plusSeconds(3600));
        Map<String, Object[]> messages = Map.of(
                "van de klager", new Object[] {"prio.klager@example.nl", now, nl.homepair.complaints.tasklist.TaskHeadline.OBJECTION},
                "van de andere partij", new Object[] {"vakman@example.nl", now, nl.homepair.complaints.tasklist.TaskHeadline.NORMAL},
                "na de termijn", new Object[] {"prio.klager@example.nl", afterTheWindow, nl.homepair.complaints.tasklist.TaskHeadline.NORMAL});
        messages.forEach((subject, message) -> {
            String instance = runtimeService.startProcessInstanceByKey(MailboxPoller.MANUAL_PROCESS_KEY, Map.of(
                    "mailFrom", message[0], "mailSubject", "Bericht " + subject, "mailFolder", "Handmatig", "mailProblem", "test",
                    "receivedAt", message[1], "mailText", "Ik wil nog iets zeggen over het besluit.",
                    MailboxPoller.VAR_MAIL_SENDER, message[0], MailboxPoller.VAR_MAIL_CASE_REFERENCE, complaint.getReference())).getId();
            assertThat(taskService.createTaskQuery().processInstanceId(instance).singleResult().getPriority()).as(subject)
                    .isEqualTo(message[2]);
            runtimeService.deleteProcessInstance(instance, "test");
        });
    }

    /** In the objection window a chat message of the complainant is read by a person too; the other party's is a note. */
    @Test
    void aChatMessageOfTheComplainantInTheObjectionWindowIsJudgedByAPerson() throws Exception {
        Complaint complaint = decidedCase("Chris Chat", "chris.chat@example.nl");
        String path = "/api/complaints/" + complaint.getReference() + "/chat-messages";
        assertThat(as("platform").postForEntity(path, json("{\"author\":\"Chris Chat\",\"message\":\"Bedankt!\"}"),
                String.class).getStatusCode().value()).isEqualTo(201);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).count()).as("a thank-you").isZero();

        assertThat(as("platform").postForEntity(path, json("{\"author\":\"Chris Chat\",\"message\":"
                + "\"Ik ben het niet eens met jullie besluit, de vakman heeft het lek niet gedicht.\"}"), String.class)
                .getStatusCode().value()).isEqualTo(201);
        Task judge = taskService.createTaskQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKey(ComplaintProcess.TASK_JUDGE_OBJECTION).singleResult();
        assertThat(judge).isNotNull();
        assertThat((String) taskService.getVariable(judge.getId(), ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT))
                .contains("Chatbericht van Chris Chat", "het lek niet gedicht");
    }
}
