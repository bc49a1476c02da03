package nl.homepair.complaints.tasklist;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.homepair.complaints.complaint.BoardDecision;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.CodedOutcome;
import nl.homepair.complaints.complaint.CaseWithdrawal;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintProcess;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.DecisionMeasures;
import nl.homepair.complaints.complaint.ComplaintProcess.TaskResult;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.complaint.TimelineEntry;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.modeling.ModelCheck;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A task that records a coded outcome (a verdict, the board's decision, ...) completes only
 * with one of its codes: a missing value or {@code "upheld"} sent over {@code /engine-rest}
 * is refused with a Dutch form error (400), instead of silently taking some gateway's flow.
 * The models' gateways have no default flow for these outcomes for the same reason.
 */
@Component
public class TaskOutcomeCheck {

    private final DecisionMeasures measures;
    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;

    public TaskOutcomeCheck(DecisionMeasures measures, ComplaintRepository complaints, CaseTimeline timeline) {
        this.complaints = complaints;
        this.measures = measures;
        this.timeline = timeline;
    }

    /**
     * "Maatregel gewijzigd" with the measure as it was (whom it hits, what, why) would send the user a new statement of
     * reasons for nothing and give them a new objection window; with no measure left it is a lifted measure. Refused
     * with a Dutch form error, so that the director chooses what happened.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(1)
    public void refuseAChangeThatChangesNothing(DelegateTask task) {
        if (!ComplaintProcess.TASK_REVIEW_MEASURE.equals(task.getTaskDefinitionKey())
                || !MeasureReviewOutcome.MEASURE_CHANGED.name().equals(task.getVariable(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME))) {
            return;
        }
        Object before = task.getVariable("measuresBefore");
        String now = measures.againstUser(task);
        if (now.isEmpty()) {
            throw new FormFieldValidationException(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "Er blijft geen maatregel"
                    + " tegen de gebruiker over: kies \"" + MeasureReviewOutcome.MEASURE_LIFTED.label() + "\".");
        }
        if (before != null && now.equals(before)) {
            throw new FormFieldValidationException(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME, "Je koos \""
                    + MeasureReviewOutcome.MEASURE_CHANGED.label() + "\", maar de maatregel, de gebruiker, de feiten en de grond"
                    + " zijn niet veranderd. Pas de maatregel aan, of kies \"" + MeasureReviewOutcome.MEASURE_STANDS.label() + "\".");
        }
    }

    /** The steps whose motivation the next mail quotes to the complainant or the user a measure hit ("Motivering …"). */
    static final Set<String> MOTIVATED_STEPS = Set.of(ComplaintProcess.TASK_DECIDE, ComplaintProcess.TASK_REVISE_DECISION,
            ComplaintProcess.TASK_REVIEW_OBJECTION, ComplaintProcess.TASK_REVIEW_MEASURE);

    /**
     * A decision, a revision or the board's judgement without a motivation: the forms require one, but a manager may
     * untick "verplicht" (R15) and a client may complete over {@code /engine-rest}; the mail then said "Motivering van de
     * directie:" with nothing under it (R8, R9: a motivated answer in writing). Refused with a Dutch form error.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(3) // after the outcome's own refusals (an unknown code, a wish not read): they say more
    public void refuseAnUnmotivatedJudgement(DelegateTask task) {
        if (MOTIVATED_STEPS.contains(task.getTaskDefinitionKey())) {
            require(task, ComplaintProcess.TASK_RESULTS.get(task.getTaskDefinitionKey()).notesVariable(),
                    "Schrijf de motivering: de betrokkene leest haar in de mail over deze beslissing.");
        }
    }

    /**
     * What the next step mails with: the other party's address when the assessment chose mediation, and the address of
     * the user a measure hits, with the facts and the ground, when a decision takes one (the statement of reasons, DSA
     * art. 17). The forms require them, but a manager may hide a field or untick "verplicht" (or a client may complete the task over
     * {@code /engine-rest}): the task then completed, the mail step failed until its incident and the case stood still,
     * the complainant's decision mail held behind it. Refused with a Dutch form error instead.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAMissingAddressee(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        if (ComplaintProcess.TASK_ASSESS.equals(key) && "MEDIATION".equals(task.getVariable("assessmentOutcome"))) {
            requireAddress(task, "otherPartyEmail", "Vul een geldig e-mailadres van de andere partij in: bij bemiddelen"
                    + " krijgt die een e-mail met de uitnodiging voor het chatgesprek.");
        }
        if (decidesMeasures(task) && measureAgainstAUser(task)) {
            String why = " De gebruiker tegen wie de maatregel is genomen krijgt een verklaring van redenen.";
            requireAddress(task, "affectedUserEmail", "Vul een geldig e-mailadres in van de gebruiker tegen wie de maatregel"
                    + " is genomen." + why);
            require(task, "measureFacts", "Beschrijf de feiten waarop de maatregel berust." + why);
            require(task, "termsGround", "Noem de grond in de voorwaarden waarop de maatregel berust." + why);
        }
    }

    /**
     * Whether the step decides the measures against a user as the models route it: the decision sends the statement of
     * reasons for any measure ticked (whatever the verdict), the revision clears the measures of an unfounded verdict when
     * it ends, a review sends one for a changed measure.
     */
    private static boolean decidesMeasures(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        return ComplaintProcess.TASK_DECIDE.equals(key)
                || ComplaintProcess.TASK_REVISE_DECISION.equals(key) && !"UNFOUNDED".equals(task.getVariable("verdict"))
                || ComplaintProcess.TASK_REVIEW_MEASURE.equals(key) && MeasureReviewOutcome.MEASURE_CHANGED.name()
                        .equals(task.getVariable(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME));
    }

    /**
     * A removal from the platform is for good: ticked with a temporary suspension or a warning, the statement of reasons
     * (DSA art. 17) told the user both that they were suspended for a while and removed for good. The three boxes read as
     * steps to a new handler; refused with a Dutch form error naming the choice.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseARemovalWithALesserMeasure(DelegateTask task) {
        if (!decidesMeasures(task) || !Boolean.TRUE.equals(task.getVariable(Measure.REMOVAL.key()))) {
            return;
        }
        boolean suspension = Boolean.TRUE.equals(task.getVariable(Measure.SUSPENSION.key()));
        if (suspension || Boolean.TRUE.equals(task.getVariable(Measure.WARNING.key()))) {
            throw new FormFieldValidationException(Measure.REMOVAL.key(), "Een verwijdering van het platform is blijvend en"
                    + " vervangt een " + (suspension ? "tijdelijke schorsing" : "waarschuwing") + ": de verklaring van redenen"
                    + " zou de gebruiker beide noemen. Kies de verwijdering alleen, of alleen de lichtere maatregel(en).");
        }
    }

    /**
     * "Bij een gegronde klacht nemen we passende maatregelen of adviseren we over vervolgstappen" (procedure §3, R8): a
     * (partly) well-founded decision or revision with no measure ticked and no advice told the complainant they were
     * right and nothing more. Refused with a Dutch form error when a person completes it (the forms, {@code /engine-rest});
     * a decision the application completes itself is not judged here.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAWellFoundedDecisionWithoutMeasureOrAdvice(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        if (!ComplaintProcess.TASK_DECIDE.equals(key) && !ComplaintProcess.TASK_REVISE_DECISION.equals(key)) {
            return;
        }
        Object verdict = task.getVariable(ComplaintProcess.VAR_VERDICT);
        Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (caller == null || !("WELL_FOUNDED".equals(verdict) || "PARTLY_WELL_FOUNDED".equals(verdict))
                || DecisionMeasures.measureOrAdvice(task)) {
            return;
        }
        throw new FormFieldValidationException(DecisionMeasures.NEXT_STEPS_ADVICE, "Bij een (deels) gegronde klacht nemen we"
                + " een passende maatregel of adviseren we over de vervolgstappen (klachtenprocedure, stap 3): kies een"
                + " maatregel of schrijf een advies over de vervolgstappen.");
    }

    /**
     * "Nee, geen klacht" closes the case without a word to the sender and cannot be undone (a complaint taken for a
     * newsletter is only found again by registering it anew). It needs the reason on the timeline, and, where the form
     * asks for it, the handler's tick that they read the whole message; refused with a Dutch form error otherwise.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAnUnconfirmedNotAComplaint(DelegateTask task) {
        if (!ComplaintProcess.TASK_TRIAGE.equals(task.getTaskDefinitionKey())
                || !"NOT_A_COMPLAINT".equals(task.getVariable(ComplaintProcess.VAR_TRIAGE_OUTCOME))) {
            return;
        }
        refuseUnticked(task, NOT_A_COMPLAINT_CONFIRMED, "Vink aan dat je het hele bericht hebt gelezen en dat het geen klacht"
                + " is: Nee sluit de zaak zonder e-mail aan de afzender en kan niet worden teruggedraaid.");
        require(task, "triageNotes", "Schrijf in de toelichting waarom dit geen klacht is (bijvoorbeeld reclame, of een vraag"
                + " die je zelf hebt beantwoord): het komt op de tijdlijn van de zaak.");
    }

    /** The triage form's tick "read the whole message: no complaint" (absent in a form without it, or over REST). */
    static final String NOT_A_COMPLAINT_CONFIRMED = "notAComplaintConfirmed";

    /**
     * "Niet-ontvankelijk" is mailed to the complainant seconds after the assessment and ends the handling (the complainant
     * can only object to the board): where the form asks for it, the handler ticks that they checked the complaint falls
     * outside the procedure, so that a slip of the radio button is caught before it leaves.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAnUnconfirmedInadmissibility(DelegateTask task) {
        if (!ComplaintProcess.TASK_ASSESS.equals(task.getTaskDefinitionKey())
                || !"INADMISSIBLE".equals(task.getVariable(ComplaintProcess.VAR_ASSESSMENT_OUTCOME))) {
            return;
        }
        refuseUnticked(task, INADMISSIBLE_CONFIRMED, "Vink aan dat je hebt gecontroleerd dat de klacht buiten de"
                + " klachtenprocedure valt: Niet-ontvankelijk gaat meteen per e-mail naar de klager en beëindigt de"
                + " behandeling. Bedoelde je een andere uitkomst, kies die dan.");
    }

    /** The assessment form's tick "checked: outside the procedure" (absent in a form without it, or over REST). */
    static final String INADMISSIBLE_CONFIRMED = "inadmissibleConfirmed";

    /**
     * "Bezwaar ingetrokken" ends the board's review without a judgement and closes the case: the complainant can object
     * no more. Where the form asks for it, the director ticks that the complainant said so themselves (a mail, a letter,
     * a call, or the wish on the timeline), so that a slip of the radio button does not end an objection nobody withdrew.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAnUnconfirmedObjectionWithdrawal(DelegateTask task) {
        if (!ComplaintProcess.TASK_REVIEW_OBJECTION.equals(task.getTaskDefinitionKey())
                || !BoardDecision.WITHDRAWN.name().equals(task.getVariable(ComplaintProcess.VAR_BOARD_DECISION))) {
            return;
        }
        refuseUnticked(task, OBJECTION_WITHDRAWAL_CONFIRMED, "Vink aan dat je hebt gecontroleerd dat de klager zelf heeft"
                + " laten weten het bezwaar in te trekken: Ingetrokken sluit de zaak, en de klager kan daarna geen bezwaar meer"
                + " maken. Wil de klager het bezwaar niet intrekken, kies dan gegrond of ongegrond.");
    }

    /**
     * The complainant who wants to withdraw the objection while the board reviews it is told the director reads the wish
     * and records the withdrawal (CaseWithdrawal). A director whose form was opened before the wish came would judge the
     * objection over it, and the complainant would hear it was unfounded: a judgement (upheld or rejected) by a person
     * on a case with such a wish needs the tick that the complainant took it back, which the form shows with the wish.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseAJudgementOverAWithdrawalWish(DelegateTask task) {
        Object decision = task.getVariable(ComplaintProcess.VAR_BOARD_DECISION);
        if (!ComplaintProcess.TASK_REVIEW_OBJECTION.equals(task.getTaskDefinitionKey()) || boardReviewer(task) == null
                || !BoardDecision.UPHELD.name().equals(decision) && !BoardDecision.REJECTED.name().equals(decision)
                || Boolean.TRUE.equals(task.getVariable(WITHDRAWAL_WISH_TAKEN_BACK))) {
            return;
        }
        refuseOverAWish(task, CaseWithdrawal::objectionWithdrawalWish, WITHDRAWAL_WISH_TAKEN_BACK,
                "De klager wil het bezwaar intrekken", "Kies 'Bezwaar ingetrokken door de klager'; heeft de klager die wens"
                        + " teruggenomen, open de taak dan opnieuw en vink dat aan.");
    }

    /**
     * Refuses the completion, on {@code field}, when the case's timeline holds the wish {@code wishOf} finds: what the
     * complainant wants, since when, in their words, and what to do.
     */
    private void refuseOverAWish(DelegateTask task, java.util.function.Function<List<TimelineEntry>, java.util.Optional<TimelineEntry>> wishOf,
                                 String field, String wants, String todo) {
        complaints.ofVariable(task.getVariable(ComplaintProcess.VAR_COMPLAINT_ID))
                .flatMap(complaint -> wishOf.apply(timeline.of(complaint)))
                .ifPresent(wish -> {
                    throw new FormFieldValidationException(field, wants + " (op de tijdlijn sinds "
                            + nl.homepair.complaints.text.DutchDates.moment(wish.getOccurredAt()) + ": '"
                            + CaseWithdrawal.wishText(wish) + "'). " + todo);
                });
    }

    /**
     * The complainant who wants to withdraw the complaint while its decision is revised is told the wish goes to the handler
     * who revises (CaseWithdrawal). The form of *Besluit herzien* shows the wish whenever it opens, but a handler whose form
     * was opened before the wish came would revise over it unseen: a revision completed by a person on a case with such a
     * wish needs the tick that they read it, which the form shows with the wish.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(2)
    public void refuseARevisionOverAnUnreadWish(DelegateTask task) {
        if (!ComplaintProcess.TASK_REVISE_DECISION.equals(task.getTaskDefinitionKey()) || signedIn(task) == null
                || Boolean.TRUE.equals(task.getVariable(REVISION_WISH_READ))) {
            return;
        }
        refuseOverAWish(task, CaseWithdrawal::revisionWithdrawalWish, REVISION_WISH_READ, "De klager wil de klacht intrekken",
                "Intrekken kan nu niet: het eerste besluit geldt tot jouw herziene besluit. Neem contact op met de klager,"
                        + " open de taak opnieuw en vink aan dat je de wens hebt gelezen; leg in je besluit vast wat jullie"
                        + " afspreken.");
    }

    /** The revision's form's tick "I read the complainant's wish to withdraw" (shown with the wish). */
    static final String REVISION_WISH_READ = "revisionWishRead";

    /** The board's form's tick "the complainant took the wish to withdraw back" (shown with the wish). */
    static final String WITHDRAWAL_WISH_TAKEN_BACK = "withdrawalWishTakenBack";

    /** The board's form's tick "the complainant withdrew it themselves" (absent in a form without it, or over REST). */
    static final String OBJECTION_WITHDRAWAL_CONFIRMED = "objectionWithdrawalConfirmed";

    /**
     * The statement of reasons leaves right after the decision and tells the user the measure applies "vanaf de datum van
     * deze e-mail"; a lifted measure's mail says none applies any more. Nothing else carries the measure out on the
     * platform, so where the form asks for it, whoever decides ticks that it was done (a warning recorded, the account
     * suspended, removed, or restored), and the case's timeline keeps who said so (R8, R14).
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(3)
    public void refuseAMeasureNotCarriedOut(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        boolean againstUser = measureAgainstAUser(task);
        boolean unfounded = "UNFOUNDED".equals(task.getVariable(ComplaintProcess.VAR_VERDICT));
        String done;
        // as the models route: the decision sends the statement for any measure ticked, the revision lifts the measures of
        // an unfounded verdict (and tells the user who had one)
        if (ComplaintProcess.TASK_DECIDE.equals(key) && againstUser) {
            done = "Op het platform uitgevoerd";
        } else if (ComplaintProcess.TASK_REVISE_DECISION.equals(key) && (againstUser && !unfounded
                || task.getVariable("measuresBefore") instanceof String before && !before.isEmpty())) {
            done = "Op het platform in overeenstemming gebracht met het herziene besluit";
        } else if (ComplaintProcess.TASK_REVIEW_MEASURE.equals(key) && !MeasureReviewOutcome.MEASURE_STANDS.name()
                .equals(task.getVariable(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME))
                && task.getVariable(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME) != null) {
            done = "Op het platform in overeenstemming gebracht met de beoordeling van het bezwaar tegen de maatregel";
        } else {
            return;
        }
        refuseUnticked(task, MEASURE_CARRIED_OUT, "Vink aan dat de maatregel op het platform is uitgevoerd, aangepast of"
                + " opgeheven zoals in dit besluit: de gebruiker krijgt direct na dit besluit een e-mail dat de maatregel vanaf"
                + " dat moment geldt (of niet meer geldt).");
        Object ticked = task.getVariable(MEASURE_CARRIED_OUT);
        Complaint complaint = complaints.ofVariable(task.getVariable(ComplaintProcess.VAR_COMPLAINT_ID)).orElse(null);
        if (complaint != null && Measure.ticked(ticked)) {
            Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            String who = caller == null || caller.getUserId() == null ? CaseTimeline.SYSTEM : caller.getUserId();
            boolean lifted = unfounded && ComplaintProcess.TASK_REVISE_DECISION.equals(key) || MeasureReviewOutcome.MEASURE_LIFTED
                    .name().equals(task.getVariable(ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME))
                    && ComplaintProcess.TASK_REVIEW_MEASURE.equals(key);
            String what = lifted ? "geen maatregel meer" : measuresAsTheyStand(task);
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, who, done + ": " + what + "; volgens " + who + ".");
        }
        // said for this decision; a later one (the revision, the review of the user's objection) asks afresh, unticked
        task.removeVariable(MEASURE_CARRIED_OUT);
    }

    /** Whether the task's decision ticks a measure against a user (one that sends a statement of reasons). */
    private static boolean measureAgainstAUser(DelegateTask task) {
        return Measure.againstAUser().stream().anyMatch(m -> m.tickedIn(task));
    }

    /**
     * Which measures against a user the task's decision holds, and whom they hit: "tijdelijke schorsing van Schilder Verf
     * (30 dagen)", "waarschuwing aan …", "verwijdering van … van het platform".
     */
    private static String measuresAsTheyStand(DelegateTask task) {
        Object name = task.getVariable("affectedUserName");
        String whom = name == null || name.toString().isBlank() ? "de gebruiker" : name.toString().strip();
        Object duration = task.getVariable(ComplaintProcess.VAR_SUSPENSION_DURATION);
        List<String> phrases = new java.util.ArrayList<>();
        for (Measure m : Measure.againstAUser()) {
            if (m.tickedIn(task)) {
                phrases.add(switch (m) {
                    case WARNING -> "waarschuwing aan " + whom;
                    case SUSPENSION -> "tijdelijke schorsing van " + whom
                            + (duration == null || duration.toString().isBlank() ? "" : " (" + duration.toString().strip() + ")");
                    case REMOVAL -> "verwijdering van " + whom + " van het platform";
                    default -> m.label().toLowerCase(java.util.Locale.ROOT);
                });
            }
        }
        return phrases.isEmpty() ? "geen maatregel meer" : String.join(", ", phrases);
    }

    /** The deciding forms' tick "the measure is carried out on the platform" (absent in a form without it, or over REST). */
    static final String MEASURE_CARRIED_OUT = "carriedOutOnThePlatform";

    /** A form's tick left unticked (absent in a form without it, or over REST: not refused). */
    private static void refuseUnticked(DelegateTask task, String tick, String message) {
        Object confirmed = task.getVariable(tick);
        if (Boolean.FALSE.equals(confirmed) || "false".equals(confirmed)) {
            throw new FormFieldValidationException(tick, message);
        }
    }

    private static void require(DelegateTask task, String field, String message) {
        if (!(task.getVariable(field) instanceof String text) || text.isBlank()) {
            throw new FormFieldValidationException(field, message);
        }
    }

    private void requireAddress(DelegateTask task, String field, String message) {
        if (!(task.getVariable(field) instanceof String address) || !EmailAddresses.isValid(address.strip())) {
            throw new FormFieldValidationException(field, message);
        }
        // the complainant's own address here would send them the other party's invitation or the statement of reasons
        // about another user (facts, ground), and file it as the complainant's own mail, in their copy of their data
        Complaint complaint = complaints.ofVariable(task.getVariable(ComplaintProcess.VAR_COMPLAINT_ID)).orElse(null);
        if (complaint != null && complaint.isComplainantAddress(address.strip())) {
            throw new FormFieldValidationException(field, "Dit is het e-mailadres van de klager. Vul het adres van de andere"
                    + " partij of van de gebruiker tegen wie de maatregel is genomen in.");
        }
    }

    /**
     * The board's review of an objection or of a measure is the board's (R9): a task a director handed on to a handler
     * or team lead (the escalation mail says "assign it to a substitute") became theirs to decide, as Camunda gives an
     * assignee the task. Completed by a signed-in person who is not a director, it is refused with a Dutch form error;
     * without anyone signed in (a job, the application itself) it is not judged here.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(0)
    public void refuseABoardDecisionByAnotherThanTheBoard(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        IdentityService identity = task.getProcessEngineServices().getIdentityService();
        Authentication caller = boardReviewer(task);
        if (caller == null) {
            return;
        }
        // whether the caller may read the identity of users is no part of the question
        boolean director = org.camunda.bpm.engine.impl.context.Context.getCommandContext().runWithoutAuthorization(
                () -> HandlerGroups.isMemberOfAny(identity, caller.getUserId(), List.of(Groups.DIRECTORS)));
        if (!director) {
            throw new FormFieldValidationException(ComplaintProcess.TASK_RESULTS.get(key).outcomeVariable(), "Alleen de directie beslist hierover (groep directors);"
                    + " je bent geen lid van die groep. Geef de taak terug, of laat een beheerder een vervanger aan de groep"
                    + " directors toevoegen.");
        }
    }

    /**
     * Who completes one of the board's reviews (of an objection, of a measure) as a signed-in person; null for another
     * task, or when the application completes it itself (a job, a test), which the board's checks do not judge.
     */
    private static Authentication boardReviewer(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        if (!ComplaintProcess.TASK_REVIEW_OBJECTION.equals(key) && !ComplaintProcess.TASK_REVIEW_MEASURE.equals(key)) {
            return null;
        }
        return signedIn(task);
    }

    /** The person who completes the task, or null when nobody is signed in (a job, the application itself). */
    private static Authentication signedIn(DelegateTask task) {
        Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return caller == null || caller.getUserId() == null ? null : caller;
    }

    /** What a person does on a step when filling it in without completing it. */
    private static final java.util.Set<String> FILLED_IN = java.util.Set.of(UserOperationLogEntry.OPERATION_TYPE_RESOLVE,
            UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE,
            UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE);

    /** The steps of a case that shape its decision: whoever completed one took part in what the board reviews. */
    static final List<String> DECISION_STEPS = List.of(ComplaintProcess.TASK_ASSESS, ComplaintProcess.TASK_DECIDE,
            ComplaintProcess.TASK_REVISE_DECISION);

    /**
     * The board reviews a decision it did not take part in (R9, procedure §4): a director who also handles cases and
     * completed a step of the decision on this case (the assessment, the decision, its revision) does not decide the
     * objection or the measure's review while another director can; with a Dutch form error that says to hand it on.
     * Alone in the board they may (else nobody could), and the case says so for the complainant's copy and the auditor.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(0)
    public void refuseAReviewOfOnesOwnDecision(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        IdentityService identity = task.getProcessEngineServices().getIdentityService();
        Authentication caller = boardReviewer(task);
        String reference = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        if (caller == null || reference == null) {
            return;
        }
        HistoryService history = task.getProcessEngineServices().getHistoryService();
        // who took part is no question of what the caller may read
        List<String> otherDirectors = org.camunda.bpm.engine.impl.context.Context.getCommandContext().runWithoutAuthorization(() -> {
            java.util.Set<String> tookPart = new java.util.HashSet<>();
            // a step a colleague completed after an administrator cancelled it (Cockpit) is theirs, not the canceller's
            for (HistoricTaskInstance step : history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKeyIn(DECISION_STEPS.toArray(String[]::new)).finished().taskDeleteReason("completed").list()) {
                List<UserOperationLogEntry> log = history.createUserOperationLogQuery().taskId(step.getId()).list();
                // the person signed in when it was completed, else its holder
                String completedBy = log.stream().filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE
                                .equals(entry.getOperationType())).map(UserOperationLogEntry::getUserId)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(step.getAssignee());
                if (completedBy != null) {
                    tookPart.add(completedBy);
                }
                // and whoever filled it in for them: a delegate who handed it back, or wrote its fields
                log.stream().filter(entry -> FILLED_IN.contains(entry.getOperationType())).map(UserOperationLogEntry::getUserId)
                        .filter(java.util.Objects::nonNull).forEach(tookPart::add);
            }
            if (ComplaintProcess.TASK_REVIEW_MEASURE.equals(key)) {
                // a measure is reviewed while its revision may be open: whoever holds that revision takes part in it
                history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference)
                        .taskDefinitionKeyIn(DECISION_STEPS.toArray(String[]::new)).unfinished().list().stream()
                        .map(HistoricTaskInstance::getAssignee).filter(java.util.Objects::nonNull).forEach(tookPart::add);
            }
            if (!tookPart.contains(caller.getUserId())) {
                return null;
            }
            return identity.createUserQuery().memberOfGroup(Groups.DIRECTORS).list().stream()
                    .map(org.camunda.bpm.engine.identity.User::getId).filter(id -> !tookPart.contains(id)).toList();
        });
        if (otherDirectors == null) {
            return;
        }
        if (!otherDirectors.isEmpty()) {
            throw new FormFieldValidationException(ComplaintProcess.TASK_RESULTS.get(key).outcomeVariable(), "Je werkte zelf"
                    + " mee aan het besluit over deze klacht (je rondde er een stap van af of vulde die in); de directie"
                    + " beoordeelt het zonder jou. Geef de taak aan een andere directeur (" + String.join(", ", otherDirectors) + ").");
        }
        Complaint complaint = complaints.ofVariable(task.getVariable(ComplaintProcess.VAR_COMPLAINT_ID)).orElse(null);
        if (complaint != null && ComplaintProcess.TASK_REVIEW_MEASURE.equals(key)) {
            // the affected user's review is staff-only (R13), as everything about it on the timeline
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, caller.getUserId(), "Bezwaar tegen de maatregel"
                    + " beoordeeld door " + caller.getUserId() + ", die zelf meewerkte aan het besluit: er is"
                    + " geen directeur die er niet aan meewerkte.");
        } else if (complaint != null) {
            timeline.record(complaint, TimelineEventType.NOTE, caller.getUserId(), "Bezwaar beoordeeld door "
                    + caller.getUserId() + ", die zelf meewerkte aan het besluit: er is geen directeur die er"
                    + " niet aan meewerkte.");
        }
    }

    /**
     * A form is deployed as the latest for every open task, a model only for the cases started after it: a choice the
     * newest form offers (the board's "Ingetrokken", 2026-12-07) can reach a case on an older version of its model, or
     * of the model that called it, whose gateway has no way for it; the step then failed with the engine's "no outgoing
     * sequence flow" (or the parent's gateway did, one step later, in an incident). Refused with a Dutch form error that
     * says what to do. A model that does not route on the outcome at all is not judged here.
     */
    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(1) // after refuseUnknownOutcome: a code the procedure does not know is told the choices
    public void refuseAnOutcomeTheCasesModelDoesNotRoute(DelegateTask task) {
        TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getTaskDefinitionKey());
        if (result == null || result.codes() == null || task.getExecution() == null
                || !(task.getVariable(result.outcomeVariable()) instanceof String code) || !result.codeNames().contains(code)) {
            return;
        }
        RepositoryService repository = task.getProcessEngineServices().getRepositoryService();
        DelegateExecution process = task.getExecution().getProcessInstance();
        String definitionId = process.getProcessDefinitionId();
        Set<String> routed = routedCodes.computeIfAbsent(definitionId + "/" + result.outcomeVariable(),
                key -> routed(repository.getBpmnModelInstance(definitionId), result.outcomeVariable()));
        if (!routed.isEmpty() && !routed.contains(code)) {
            throw versionWithout(repository.getProcessDefinition(definitionId), process.getProcessBusinessKey(), code,
                    result.outcomeVariable());
        }
        // the processes that called this one route on what it hands back, with their own variables: their gateway right
        // after the call ("Niet-ontvankelijk gebleven?") is asked as the engine will ask it when the called process ends
        for (DelegateExecution caller = process.getSuperExecution(); caller != null;
                caller = caller.getProcessInstance().getSuperExecution()) {
            BpmnModelInstance model = repository.getBpmnModelInstance(caller.getProcessDefinitionId());
            Map<String, Object> variables = new java.util.HashMap<>(caller.getVariables());
            variables.put(result.outcomeVariable(), code);
            if (!routesAfter(model, caller.getCurrentActivityId(), variables)) {
                throw versionWithout(repository.getProcessDefinition(caller.getProcessDefinitionId()),
                        caller.getProcessBusinessKey(), code, result.outcomeVariable());
            }
        }
    }

    private static FormFieldValidationException versionWithout(ProcessDefinition version, String reference, String code,
                                                               String variable) {
        return new FormFieldValidationException(variable, "Deze zaak loopt op versie " + version.getVersion() + " van '"
                + (version.getName() == null ? version.getKey() : version.getName()) + "', die de keuze \""
                + CodedOutcome.labelOf(code) + "\" nog niet kent. Rond de taak nog niet af: laat een manager de zaak eerst"
                + " overzetten naar de nieuwste versie van dat proces (handleiding voor procesbeheerders, 'Lopende zaken"
                + " overzetten': eerst een proefrun met POST /api/procedure/migration?process=" + version.getKey()
                + (reference == null ? "" : "&reference=" + reference) + ", dan hetzelfde met &dryRun=false). Kies alleen een"
                + " andere uitkomst als die ook echt klopt.");
    }

    /**
     * Whether the exclusive gateways right after this activity (a call activity) have a way for these variables: a
     * default flow, or a condition that holds. A condition that cannot be evaluated here (it calls a bean) is taken to
     * hold: only a way that is certainly missing refuses the choice.
     */
    static boolean routesAfter(BpmnModelInstance model, String activityId, Map<String, Object> variables) {
        if (activityId == null || !(model.getModelElementById(activityId) instanceof FlowNode activity)) {
            return true;
        }
        for (SequenceFlow out : activity.getOutgoing()) {
            if (!(out.getTarget() instanceof ExclusiveGateway gateway) || gateway.getDefault() != null) {
                continue;
            }
            boolean anyHolds = false;
            for (SequenceFlow way : gateway.getOutgoing()) {
                if (way.getConditionExpression() == null || holds(way.getConditionExpression().getTextContent(), variables)) {
                    anyHolds = true;
                    break;
                }
            }
            if (!anyHolds) {
                return false;
            }
        }
        return true;
    }

    /** A gateway's condition evaluated with these variables, also through {@code execution.getVariable('…')}. */
    private static boolean holds(String condition, Map<String, Object> variables) {
        try {
            org.camunda.bpm.impl.juel.ExpressionFactoryImpl factory = CONDITIONS;
            org.camunda.bpm.impl.juel.SimpleContext context = new org.camunda.bpm.impl.juel.SimpleContext();
            variables.forEach((name, value) -> context.setVariable(name, factory.createValueExpression(value, Object.class)));
            context.setVariable("execution", factory.createValueExpression(new Variables(variables), Object.class));
            return Boolean.TRUE.equals(factory.createValueExpression(context, condition.strip(), Boolean.class).getValue(context));
        } catch (RuntimeException cannotTell) {
            return true;
        }
    }

    private static final org.camunda.bpm.impl.juel.ExpressionFactoryImpl CONDITIONS = new org.camunda.bpm.impl.juel.ExpressionFactoryImpl();

    /** What {@code execution} is to a condition evaluated here. */
    public record Variables(Map<String, Object> values) {
        public Object getVariable(String name) {
            return values.get(name);
        }
    }

    /** Per process definition (which never changes) and outcome: the codes its conditions compare the outcome with. */
    private final Map<String, Set<String>> routedCodes = new ConcurrentHashMap<>();

    /**
     * What the deploy check reads as routed: the values the conditions of gateways without a default flow compare the
     * outcome with (one outcome may be split over gateways in a row); a gateway with a default flow routes any code.
     */
    private static Set<String> routed(BpmnModelInstance model, String outcomeVariable) {
        Set<String> codes = new HashSet<>();
        for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
            if (gateway instanceof ExclusiveGateway exclusive && exclusive.getDefault() != null
                    || gateway instanceof InclusiveGateway inclusive && inclusive.getDefault() != null) {
                continue;
            }
            for (SequenceFlow flow : gateway.getOutgoing()) {
                if (flow.getConditionExpression() != null) {
                    codes.addAll(ModelCheck.comparedValues(flow.getConditionExpression().getTextContent(), outcomeVariable));
                }
            }
        }
        return Set.copyOf(codes);
    }

    @EventListener(condition = "#task.eventName == 'complete'")
    @Order(0) // before anything records the completion
    public void refuseUnknownOutcome(DelegateTask task) {
        TaskResult result = ComplaintProcess.TASK_RESULTS.get(task.getTaskDefinitionKey());
        if (result == null || result.codes() == null) {
            return;
        }
        Object value = task.getVariable(result.outcomeVariable());
        List<String> codes = result.codeNames();
        if (value instanceof String code && codes.contains(code)) {
            return;
        }
        String choices = String.join(", ", codes.stream().map(c -> c + " (" + CodedOutcome.labelOf(c) + ")").toList());
        throw new FormFieldValidationException(result.outcomeVariable(), (value == null
                ? "Er is geen keuze gemaakt voor " + result.outcomeVariable()
                : "\"" + value + "\" is geen geldige keuze voor " + result.outcomeVariable())
                + ". Kies uit: " + choices + ".");
    }
}
