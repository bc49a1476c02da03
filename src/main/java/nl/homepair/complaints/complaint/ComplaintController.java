package nl.homepair.complaints.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The case file for staff: the complaint, its evidence, open tasks and timeline (R14). */
@RestController
@RequestMapping("/api/complaints/{reference}")
public class ComplaintController {

    private final CaseAccess access;
    private final CaseTimeline timeline;
    private final TaskService taskService;

    public ComplaintController(CaseAccess access, CaseTimeline timeline, TaskService taskService) {
        this.access = access;
        this.timeline = timeline;
        this.taskService = taskService;
    }

    public record EvidenceView(Long id, String fileName, String contentType, long sizeBytes, String href) {
    }

    public record TaskView(String id, String name, String assignee, Instant due) {
    }

    /** @param staffOnly a line about others (the other party, the affected user, staff's own notes): not in the complainant's copy */
    public record TimelineView(Instant at, TimelineEventType type, String actor, String summary, boolean staffOnly) {
    }

    public record CaseView(String reference, ComplaintStatus status, String name, String email,
                           ComplainantRole role, ComplaintSubject subject, IntakeChannel channel,
                           LocalDate jobDate, String jobReference, String description, String attemptedResolution,
                           String chatSummary, Instant receivedAt, Instant registeredAt, String registeredBy,
                           Instant acknowledgedAt, Instant closedAt, List<EvidenceView> evidence,
                           List<TaskView> openTasks, List<TimelineView> timeline, DecisionView decision) {
    }

    /**
     * Where the case stands on the merits (R8-R10), for whoever must account for it (a team lead, the dispute body asking
     * for the file): the verdict and when, the objection window and an objection, the board, how the case ended, and the
     * independent dispute resolution. The motivations are on the timeline, with who wrote them.
     *
     * @param declaredInadmissibleAt when the case was declared inadmissible (R1), or null; without a verdict it stands so
     *                               (decidedAt is then that moment), with one the board upheld the objection against it
     */
    public record DecisionView(Verdict verdict, Instant declaredInadmissibleAt, Instant decidedAt, Instant objectionDeadline, Instant objectionReceivedAt,
                               Instant measureObjectionReceivedAt, BoardDecision boardDecision, CaseOutcome outcome,
                               Boolean externalDisputeSubmitted, String externalDisputeOutcome) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public CaseView get(@PathVariable String reference) {
        Complaint c = access.forStaff(reference);
        List<EvidenceView> evidence = c.getEvidence().stream()
                .map(e -> new EvidenceView(e.getId(), e.getFileName(), e.getContentType(), e.getSizeBytes(),
                        "/api/complaints/" + c.getReference() + "/evidence/" + e.getId()))
                .toList();
        List<TaskView> tasks = taskService.createTaskQuery().processInstanceBusinessKey(c.getReference())
                .orderByDueDate().asc().list().stream()
                .map(t -> new TaskView(t.getId(), t.getName(), t.getAssignee(), t.getDueDate() == null ? null : t.getDueDate().toInstant()))
                .toList();
        List<TimelineView> entries = timeline.of(c).stream()
                .map(t -> new TimelineView(t.getOccurredAt(), t.getType(), t.getActor(), t.getSummary(), t.isAboutOthers()))
                .toList();
        return new CaseView(c.getReference(), c.getStatus(), c.getName(), c.getEmail(), c.getRole(), c.getSubject(),
                c.getChannel(), c.getJobDate(), c.getJobReference(), c.getDescription(), c.getAttemptedResolution(),
                c.getChatSummary(), c.getReceivedAt(), c.getRegisteredAt(), c.getRegisteredBy(), c.getAcknowledgedAt(),
                c.getClosedAt(), evidence, tasks, entries, new DecisionView(c.getVerdict(), c.getDeclaredInadmissibleAt(), c.getDecidedAt(),
                        c.getObjectionDeadline(), c.getObjectionReceivedAt(), c.getMeasureObjectionReceivedAt(),
                        c.getBoardDecision(), c.getOutcome(), c.getExternalDisputeSubmitted(), c.getExternalDisputeOutcome()));
    }

    @GetMapping("/evidence/{evidenceId}")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> evidence(@PathVariable String reference, @PathVariable Long evidenceId) {
        Complaint c = access.forStaff(reference);
        Evidence file = c.getEvidence().stream().filter(e -> e.getId().equals(evidenceId)).findFirst()
                .orElseThrow(() -> CaseRefused.notFound("Bewijsstuk niet gevonden."));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.getContentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.getFileName(), java.nio.charset.StandardCharsets.UTF_8)
                                .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.getContent());
    }
}
