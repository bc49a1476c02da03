package nl.homepair.complaints.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.mail.EmailAddresses;
import nl.homepair.complaints.mail.SentMail;
import nl.homepair.complaints.mail.SentMailRepository;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Requests of data subjects (R13), handled by team leads and administrators:
 * {@code POST /api/privacy/export} and {@code POST /api/privacy/erasure}, each with {@code {"email": …}}. The address is
 * in the body, never in the URL: a URL is kept by proxies' and servers' access logs and by the browser's history,
 * outside the case and beyond its erasure (R13).
 */
@RestController
public class PrivacyController {

    private final PrivacyService privacy;
    private final CaseTimeline timeline;
    private final SentMailRepository sentMails;
    private final CurrentUser currentUser;

    public PrivacyController(PrivacyService privacy, CaseTimeline timeline, SentMailRepository sentMails, CurrentUser currentUser) {
        this.privacy = privacy;
        this.timeline = timeline;
        this.sentMails = sentMails;
        this.currentUser = currentUser;
    }

    public record EvidenceExport(String fileName, String contentType, long sizeBytes, String contentBase64) {
    }

    public record EntryExport(Instant at, String type, String actor, String summary) {
    }

    public record MailExport(Instant sentAt, String recipient, String subject, String body) {
    }

    public record CaseExport(String reference, String status, String outcome, String name, String email, String role,
                             String subject, String channel, LocalDate jobDate, String jobReference, String description,
                             String attemptedResolution, String chatSummary, Instant receivedAt, Instant closedAt,
                             String verdict, List<EvidenceExport> evidence, List<EntryExport> timeline, List<MailExport> mails,
                             Instant acknowledgedAt, Instant decidedAt, Instant objectionDeadline, Instant objectionReceivedAt,
                             String boardDecision, Boolean externalDisputeSubmitted, String externalDisputeOutcome,
                             List<String> filesLeftOut) {
    }

    /** Everything about one address: its cases, and the mails sent to it that belong to no case (still in the outbox). */
    /**
     * @param namedInOtherCases the cases that hold the address as their other party or affected user (not exported
     *                          here: a team lead reads the person's part on the case page), with until when
     */
    public record Export(String email, Instant exportedAt, List<CaseExport> cases, List<MailExport> mailsWithoutCase,
                         List<PrivacyService.NamedIn> namedInOtherCases) {
    }

    /** Whose data: the address of an export or an erasure. */
    public record AddressRequest(String email) {
    }

    /**
     * @param mailboxMailsRemoved the original mails removed from the contact mailbox's folders; null: not reachable, or
     *                            this node does not read the mailbox while another does (remove them by hand)
     * @param stillNamedIn        the cases that keep the address as their other party or affected user, which their
     *                            mediation, statement of reasons or objection needs, until their retention ends (GDPR
     *                            art. 17(3)(e)): the officer answers the person with these dates
     */
    public record Erased(Long record, Instant erasedAt, List<String> references, Integer mailboxMailsRemoved,
                         List<PrivacyService.NamedIn> stillNamedIn) {
    }

    @PostMapping("/api/privacy/export")
    @Transactional
    public Export export(@RequestBody AddressRequest request) {
        requirePrivacyOfficer();
        String email = request.email();
        requireEmail(email);
        List<Complaint> found = privacy.casesOf(email);
        List<CaseExport> cases = found.stream().map(this::export).toList();
        // the mails that belong to no case, to each address the person had on their cases
        List<MailExport> caseless = privacy.addressesOf(email).stream()
                .flatMap(address -> sentMails.findByComplaintIdIsNullAndRecipientIgnoreCaseOrderBySentAtAscIdAsc(address).stream())
                .sorted(java.util.Comparator.comparing(SentMail::getSentAt)).map(PrivacyController::export).toList();
        // who read a person's whole file, and when: on the record, as an erasure is (R14)
        privacy.exported(found, currentUser.id().orElseThrow());
        return new Export(email.strip(), Instant.now(), cases, caseless, privacy.namedIn(email));
    }

