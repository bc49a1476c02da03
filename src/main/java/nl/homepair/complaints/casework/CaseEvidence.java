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

    private final jakarta.persistence.EntityManager entities;

    public CaseEvidence(CaseAccess access, ComplaintRepository complaints, SubmissionValidator validator, CaseTimeline timeline,
                        jakarta.persistence.EntityManager entities) {
        this.entities = entities;
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

    /** Whether the caller may move a file of this case to another ({@link #move}): also when the case has no room left. */
    public boolean movable(Complaint complaint) {
        return access.doesCaseworkOn(complaint) && refusal(complaint) == null;
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

    /**
     * A file put with this case by mistake (a letter's papers scanned to the wrong case, a typo in the reference) moves to
     * the case it belongs to: it leaves this case's forms, file count and the complainant's copy of their data, and the
     * other complainant's erasure finds it. Both cases are the caller's casework and not erased; the other has room. The
     * line on this case names the other for staff only; the other's line says only that it stood with another case.
     *
     * @return the reference of the case the file went to
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public String move(String reference, Long evidenceId, String typedTarget, String actor) {
        Complaint from = access.forCasework(reference);
        CaseRefused refused = refusal(from);
        if (refused != null) {
            throw refused;
        }
        // two handlers moving the same file at once: the second's commit fails on the case's version (the controller
        // answers it as a file no longer there), not with a second copy
        Complaint source = nl.homepair.complaints.complaint.CaseRows.heldForChange(entities, from);
        nl.homepair.complaints.complaint.Evidence file = source.getEvidence().stream()
                .filter(e -> e.getId().equals(evidenceId)).findFirst()
                .orElseThrow(() -> moveRefused("bestand", "Dit bestand staat niet (meer) bij deze zaak."));
        String target = nl.homepair.complaints.complaint.ReferenceNumbers.typed(typedTarget).orElseThrow(() -> moveRefused("naar",
                "Vul het referentienummer in van de zaak waar het bestand bij hoort, zoals KL-2026-000123."));
        if (target.equals(source.getReference())) {
            throw moveRefused("naar", "Het bestand staat al bij deze zaak; vul het referentienummer van de andere zaak in.");
        }
        Complaint to;
        try {
            to = complaints.findByReference(access.forCasework(target).getReference()).orElseThrow();
        } catch (CaseRefused notThere) {
            throw moveRefused("naar", "Zaak " + target + " bestaat niet of is niet van jouw team. " + notThere.getMessage());
        }
        if (refusal(to) != null) {
            throw moveRefused("naar", "De persoonsgegevens van zaak " + target + " zijn gewist; er kan niets meer bij.");
        }
        if (validator.roomOnCase(to) < 1) {
            throw moveRefused("naar", "Zaak " + target + " heeft al het hoogste aantal bestanden (" + validator.maxFilesPerCase() + ").");
        }
        if (file.isAboutOthers()) {
            to.addEvidenceAboutOthers(file.getFileName(), file.getContentType(), file.getContent());
        } else {
            to.addEvidence(file.getFileName(), file.getContentType(), file.getContent());
        }
        source.removeEvidence(file);
        // the line of its adding names it (and where it came from): it leaves this complainant's copy too; a line that
        // named more files stays, for the others it names, and so do all when another file of the case has the same name
        // (which line was whose cannot be told)
        boolean sameNameStays = source.getEvidence().stream().anyMatch(e -> e.getFileName().equals(file.getFileName()));
        if (!sameNameStays) {
            timeline.of(source).stream().filter(line -> line.getType() == TimelineEventType.NOTE && !line.isAboutOthers()
                            && line.getSummary().startsWith("Bewijsstuk toegevoegd (") && line.getSummary().endsWith("): " + file.getFileName()))
                    .forEach(nl.homepair.complaints.complaint.TimelineEntry::markAboutOthers);
        }
        timeline.recordAboutOthers(source, TimelineEventType.NOTE, actor, "Bewijsstuk " + file.getFileName()
                + " verplaatst naar zaak " + target + ": het stond per vergissing bij deze zaak.");
        timeline.record(to, TimelineEventType.NOTE, actor, "Bewijsstuk toegevoegd (stond per vergissing bij een andere zaak): "
                + file.getFileName());
        return target;
    }

    private static InvalidSubmissionException moveRefused(String field, String message) {
        return new InvalidSubmissionException(List.of(new FieldError(field, message)));
    }

    private CaseRefused refusal(Complaint complaint) {
        if (complaint.getAnonymisedAt() != null) {
            return CaseRefused.notNow("De persoonsgegevens van deze zaak zijn gewist; er kan niets meer bij.");
        }
        return null;
    }
}
