package nl.homepair.complaints.tasklist;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;

import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.CodedOutcome;
import nl.homepair.complaints.complaint.ComplainantsOtherCases;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess.TaskResult;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.DecisionMeasures;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.MarkdownText;
import nl.homepair.complaints.text.PlainText;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case file that every user task of a complaint shows in its Camunda Form (R15), and
 * the record of each completed task on the timeline (R14). Neither needs anything in the
 * model: the case file is made for any task's form when it is opened, and the timeline
 * listens to the engine's Spring task events, so a step a manager adds in the Modeler gets
 * both without Java.
 */
@Component
public class TaskCaseFile {

    /**
     * Every variable of the case file starts with this. Tasks made before the case file was made
     * on opening hold a copy as task-local variables: the fresh values replace them in the form,
     * and they are left out of the engine's history ({@link CaseFileHistory}).
     */
    public static final String VARIABLE_PREFIX = "case";

    /** The names of the case file's variables (docs/process-data.md): what a form may show, and what older tasks hold a copy of. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("caseReference", "caseComplainant", "caseRole",
            "caseSubject", "caseChannel", "caseReceived", "caseJob", "caseDescription", "caseAttemptedResolution",
            "caseChatSummary", "caseEvidence", "caseTimeline", "caseInformationAnswer", "caseDecision", "caseObjection",
            "casePromisedAnswer", "casePromisedBoardAnswer", "casePromisedMeasureReviewAnswer", "casePossibleObjection",
            "caseObjectionWithdrawalWish", "caseOtherPartyName", "caseChatConversation", "caseAffectedUserName",
            "caseBoardMotivation", "caseRevisionWithdrawalWish", "caseOtherCases");


    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final CaseAccess access;
    private final ComplainantsOtherCases otherCases;

    public TaskCaseFile(ComplaintRepository complaints, CaseTimeline timeline, IdentityService identityService,
                        TaskService taskService, RuntimeService runtimeService, CaseAccess access,
                        ComplainantsOtherCases otherCases) {
        this.otherCases = otherCases;
        this.runtimeService = runtimeService;
        this.access = access;
        this.complaints = complaints;
        this.timeline = timeline;
        this.identityService = identityService;
        this.taskService = taskService;
    }

    /**
     * The case file for the form of an open task (R15), made when the form is opened
     * ({@link FreshCaseFileFilter}): the complaint, the newest of its timeline (chat messages,
     * notes, mails and answers that arrived while the task was open) and the decision as it
     * stands (e.g. a measure lifted while the board reviews an objection). Nothing of it is
     * stored in the engine. Empty for a task that is not open, belongs to no complaint, or to a
     * case outside the caller's {@code scope} (R12: a task a model gave to someone who may not
     * see the case shows none of it). Runs as the system: the caller's right to the task's
     * variables is checked by the engine request that this amends.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> of(String taskId, CaseAccess.Scope scope) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            Task task = taskService.createTaskQuery().taskId(taskId).active().singleResult();
            if (task == null || task.getExecutionId() == null) {
                return Map.of();
            }
            // the process's variables, not the task's own: a value the form holds for the task (e.g. a
            // revised verdict stored before completing) is no decision yet
            Map<String, Object> process = runtimeService.getVariables(task.getExecutionId());
            Complaint complaint = complaints.ofVariable(process.get(VAR_COMPLAINT_ID)).orElse(null);
            // the engine let the caller read this task: its assignee holds it, whatever their group
            boolean holder = caller != null && caller.getUserId() != null && caller.getUserId().equals(task.getAssignee())
                    && !scope.handlerGroups().isEmpty();
            if (complaint == null || !holder && !access.includesByGroup(scope, complaint)) {
                return Map.of();
            }
            Map<String, Object> file = new HashMap<>(caseFile(complaint));
            file.putAll(decisionSoFar(process::get));
            // the complainant's other cases that this reader may see (a follow-up without its reference, a second complaint)
            file.put("caseOtherCases", CamundaText.fit(ComplainantsOtherCases.markdown(otherCases.of(complaint,
                    other -> access.includes(scope, other))), "het overzicht van zaken, [/zaken](/zaken)"));
            return file;
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    @Transactional
    public void recordCompletion(DelegateTask task) {
        Complaint complaint = complaintOf(task);
        if (complaint == null) {
            return;
        }
        // who completed it (R14): the person signed in, also when the task stood in a colleague's name (a team lead or
        // colleague finishing it over the API); without anyone signed in (a test, a job), the task's holder
        Authentication auth = identityService.getCurrentAuthentication();
        String signedIn = auth == null ? null : auth.getUserId();
        // a step of the model that completes it (the acknowledgement left meanwhile and closes its check) is no person's
        boolean byAJob = org.camunda.bpm.engine.impl.context.Context.getCommandContext() != null
                && org.camunda.bpm.engine.impl.context.Context.getCommandContext().getCurrentJob() != null;
        String actor = signedIn != null ? signedIn
                : !byAJob && task.getAssignee() != null ? task.getAssignee() : CaseTimeline.SYSTEM;
        // the model's step name: the task's own name also carries the reference and the complainant (TaskHeadline)
        String step = task.getBpmnModelElementInstance() != null && task.getBpmnModelElementInstance().getName() != null
                ? task.getBpmnModelElementInstance().getName() : task.getName();
        StringBuilder summary = new StringBuilder("Taak \"").append(step).append("\" afgerond");
        TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getTaskDefinitionKey());
        if (result != null) {
            Object outcome = result.outcomeVariable() == null ? null : task.getVariable(result.outcomeVariable());
            if (outcome != null) {
                summary.append(": ").append(CodedOutcome.labelOf(outcome));
            }
            Object note = task.getVariable(result.notesVariable());
            if (note != null && !note.toString().isBlank()) {
                summary.append(". ").append(note);
            }
        } else if (CaseStepNotes.isCaseStep(task)) {
            // a step a manager added with the general form: what the handler did is on the case (and in the copy)
            Object note = CaseStepNotes.notesOf(task);
            if (note != null && !note.toString().isBlank()) {
                summary.append(": ").append(note.toString().strip());
            }
        }
        if (task.getAssignee() != null && (signedIn != null ? !task.getAssignee().equals(signedIn) : byAJob)) {
            summary.append(" (de taak stond op naam van ").append(task.getAssignee()).append(")");
        }
        if (ComplaintProcess.TASK_REVIEW_MEASURE.equals(task.getTaskDefinitionKey())
                || ComplaintProcess.aboutTheAffectedUser(task.getProcessDefinitionId())) {
            // the board's ruling on the affected user's objection, with its motivation to that user, and any step a
            // manager added to that review: staff-only (R13), as the measure that then stands (ComplaintLifecycle.measuresRevised)
            timeline.recordAboutOthers(complaint, TimelineEventType.TASK_COMPLETED, actor, summary.toString());
        } else {
            timeline.record(complaint, TimelineEventType.TASK_COMPLETED, actor, summary.toString());
        }
    }

    private Complaint complaintOf(DelegateTask task) {
        Object id = task.getVariable(VAR_COMPLAINT_ID);
        return complaints.ofVariable(id).orElse(null);
    }

    /** The task-local variables that the forms in forms/ show (names documented in docs/process-data.md). */
    Map<String, Object> caseFile(Complaint c) {
        // links into the staff pages (/zaken), which share the Tasklist login and show images and PDFs in the browser
        String dossier = "[Open het dossier: tijdlijn, e-mails en bewijsstukken](/zaken/" + c.getReference() + ")\n\n";
        String evidence = dossier + (c.getEvidence().isEmpty() ? "Geen bewijsstukken meegestuurd."
                : c.getEvidence().stream()
                        .map(e -> "- [" + MarkdownText.escape(e.getFileName()) + "](/zaken/" + c.getReference() + "/bewijs/"
                                + e.getId() + ") " + MarkdownText.escape("(" + e.getContentType() + ", "
                                + kilobytes(e.getSizeBytes()) + ")"))
                        .collect(Collectors.joining("\n")));
        List<TimelineEntry> entries = timeline.of(c);
        // the case page a handler opens with the Tasklist login (the API answers JSON, and only to machine users)
        String whole = "het dossier, [/zaken/" + c.getReference() + "](/zaken/" + c.getReference() + ")";
        // the newest entries that fit in a variable, newest last, each shortened; older ones are in the case file
        String history = newestThatFit(entries, t -> "- " + MarkdownText.escape(DutchDates.moment(t.getOccurredAt())
                + " (" + t.getActor() + "): " + shorten(t.getSummary(), 300)), TIMELINE_ENTRIES, TIMELINE_BUDGET, "\n",
                "gebeurtenissen", whole);
        // what the complainant sent in answer to a request for information, whole (R4): the answer, and the mails
        // that came after it ("Bedankt, de foto's volgen", then the photos), newest last
        List<TimelineEntry> answers = entries.stream().dropWhile(t -> t.getType() != TimelineEventType.INFORMATION_RECEIVED)
                .filter(t -> t.getType() == TimelineEventType.INFORMATION_RECEIVED
                        || t.getType() == TimelineEventType.NOTE && t.getSummary().startsWith(CaseTimeline.MAIL_RECEIVED)
                        && !t.isAboutOthers()) // the affected user's mails start the same way; they are no answer
                .toList();
        String answer = answers.isEmpty() ? "Geen aanvullende informatie ontvangen."
                : newestThatFit(answers, TaskCaseFile::inFull, Integer.MAX_VALUE, ANSWER_BUDGET, "\n\n", "antwoorden en e-mails", whole);
        // the mails that joined the case after the first one, whole: a triage started again for one of them shows it as it
        // came (the timeline above shortens it), so that nobody chooses "geen klacht" over a mail they could not read (R3);
        // and whoever decides reads the complainant's later arguments, the other party's side and the affected user's mails
        // whole, not 300 characters of each (those that answer a request for information are in the answer above)
        List<TimelineEntry> later = entries.stream().filter(t -> t.getType() == TimelineEventType.NOTE
                && (t.getSummary().startsWith(CaseTimeline.FURTHER_MAIL) || t.getSummary().startsWith(CaseTimeline.MAIL_RECEIVED)
                || t.getSummary().contains(CaseTimeline.PUT_WITH_THE_CASE)))
                .filter(t -> !answers.contains(t))
                .toList();
        String laterMails = later.isEmpty() ? "Geen latere e-mails."
                : newestThatFit(later, TaskCaseFile::inFull, Integer.MAX_VALUE, ANSWER_BUDGET, "\n\n", "e-mails", whole);
        // every chat message of the mediation, whole (R7): the timeline above shows only its newest lines, shortened
        List<TimelineEntry> chat = entries.stream().filter(t -> t.getType() == TimelineEventType.CHAT_MESSAGE).toList();
        String chatMessages = chat.isEmpty() ? "Nog geen chatberichten op de zaak."
                : newestThatFit(chat, TaskCaseFile::inFull, Integer.MAX_VALUE, ANSWER_BUDGET, "\n\n", "chatberichten", whole);
        String job = (c.getJobDate() == null ? "datum onbekend" : DutchDates.day(c.getJobDate()))
                + (c.getJobReference() == null ? "" : ", referentie " + c.getJobReference());
        Map<String, Object> file = Map.ofEntries(
                Map.entry("caseReference", c.getReference()),
                Map.entry("caseComplainant", MarkdownText.escape(c.getName() + " <" + c.getEmail() + ">")),
                Map.entry("caseRole", c.getRole() == null ? "nog niet bepaald" : c.getRole().label()),
                Map.entry("caseSubject", c.getSubject() == null ? "nog niet bepaald" : c.getSubject().label()),
                Map.entry("caseChannel", c.getChannel().label()),
                Map.entry("caseReceived", DutchDates.moment(c.getReceivedAt())),
                Map.entry("caseJob", MarkdownText.escape(job)),
                Map.entry("caseDescription", MarkdownText.escape(c.getDescription())),
                Map.entry("caseAttemptedResolution", MarkdownText.escape(orNone(c.getAttemptedResolution()))),
                Map.entry("caseChatSummary", MarkdownText.escape(orNone(c.getChatSummary()))),
                Map.entry("caseEvidence", evidence),
                Map.entry("caseTimeline", history),
                Map.entry("caseInformationAnswer", answer),
                Map.entry("caseChatMessages", chatMessages),
                Map.entry("caseLaterMails", laterMails));
        Map<String, Object> fitted = new HashMap<>();
        file.forEach((key, value) -> fitted.put(key, CamundaText.fit((String) value, whole)));
        // the complainant's wish to withdraw the objection the board reviews (R9): the director's form shows it above the
        // choice; and the wish to withdraw the complaint while its decision is revised, on top of Besluit herzien
        Map.of("caseObjectionWithdrawalWish", nl.homepair.complaints.complaint.CaseWithdrawal.objectionWithdrawalWish(entries),
                "caseRevisionWithdrawalWish", nl.homepair.complaints.complaint.CaseWithdrawal.revisionWithdrawalWish(entries))
                .forEach((name, found) -> found.ifPresent(wish -> fitted.put(name, CamundaText.fit(MarkdownText.escape(
                        DutchDates.moment(wish.getOccurredAt()) + ": "
                                + nl.homepair.complaints.complaint.CaseWithdrawal.wishText(wish)), whole))));
        return fitted;
    }