    /** The export as it was asked for before 2026-12-05, with the address in the URL: refused with what to do instead. */
    @GetMapping("/api/privacy/export")
    public void exportByUrl() {
        requirePrivacyOfficer();
        throw new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED,
                "Vraag een inzage aan met POST /api/privacy/export en {\"email\": \"…\"}: een e-mailadres in de URL "
                        + "komt in logboeken en de browsergeschiedenis terecht.") {
            @Override
            public org.springframework.http.HttpHeaders getHeaders() {
                org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
                headers.setAllow(java.util.Set.of(org.springframework.http.HttpMethod.POST));
                return headers;
            }
        };
    }

    @PostMapping("/api/privacy/erasure")
    public Erased erase(@RequestBody AddressRequest request) {
        requirePrivacyOfficer();
        requireEmail(request.email());
        // every address the person had on their cases: asked first, the erasure forgets them
        java.util.Set<String> addresses = privacy.addressesOf(request.email());
        ErasureRecord record = privacy.erase(request.email(), currentUser.id().orElseThrow());
        // after the erasure committed: the mailbox is no transaction
        Integer filed = privacy.eraseFiledMail(addresses,
                record.getReferences().isEmpty() ? List.of() : List.of(record.getReferences().split(",")));
        return new Erased(record.getId(), record.getErasedAt(),
                record.getReferences().isEmpty() ? List.of() : List.of(record.getReferences().split(",")), filed,
                privacy.namedIn(request.email()));
    }

    private CaseExport export(Complaint c) {
        return new CaseExport(c.getReference(), c.getStatus().name(), c.getOutcome() == null ? null : c.getOutcome().name(),
                c.getName(), c.getEmail(), c.getRole() == null ? null : c.getRole().name(),
                c.getSubject() == null ? null : c.getSubject().name(), c.getChannel().name(), c.getJobDate(),
                c.getJobReference(), c.getDescription(), c.getAttemptedResolution(), c.getChatSummary(), c.getReceivedAt(),
                c.getClosedAt(), c.getVerdict() == null ? null : c.getVerdict().name(),
                c.getEvidence().stream().filter(e -> !e.isAboutOthers()).map(e -> new EvidenceExport(e.getFileName(), e.getContentType(), e.getSizeBytes(),
                        Base64.getEncoder().encodeToString(e.getContent()))).toList(),
                // what others wrote or got stays out of the complainant's copy (GDPR art. 15(4))
                timeline.of(c).stream().filter(t -> !t.isAboutOthers())
                        .map(t -> new EntryExport(t.getOccurredAt(), t.getType().name(), t.getActor(), t.getSummary())).toList(),
                sentMails.findByComplaintIdOrderBySentAtAscIdAsc(c.getId()).stream()
                        .filter(m -> c.isComplainantAddress(m.getRecipient())).map(PrivacyController::export).toList(),
                c.getAcknowledgedAt(), c.getDecidedAt(), c.getObjectionDeadline(), c.getObjectionReceivedAt(),
                c.getBoardDecision() == null ? null : c.getBoardDecision().name(), c.getExternalDisputeSubmitted(),
                c.getExternalDisputeOutcome(), c.getFilesLeftOutLines());
    }

    private static MailExport export(SentMail m) {
        return new MailExport(m.getSentAt(), m.getRecipient(), m.getSubject(), m.getBody());
    }

    private void requirePrivacyOfficer() {
        if (!currentUser.isInAny(Groups.TEAM_LEADS, Groups.ADMINS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Alleen teamleiders en beheerders behandelen privacyverzoeken.");
        }
    }

    private static void requireEmail(String email) {
        if (email == null || !EmailAddresses.isValid(email.strip())) {
            throw new InvalidSubmissionException(List.of(new FieldError("email", "Geef een geldig e-mailadres op.")));
        }
    }
}
