package nl.homepair.complaints.escalation;

import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_OBJECTION_MOTIVATION;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_OBJECTION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_TEXT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_POSSIBLE_OBJECTION_VIA;

import java.util.Date;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Bezwaar vastleggen": a handler judged a mail an objection ("Is dit een bezwaar?"). The
 * mail becomes the motivation and its receipt the moment of the objection, as if it had
 * been clear from the start (R9).
 */
@Component("acceptJudgedObjectionDelegate")
public class AcceptJudgedObjectionDelegate implements JavaDelegate {

    private final ComplaintRepository complaints;
    private final ObjectionService objections;

    public AcceptJudgedObjectionDelegate(ComplaintRepository complaints, ObjectionService objections) {
        this.complaints = complaints;
        this.objections = objections;
    }

    /** What the handler who judged the message wrote under Toelichting. */
    static final String JUDGEMENT_NOTES = "objectionJudgementNotes";

    /**
     * The objection's motivation for the board: the message, and what the handler wrote with the judgement (the reasons
     * in an attachment or a call, when the message was a PDF or a photo without words, or only our quoted mail).
     */
    static String motivation(String message, Object notes) {
        String said = message == null ? "" : message.strip();
        if (!(notes instanceof String written) || written.isBlank()) {
            return said;
        }
        // the message is cut where the whole of it is kept (the case's timeline), never the handler's words
        String notesPart = ObjectionService.BY_THE_HANDLER + written.strip();
        String cut = "\n\n[Ingekort; het hele bericht staat op de tijdlijn van de zaak.]";
        int room = nl.homepair.complaints.text.CamundaText.MAX - notesPart.length() - 2;
        String kept = said.length() <= room ? said
                : nl.homepair.complaints.text.PlainText.head(said, Math.max(0, room - cut.length())) + cut;
        return nl.homepair.complaints.text.CamundaText.fit((kept.isEmpty() ? "" : kept + "\n\n") + notesPart,
                "de tijdlijn van de zaak");
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long id = (Long) execution.getVariable(VAR_COMPLAINT_ID);
        Complaint complaint = complaints.findById(id).orElseThrow(() -> new IllegalStateException("No complaint with id " + id));
        String text = motivation((String) execution.getVariable(VAR_POSSIBLE_OBJECTION_TEXT),
                execution.getVariable(JUDGEMENT_NOTES));
        Date receivedAt = (Date) execution.getVariable(VAR_POSSIBLE_OBJECTION_RECEIVED_AT);
        objections.acceptJudged(complaint, text, execution.getVariable(VAR_POSSIBLE_OBJECTION_VIA),
                receivedAt.toInstant(), CaseTimeline.SYSTEM);
        execution.setVariable(VAR_OBJECTION_MOTIVATION, text);
        execution.setVariable(VAR_OBJECTION_RECEIVED_AT, receivedAt);
    }
}