    /** An entry whole, with its moment; Markdown-escaped: what the complainant or a chat participant wrote is no markup. */
    private static String inFull(TimelineEntry t) {
        return MarkdownText.escape(DutchDates.moment(t.getOccurredAt()) + ": " + t.getSummary());
    }

    /**
     * The newest entries as {@code render} writes them (only those looked at), newest last, at most {@code most} and as
     * many as fit in {@code budget} characters with their separators (the newest always); a line above says how many
     * are left out and where they are.
     */
    static String newestThatFit(List<TimelineEntry> entries, Function<TimelineEntry, String> render, int most, int budget,
                                String separator, String what, String whereTheRestIs) {
        LinkedList<String> shown = new LinkedList<>();
        int length = 0;
        for (int i = entries.size() - 1; i >= 0 && shown.size() < most; i--) {
            String line = render.apply(entries.get(i));
            if (!shown.isEmpty() && length + line.length() + separator.length() > budget) {
                break;
            }
            shown.addFirst(line);
            length += line.length() + separator.length();
        }
        String text = String.join(separator, shown);
        if (shown.size() < entries.size()) {
            text = "De laatste " + shown.size() + " van " + entries.size() + " " + what + "; alles staat in " + whereTheRestIs
                    + ".\n\n" + text;
        }
        return text;
    }

