package nl.homepair.complaints.escalation;

import static nl.homepair.complaints.complaint.ComplaintProcess.MEASURE_REVIEW_PROCESS_KEY;
import static nl.homepair.complaints.complaint.ComplaintProcess.TASK_REVIEW_MEASURE;
import static nl.homepair.complaints.complaint.ComplaintProcess.TASK_REVISE_DECISION;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_MEASURE_OBJECTION_FILES_LEFT_OUT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_MEASURE_OBJECTION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_MEASURE_OBJECTION_TEXT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_MEASURE_REVIEW_OUTCOME;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_REFERENCE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_REVISED_DECISION;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_SUSPENSION_DURATION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.Measure;
import nl.homepair.complaints.complaint.MeasureReviewOutcome;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.text.CamundaText;
import nl.homepair.complaints.text.DutchDates;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The objection of the user a measure was taken against (DSA art. 17 and 20), from mail,
 * REST or the Tasklist start form. It opens a review of that measure by the board
 * (process {@code measureReview}), beside the complainant's own objection right, which it
 * leaves untouched. The window is the same six months after the decision.
 */
@Service
public class AffectedUserObjectionService {

    /** How the timeline line of the affected user's objection begins. */
    static final String OBJECTION_RECEIVED = "Bezwaar van de betrokken gebruiker ontvangen";

    /** The delete reason the engine writes for a task that was completed (not cancelled). */
    private static final String COMPLETED = "completed";

    /** What the review needs from the decision: the measures and the statement of reasons. */
    static final List<String> DECISION_VARIABLES;

    static {
        List<String> names = new ArrayList<>(Measure.againstAUser().stream().map(Measure::key).toList());
        names.addAll(List.of(VAR_SUSPENSION_DURATION, "affectedUserName", "affectedUserEmail", "measureFacts", "termsGround",
                "objectionDeadline", "verdict", "decisionMotivation"));
        DECISION_VARIABLES = List.copyOf(names);
    }

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final CaseTimeline timeline;
    private final CaseSteps steps;

    public AffectedUserObjectionService(RuntimeService runtimeService, HistoryService historyService, CaseTimeline timeline,
                                        CaseSteps steps) {
        this.steps = steps;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.timeline = timeline;
    }

    /** Whether this address is the one the statement of reasons of the case went to. */
    public boolean isAffectedUser(Complaint complaint, String address) {
        if (address == null) {
            return false;
        }
        return names(decision(complaint, lastChange(complaint)), address);
    }

    /** Whether the decision as it stands takes a measure against the user at this address. */
    private static boolean names(Map<String, Object> decision, String address) {
        return decision.get("affectedUserEmail") instanceof String known && hasMeasure(decision)
                && known.strip().equalsIgnoreCase(address.strip());
    }

    /**
     * The cases whose statement of reasons went to this address: where a mail of theirs without a reference ("Bezwaar
     * tegen mijn schorsing") belongs, rather than in a new complaint. From the engine's history, as the decision, a
     * revision and a review each may have named the user, and the user's six months outlast the case's own process
     * (it ends with the board's ruling on the complainant's objection). Oldest first; each still to be checked with
     * {@link #mayStillObject}.
     */
    public List<String> casesNaming(String address) {
        return nl.homepair.complaints.mediation.OtherParties.casesWith(historyService, "affectedUserEmail", address);
    }

    /**
     * Whether this address is the affected user's of the case as it stands, with a measure their objection window
     * ran for when the message was {@code received} (its deadline is the decision's, a revision's or a review's: a mail
     * sent on the last evening and read after midnight is in time), and the case not erased.
     */
    public boolean mayStillObject(Complaint complaint, String address, Instant received) {
        if (address == null || complaint.getAnonymisedAt() != null) {
            return false;
        }
        Map<String, Object> decision = decision(complaint, lastChange(complaint));
        return names(decision, address)
                && !(decision.get("objectionDeadline") instanceof Date deadline
                        && DutchDates.pastTheDayOf(received, deadline.toInstant()));
    }

