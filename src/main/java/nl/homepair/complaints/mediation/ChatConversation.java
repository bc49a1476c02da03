package nl.homepair.complaints.mediation;

import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintStatus;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The HomePair chat conversation a case's mediation runs in (R7), as the handler recorded it at the assessment
 * ({@code chatConversationReference}). Chat messages from another conversation are refused, so that one person's words
 * never land on another's case; a reference typed wrong (or "volgt") would then keep every message of the mediation off
 * the case. A handler corrects it on the case page, and a refused message says so on the timeline.
 */
@Service
public class ChatConversation {

    static final String VARIABLE = "chatConversationReference";
    static final int MAX_LENGTH = 100;

    private final RuntimeService runtimeService;
    private final CaseTimeline timeline;

    public ChatConversation(RuntimeService runtimeService, CaseTimeline timeline) {
        this.runtimeService = runtimeService;
        this.timeline = timeline;
    }

    /** The conversation recorded on the open case ("" when mediation was chosen without one); empty when there is none. */
    public Optional<String> of(Complaint complaint) {
        if (complaint.getProcessInstanceId() == null || complaint.getStatus() == ComplaintStatus.CLOSED
                || runtimeService.createProcessInstanceQuery().processInstanceId(complaint.getProcessInstanceId()).count() == 0) {
            return Optional.empty();
        }
        Object recorded = runtimeService.getVariable(complaint.getProcessInstanceId(), VARIABLE);
        return recorded == null ? Optional.empty() : Optional.of(recorded.toString().strip());
    }

    /**
     * Records the conversation the case's chat messages come from; empty takes any (as when none was recorded).
     *
     * @return the reference before, as it was recorded
     */
    @Transactional
    public String correct(Complaint complaint, String reference, String actor) {
        String now = reference == null ? "" : reference.strip();
        if (now.length() > MAX_LENGTH || !PlainText.isPlain(now)) {
            throw new InvalidSubmissionException(List.of(new FieldError("gesprek", "Geef de referentie van het chatgesprek"
                    + " op zoals de HomePair-chat die toont (hoogstens " + MAX_LENGTH + " tekens), of laat het veld leeg.")));
        }
        String before = of(complaint).orElseThrow(() -> CaseRefused.notNow("Deze zaak heeft geen bemiddeling via de"
                + " HomePair-chat (meer) waarvan het gesprek kan worden vastgelegd."));
        if (!before.equals(now)) {
            runtimeService.setVariable(complaint.getProcessInstanceId(), VARIABLE, now);
            timeline.record(complaint, TimelineEventType.NOTE, actor, "Chatgesprek van de zaak "
                    + (now.isEmpty() ? "leeggemaakt (berichten uit elk gesprek komen bij de zaak)" : "vastgelegd: " + now)
                    + (before.isEmpty() ? "" : " (was " + before + ")") + ".");
        }
        return before;
    }

    /**
     * A chat message refused for its conversation: the handlers see it on the case (not the message itself, which may
     * be another person's), once per conversation, with where to correct the recorded one.
     */
    @Transactional
    public void refused(Complaint complaint, String given, String recorded) {
        String line = "Een chatbericht uit gesprek " + given + " is niet bij de zaak gekomen: op de zaak staat gesprek "
                + recorded + ". Hoort dat gesprek bij deze zaak, verbeter het dan op de zaakpagina (Chatgesprek); wat"
                + " geweigerd is, staat nog in de chat.";
        if (timeline.of(complaint).stream().noneMatch(entry -> entry.getSummary().equals(line))) {
            timeline.recordAboutOthers(complaint, TimelineEventType.NOTE, null, line);
        }
    }
}