    static final int ANSWER_BUDGET = 3_700;

    /** How many of the latest timeline entries a form shows at most, and in how many characters. */
    static final int TIMELINE_ENTRIES = 15;
    static final int TIMELINE_BUDGET = 3_500;

    private static String shorten(String text, int max) {
        return PlainText.shortened(text, max);
    }

    /**
     * The date promised (on a case from before the promise was kept, the deadline), or the step's deadline when that is
     * later: after a wait on the complainant the deadline moved
     * (the clock stood still, as the request for information said) and the promise moved with it, as the model's timer
     * on the promise reads it; the form said the old, passed date while Tasklist showed the new one.
     */
    private static String promised(Function<String, Object> variable, String promise, String deadline) {
        java.util.Date promised = variable.apply(promise) instanceof java.util.Date date ? date : null;
        java.util.Date due = variable.apply(deadline) instanceof java.util.Date date ? date : null;
        if (promised == null && due == null) {
            return "niet vastgelegd";
        }
        // a date the wait moved into the past (the question asked after the promise had lapsed) was no promise
        java.util.Date answered = variable.apply("informationReceivedAt") instanceof java.util.Date date ? date : null;
        if (promised != null && due != null && due.after(promised) && (answered == null || due.after(answered))) {
            return DutchDates.weekday(due.toInstant()) + " (verschoven: de termijn stond stil terwijl we op de klager wachtten)";
        }
        return DutchDates.weekday((promised != null ? promised : due).toInstant());
    }