    /** Whether the board reviews an objection of the affected user against the measure now. */
    public boolean reviewRunning(Complaint complaint) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(MEASURE_REVIEW_PROCESS_KEY)
                .processInstanceBusinessKey(complaint.getReference()).count() > 0;
    }

    /**
     * Whether the board changed the decision after the case's own: a completed revision or review of the measure. The
     * decision as it stands then lives in the history of that step's process, not in the case's.
     */
    public boolean changedByTheBoard(Complaint complaint) {
        return lastChange(complaint).isPresent();
    }

    /** The reasons one per line, as many whole lines as a Camunda string holds, and how many more there were. */
    static String wholeLines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            if (text.length() + line.length() + 40 > CamundaText.MAX) {
                break;
            }
            text.append(shown++ == 0 ? "" : "\n").append(line);
        }
        return shown == lines.size() ? text.toString() : text + "\nEn nog " + (lines.size() - shown) + " bijlagen.";
    }

    /**
     * Whether the affected user's objection with this motivation was received lately and its review still runs (a
     * retry); once the board ruled, the same words are a new objection (against a changed measure) and are judged.
     */
    public boolean receivedAlready(Complaint complaint, String motivation) {
        return motivation != null && reviewRunning(complaint)
                && timeline.receivedLately(complaint, TimelineEventType.OBJECTION, OBJECTION_RECEIVED, motivation.strip());
    }

    // a refusal is checked before anything is written: it must not roll back the caller's transaction
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void object(Complaint complaint, String motivation, String actor, Instant receivedAt) {
        object(complaint, motivation, actor, receivedAt, List.of());
    }

    /**
     * As {@link #object(Complaint, String, String, Instant)}, from a mail some of whose attachments the case did not take
     * ({@code filesLeftOut}, one reason each): the acknowledgement names them, so that the user knows what the board
     * will not see and can send it otherwise.
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public void object(Complaint complaint, String motivation, String actor, Instant receivedAt, List<String> filesLeftOut) {
        complaint.requireNotErased();
        String text = motivation == null ? "" : motivation.strip();
        ObjectionService.motivationRefusal(motivation, true).ifPresent(refusal -> {
            throw new InvalidSubmissionException(List.of(refusal));
        });
        Optional<HistoricTaskInstance> lastChange = lastChange(complaint);
        Map<String, Object> decision = decision(complaint, lastChange);
        if (!hasMeasure(decision)) {
            throw CaseRefused.notNow("In deze zaak is geen maatregel tegen een gebruiker genomen waartegen bezwaar openstaat.");
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        if (receivedAt != null && receivedAt.isAfter(now)) {
            // as for the complainant's objection: a typed date in the future is a typing error, not "now"
            throw new InvalidSubmissionException(List.of(new FieldError("receivedAt", "De ontvangstdatum ligt in de toekomst.")));
        }
        Instant received = receivedAt == null ? now : receivedAt;
        if (decision.get("objectionDeadline") instanceof Date deadline && DutchDates.pastTheDayOf(received, deadline.toInstant())) {
            throw CaseRefused.notNow("Bezwaar is niet meer mogelijk: de bezwaartermijn liep tot en met "
                    + DutchDates.day(deadline.toInstant()) + ".");
        }
        if (reviewRunning(complaint)) {
            throw CaseRefused.notNow("Er is al bezwaar gemaakt tegen deze maatregel; de directie beoordeelt het.");
        }
        if (lastChange.isPresent() && TASK_REVIEW_MEASURE.equals(lastChange.get().getTaskDefinitionKey())
                && MeasureReviewOutcome.MEASURE_STANDS.name().equals(outcome(lastChange.get()))) {
            // the same measure once more: the board has answered; what is left is the dispute body or the court (DSA art. 21)
            throw CaseRefused.notNow("De directie heeft je bezwaar tegen deze maatregel al beoordeeld op "
                    + DutchDates.day(lastChange.get().getEndTime().toInstant()) + ": de maatregel blijft. Ben je het daar niet "
                    + "mee eens, dan kun je het geschil voorleggen aan een onafhankelijke geschilleninstantie, zoals in "
                    + "de mail met de beoordeling staat.");
        }
        timeline.recordAboutOthers(complaint, TimelineEventType.OBJECTION, actor,
                OBJECTION_RECEIVED + CaseTimeline.receivedEarlier(received) + ": " + text);
        complaint.measureObjectionReceived(received); // the board reviews it: directors see the case
        steps.affectedUserObjection(complaint);
        Map<String, Object> variables = new HashMap<>(decision);
        variables.put(VAR_COMPLAINT_ID, complaint.getId());
        variables.put(VAR_REFERENCE, complaint.getReference());
        variables.put(VAR_MEASURE_OBJECTION_TEXT, CamundaText.fit(text, "de tijdlijn van de zaak"));
        variables.put(VAR_MEASURE_OBJECTION_RECEIVED_AT, Date.from(received));
        if (!filesLeftOut.isEmpty()) {
            variables.put(VAR_MEASURE_OBJECTION_FILES_LEFT_OUT, wholeLines(filesLeftOut));
        }
        runtimeService.createProcessInstanceByKey(MEASURE_REVIEW_PROCESS_KEY).processDefinitionWithoutTenantId()
                .businessKey(complaint.getReference()).setVariables(variables).execute();
    }

    /**
     * The decision as it stands: as the complaint's process recorded it, with what the last
     * step that changed it ({@link #lastChange}) made of it (a revised decision, a changed or
     * lifted measure).
     */
    private Map<String, Object> decision(Complaint complaint, Optional<HistoricTaskInstance> lastChange) {
        Map<String, Object> values = new HashMap<>();
        if (complaint.getProcessInstanceId() == null) {
            return values;
        }
        values.putAll(decisionVariables(complaint.getProcessInstanceId()));
        lastChange.ifPresent(step -> {
            values.putAll(decisionVariables(step.getProcessInstanceId()));
            if (TASK_REVISE_DECISION.equals(step.getTaskDefinitionKey())) {
                // the revision's reasons are those of the decision as it stands
                HistoricVariableInstance reasons = historyService.createHistoricVariableInstanceQuery()
                        .processInstanceId(step.getProcessInstanceId()).variableName(VAR_REVISED_DECISION).singleResult();
                if (reasons != null && reasons.getValue() != null) {
                    values.put("decisionMotivation", reasons.getValue());
                }
            }
        });
        return values;
    }

    /**
     * The last step that changed the decision after the case's own: the revision after an
     * upheld objection of the complainant ({@code boardEscalation}) or the board's review of an
     * objection of the affected user ({@code measureReview}), whichever was completed last. Each
     * runs in a process of its own, which holds the whole decision as that step left it.
     */
    private Optional<HistoricTaskInstance> lastChange(Complaint complaint) {
        return historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(complaint.getReference())
                .taskDefinitionKeyIn(TASK_REVISE_DECISION, TASK_REVIEW_MEASURE).taskDeleteReason(COMPLETED)
                .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream().findFirst();
    }

    private Object outcome(HistoricTaskInstance review) {
        HistoricVariableInstance outcome = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(review.getProcessInstanceId()).variableName(VAR_MEASURE_REVIEW_OUTCOME).singleResult();
        return outcome == null ? null : outcome.getValue();
    }

    private Map<String, Object> decisionVariables(String processInstanceId) {
        Map<String, Object> values = new HashMap<>();
        for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableNameIn(DECISION_VARIABLES.toArray(String[]::new)).list()) {
            if (variable.getValue() != null) {
                values.put(variable.getName(), variable.getValue());
            }
        }
        return values;
    }

    private static boolean hasMeasure(Map<String, Object> decision) {
        return Measure.againstAUser().stream().anyMatch(m -> Boolean.TRUE.equals(decision.get(m.key())));
    }
}
