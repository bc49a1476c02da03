package nl.homepair.complaints.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.complaint.CaseTimeline;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.complaint.ComplaintRepository;
import nl.homepair.complaints.complaint.TimelineEventType;
import nl.homepair.complaints.intake.EvidenceUpload;
import nl.homepair.complaints.intake.SubmissionValidator;
import nl.homepair.complaints.intake.SubmissionValidator.CheckedEvidence;
import nl.homepair.complaints.text.PlainText;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Papers that reach HomePair outside the mailbox and the web form (R2): the copies a letter came with, scanned
 * (the letter itself a handler registers in Tasklist, whose forms take no files), a photo the complainant brought
 * or sent by post later. A handler or team lead adds them on the case page; they are checked as the intake checks
 * evidence (type by content, size, at most {@code max-files-per-case} on a case), kept with the case, and the
 * timeline says who added what and where it came from (R14). Nothing is added to a case whose personal data
 * was erased (R13); a director, who reads only the objections, adds nothing.
 */
@Service
public class CaseEvidence {

    static final int ORIGIN_MAX = 500;

    private final CaseAccess access;
    private final ComplaintRepository complaints;
    private final SubmissionValidator validator;
    private final CaseTimeline timeline;

    public CaseEvidence(CaseAccess access, ComplaintRepository complaints, SubmissionValidator validator, CaseTimeline timeline) {
        this.access = access;
        this.complaints = complaints;
        this.validator = validator;
        this.timeline = timeline;
    }

    /** Whether the caller may add files to this case now (the case page shows the form only then). */
    @Transactional(readOnly = true)
    public boolean addable(Complaint complaint) {
        // the board reads its cases; a director who also handles for one team adds files to that team's cases only
        return access.doesCaseworkOn(complaint) && refusal(complaint) == null && complaints.findByReference(complaint.getReference())
                .map(validator::roomOnCase).orElse(0) > 0;
    }

    /** @return the number of files added */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public int add(String reference, List<EvidenceUpload> uploads, String origin, String actor) {
        Complaint complaint = access.forCasework(reference);
        CaseRefused refused = refusal(complaint);
        if (refused != null) {
            throw refused;
        }
        complaint = complaints.findByReference(complaint.getReference()).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        String from = origin == null ? "" : origin.strip();
        if (from.isEmpty()) {
            errors.add(new FieldError("herkomst", "Schrijf erbij waar de bestanden vandaan komen (bijvoorbeeld: brief van 2 december)."));
        } else if (from.length() > ORIGIN_MAX || !PlainText.isPlain(from)) {
            errors.add(new FieldError("herkomst", from.length() > ORIGIN_MAX
                    ? "De herkomst mag hoogstens " + ORIGIN_MAX + " tekens lang zijn." : PlainText.REFUSAL));
        }
        if (uploads.isEmpty()) {
            errors.add(new FieldError("evidence", "Kies een of meer bestanden."));
        }
        List<CheckedEvidence> files = validator.checkEvidenceFor(complaint, uploads, errors);
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
        for (CheckedEvidence file : files) {
            complaint.addEvidence(file.fileName(), file.contentType(), file.content());
        }
        timeline.record(complaint, TimelineEventType.NOTE, actor, (files.size() == 1 ? "Bewijsstuk" : files.size() + " bewijsstukken")
                + " toegevoegd (" + from + "): " + files.stream().map(CheckedEvidence::fileName).collect(Collectors.joining(", ")));
        return files.size();
    }

    private CaseRefused refusal(Complaint complaint) {
        if (complaint.getAnonymisedAt() != null) {
            return CaseRefused.notNow("De persoonsgegevens van deze zaak zijn gewist; er kan niets meer bij.");
        }
        return null;
    }
}