    private static void detail(StringBuilder text, String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            text.append("\n\n**").append(label).append(":** ").append(MarkdownText.escape(value.toString().strip()));
        }
    }

    /**
     * The decision and objection, for the board's and the revising handler's forms, and the date the next steps were
     * promised by, for the assessment's, from the task's variables.
     */
    static Map<String, Object> decisionSoFar(Function<String, Object> variable) {
        Map<String, Object> values = new HashMap<>();
        // the date the acknowledgement promised the next steps by (R6): for a letter registered late it lies after the
        // task's due date, which is red from the start; the handler answers by the promise, not by the colour
        values.put("casePromisedAnswer", promised(variable, "assessmentAnswerDue", "assessmentDue"));
        // idem for the board: an objection letter registered late has a task red from its start and a later promise
        values.put("casePromisedBoardAnswer", promised(variable, "objectionAnswerDue", "objectionReviewDue"));
        values.put("casePromisedMeasureReviewAnswer", promised(variable, "measureReviewAnswerDue", "measureReviewDue"));
        // names and words others typed, shown in a form's text as typed: what the mediator wrote when the mediation ended
        // (R7: the decision after a failed mediation is taken on it), a chat name "klus_bedrijf_jan" that is matched on
        // exactly as the chat spells it, and the board's motivation with its line breaks and asterisks
        for (String[] shown : new String[][] {{"mediationNotes", "caseMediationNotes"}, {"otherPartyName", "caseOtherPartyName"},
                {"chatConversationReference", "caseChatConversation"}, {"affectedUserName", "caseAffectedUserName"},
                {"boardMotivation", "caseBoardMotivation"}}) {
            if (variable.apply(shown[0]) instanceof String text && !text.isBlank()) {
                values.put(shown[1], MarkdownText.escape(text.strip()));
            }
        }
        // the message "Is dit een bezwaar?" judges: a mail or a chat message, and when it came (an objection counts from then)
        if (variable.apply(ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT) instanceof java.util.Date received) {
            values.put("casePossibleObjection", ComplaintProcess.possibleObjectionMessage(
                    variable.apply(ComplaintProcess.VAR_POSSIBLE_OBJECTION_VIA), received));
        }
        Object verdict = variable.apply(ComplaintProcess.VAR_VERDICT);
        if (verdict != null) {
            StringBuilder decision = new StringBuilder("Klacht ")
                    .append(CodedOutcome.labelOf(verdict)).append(".\n\n")
                    .append(MarkdownText.escape(orNone((String) variable.apply("decisionMotivation"))));
            String measures = Arrays.stream(Measure.values())
                    .filter(m -> Boolean.TRUE.equals(variable.apply(m.key())))
                    .map(m -> "- " + MarkdownText.escape(m.label()))
                    .collect(Collectors.joining("\n"));
            decision.append("\n\n**Maatregelen:**\n\n").append(measures.isEmpty() ? "Geen." : measures);
            // what the statement of reasons said (DSA art. 17): the director who reviews the measure judges these
            boolean userMeasure = Arrays.stream(Measure.values())
                    .anyMatch(m -> m.againstUser() && Boolean.TRUE.equals(variable.apply(m.key())));
            if (userMeasure) {
                detail(decision, "Betrokken gebruiker", variable.apply("affectedUserName"));
                if (Boolean.TRUE.equals(variable.apply(Measure.SUSPENSION.key()))) {
                    detail(decision, "Duur van de schorsing", variable.apply(ComplaintProcess.VAR_SUSPENSION_DURATION));
                }
                detail(decision, "Feiten", variable.apply("measureFacts"));
                detail(decision, "Grond in de voorwaarden", variable.apply("termsGround"));
            }
            if (Boolean.TRUE.equals(variable.apply(Measure.COMPENSATION_ADVICE.key()))) {
                detail(decision, "Advies over vergoeding", variable.apply("compensationAdvice"));
            }
            if (variable.apply(DecisionMeasures.NEXT_STEPS_ADVICE) instanceof String advice && !advice.isBlank()) {
                detail(decision, "Advies over vervolgstappen", advice);
            }
            values.put("caseDecision", CamundaText.fit(decision.toString(), "de zaak"));
        } else if ("INADMISSIBLE".equals(variable.apply("assessmentOutcome"))) {
            // the objection is against the declaration that the complaint is outside the procedure (R1, R9)
            values.put("caseDecision", CamundaText.fit("Klacht niet-ontvankelijk verklaard: volgens de behandelaar valt ze buiten"
                    + " de klachtenprocedure. Is het bezwaar gegrond, dan neemt een behandelaar alsnog een besluit over de"
                    + " inhoud van de klacht.\n\n**Reden:** " + MarkdownText.escape(orNone((String) variable.apply("assessmentNotes"))),
                    "de zaak"));
        }
        Object objection = variable.apply(ComplaintProcess.VAR_OBJECTION_MOTIVATION);
        if (objection != null) {
            Object at = variable.apply(ComplaintProcess.VAR_OBJECTION_RECEIVED_AT);
            values.put("caseObjection", (at instanceof Date d ? "Ontvangen " + DutchDates.moment(d.toInstant()) + "\\.\n\n" : "")
                    + MarkdownText.escape(objection.toString()));
            values.put("caseObjection", CamundaText.fit((String) values.get("caseObjection"), "de tijdlijn van de zaak"));
        }
        return values;
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "Niet ingevuld." : s;
    }

    private static String kilobytes(long bytes) {
        return String.format(DutchDates.DUTCH, "%.0f kB", Math.ceil(bytes / 1024.0));
    }
}
