package nl.homepair.complaints.intake;

import static nl.homepair.complaints.complaint.ComplaintProcess.PROCESS_KEY;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_CHANNEL;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_COMPLAINT_ID;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_RECEIVED_AT;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_REFERENCE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_ROLE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_SUBJECT;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import nl.homepair.complaints.complaint.CaseSteps;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.IntakeChannel;
import nl.homepair.complaints.complaint.ReferenceNumbers;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.intake.SubmissionValidator.CheckedEvidence;
import nl.homepair.complaints.intake.SubmissionValidator.ValidSubmission;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a complaint from any channel: the complaint, its evidence, its first
 * timeline entry and its process instance are written in one transaction, so a failure
 * leaves neither half behind.
 */
@Service
public class ComplaintIntakeService {

    private final ComplaintRepository complaints;
    private final CaseTimeline timeline;
    private final RuntimeService runtimeService;
    private final SubmissionValidator validator;
    private final CaseSteps steps;

    public ComplaintIntakeService(ComplaintRepository complaints, CaseTimeline timeline, RuntimeService runtimeService,
                                  SubmissionValidator validator, CaseSteps steps) {
        this.steps = steps;
        this.validator = validator;
        this.complaints = complaints;
        this.timeline = timeline;
        this.runtimeService = runtimeService;
    }

    /**
     * The one way in for every channel: checks the submission as the channel allows (R2),
     * then registers it.
     *
     * @param actor      who registers it (a staff member or the platform user), or null
     * @param receivedAt the moment the channel itself received it (a mail), or null for now
     *                   or, where the channel allows, the moment the submission names
     * @throws InvalidSubmissionException naming every bad field; nothing is stored, and the
     *                   caller's transaction may go on (a mailbox records the mail)
     */
    @Transactional(noRollbackFor = InvalidSubmissionException.class)
    public Complaint submit(ComplaintSubmission submission, List<EvidenceUpload> uploads, IntakeChannel channel,
                            String actor, Instant receivedAt) {
        return submit(submission, uploads, channel, actor, receivedAt, List.of());
    }

    /**
     * @param notes lines for the timeline that the first task should already show, e.g. an
     *              attachment of a mail that was left out
     */
    @Transactional(noRollbackFor = InvalidSubmissionException.class)
    public Complaint submit(ComplaintSubmission submission, List<EvidenceUpload> uploads, IntakeChannel channel,
                            String actor, Instant receivedAt, List<String> notes) {
        return submit(submission, uploads, channel, actor, receivedAt, notes, null);
    }

    /**
     * @param request the caller's {@code Idempotency-Key} and a hash of the request, kept on
     *                the complaint (unique) so that a retried request finds it; or null
     */
    @Transactional(noRollbackFor = InvalidSubmissionException.class)
    public Complaint submit(ComplaintSubmission submission, List<EvidenceUpload> uploads, IntakeChannel channel,
                            String actor, Instant receivedAt, List<String> notes, IdempotentIntake.Request request) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        ValidSubmission valid = validator.validate(submission, uploads, channel, now);
        return register(valid, channel, actor, receivedAt != null ? receivedAt : valid.receivedAt(), now, notes, request);
    }

    private Complaint register(ValidSubmission s, IntakeChannel channel, String registeredBy, Instant receivedAt,
                               Instant now, List<String> notes, IdempotentIntake.Request request) {
        Complaint complaint = new Complaint(s.name(), s.email(), s.role(), s.subject(), s.description(), channel,
                receivedAt, now, registeredBy);
        complaint.setJobDate(s.jobDate());
        complaint.setJobReference(s.jobReference());
        complaint.setAttemptedResolution(s.attemptedResolution());
        complaint.setChatSummary(s.chatSummary());
        for (CheckedEvidence file : s.evidence()) {
            complaint.addEvidence(file.fileName(), file.contentType(), file.content());
        }
        if (request != null) {
            complaint.rememberIntakeRequest(request.key(), request.fingerprint());
        }
        complaint = complaints.save(complaint);
        complaint.assignReference(ReferenceNumbers.format(complaint.getReceivedAt(), complaint.getId()));
        steps.received(complaint);
        timeline.record(complaint, TimelineEventType.RECEIVED, registeredBy,
                "Klacht ontvangen (" + channel.label() + ")" + CaseTimeline.receivedEarlier(complaint.getReceivedAt())
                        + (s.evidence().isEmpty() ? "" : " met " + s.evidence().size() + " bewijsstuk(ken)"));
        for (String note : notes) {
            timeline.record(complaint, TimelineEventType.NOTE, registeredBy, note);
        }

        VariableMap variables = Variables.createVariables()
                .putValue(VAR_COMPLAINT_ID, complaint.getId())
                .putValue(VAR_REFERENCE, complaint.getReference())
                .putValue(VAR_RECEIVED_AT, Date.from(complaint.getReceivedAt()))
                .putValue(VAR_ROLE, complaint.getRole() == null ? null : complaint.getRole().name())
                .putValue(VAR_SUBJECT, complaint.getSubject() == null ? null : complaint.getSubject().name())
                .putValue(VAR_CHANNEL, channel.name());
        // the procedure's version without a tenant (a manager's deployment for a tenant is refused; one from before stays aside)
        ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY).processDefinitionWithoutTenantId()
                .businessKey(complaint.getReference()).setVariables(variables).execute();
        complaint.linkProcessInstance(instance.getId());
        return complaint;
    }
}
