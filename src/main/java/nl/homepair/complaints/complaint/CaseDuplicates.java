package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.complaint.ComplaintProcess.MESSAGE_COMPLAINT_DUPLICATE;
import static nl.homepair.complaints.complaint.ComplaintProcess.VAR_DUPLICATE_OF;

import java.util.List;
import java.util.Optional;
import nl.homepair.complaints.text.PersonNames;
import nl.homepair.complaints.web.FieldError;
import nl.homepair.complaints.web.InvalidSubmissionException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A complaint registered twice (by mail and through the web form, a letter typed in while its mail was read): a handler
 * closes the second registration as {@link CaseOutcome#DUPLICATE} of the case that goes on, instead of a withdrawal the
 * complainant never made (its mail says "you withdrew", and the figures count two complaints, one withdrawn). The model's
 * event subprocess "Dubbele registratie" cancels the duplicate's tasks and timers and tells the complainant under which
 * reference it goes on; both timelines say so. The figures count a duplicate apart, not as a complaint of its own (R16).
 * Only an open, undecided case of the same complainant (by name or address) is a duplicate's other case: a complaint of
 * another person about the same job is a complaint of its own, and a closed case's complainant who complains again
 * makes a new complaint (or an objection).
 */
@Service
public class CaseDuplicates {

    private final CaseTimeline timeline;
    private final CaseMessages caseMessages;
    private final RuntimeService runtimeService;
    private final CaseAccess access;
    private final jakarta.persistence.EntityManager entities;

    public CaseDuplicates(CaseTimeline timeline, CaseMessages caseMessages, RuntimeService runtimeService, CaseAccess access,
                          jakarta.persistence.EntityManager entities) {
        this.timeline = timeline;
        this.caseMessages = caseMessages;
        this.runtimeService = runtimeService;
        this.access = access;
        this.entities = entities;
    }

    /** Why the case cannot be closed as a duplicate now, or null when it can: the case page offers it only then. */
    public String refusal(Complaint complaint) {
        String over = CaseWithdrawal.erasedOrClosed(complaint);
        if (over != null) {
            return over;
        }
        if (complaint.getDecidedAt() != null) {
            return "Over deze klacht is al besloten; het besluit blijft staan. Een besloten zaak sluit niet als dubbel.";
        }
        return caseMessages.versionWithout(complaint, MESSAGE_COMPLAINT_DUPLICATE)
                .map(version -> "De zaak loopt op versie " + version.getVersion() + " van de klachtenprocedure, van voor het"
                        + " sluiten van een dubbele registratie. Een manager zet de zaak eerst over naar de nieuwste versie"
                        + " (handleiding voor managers, 'Lopende zaken overzetten').")
                .orElse(null);
    }

    /**
     * Closes {@code given} as a second registration of the case {@code typed} names.
     *
     * @return the reference of the case that goes on; when it was being closed so already (the same form sent again, from
     * a second tab), the one it was closed under, and refused when another is typed
     */
    @Transactional(noRollbackFor = {CaseRefused.class, InvalidSubmissionException.class})
    public String closeAsDuplicate(Complaint given, String typed, String actor) {
        // the case as it is now, its version forced up: a decision that commits meanwhile makes this commit fail, as a
        // withdrawal's does (CaseWithdrawal)
        Complaint duplicate = CaseRows.heldForChange(entities, given);
        String reference = ReferenceNumbers.typed(typed).orElseThrow(() -> invalid(
                "Vul het referentienummer in van de zaak die blijft, zoals KL-2026-000123."));
        if (reference.equals(duplicate.getReference())) {
            throw invalid("Dit is deze zaak zelf; vul het referentienummer in van de zaak die blijft.");
        }
        Optional<String> recorded = closedUnder(timeline.of(duplicate));
        if (recorded.isPresent()) {
            if (!recorded.get().equals(reference)) {
                throw invalid("Deze zaak is al gesloten als dubbele registratie van " + recorded.get() + ".");
            }
            return recorded.get();
        }
        String refusal = refusal(duplicate);
        if (refusal != null) {
            throw CaseRefused.notNow(refusal);
        }
        Complaint kept;
        try {
            // the case that goes on must go on: not itself being closed as a duplicate (of this one, by a colleague at the
            // same moment) or withdrawn; its version is forced up too, so two such closings at once cannot both commit
            kept = CaseRows.heldForChange(entities, access.forCasework(reference));
        } catch (CaseRefused notThere) {
            throw invalid("Zaak " + reference + " bestaat niet of is niet van jouw team. " + notThere.getMessage());
        }
        if (kept.getAnonymisedAt() != null || kept.getStatus() == ComplaintStatus.CLOSED || kept.getDecidedAt() != null) {
            throw invalid("Zaak " + reference + (kept.getDecidedAt() != null && kept.getStatus() != ComplaintStatus.CLOSED
                    ? " is al besloten" : " is al afgesloten") + ". Deze klacht is dan geen dubbele registratie: behandel"
                    + " haar als een nieuwe klacht, of als bezwaar als de klager het niet eens is met het besluit.");
        }
        // (a case on an older version of the model waits for a withdrawal only)
        if (beingClosed(kept) || !caseMessages.waitsFor(kept, MESSAGE_COMPLAINT_DUPLICATE)
                && !caseMessages.waitsFor(kept, ComplaintProcess.MESSAGE_COMPLAINT_WITHDRAWN)) {
            throw invalid("Zaak " + reference + " wordt zelf gesloten (als dubbele registratie of ingetrokken); kies de zaak"
                    + " die blijft.");
        }
        if (!sameComplainant(duplicate, kept)) {
            throw invalid("Zaak " + reference + " is van een andere klager (naam en e-mailadres verschillen). Een klacht van"
                    + " iemand anders, ook over dezelfde opdracht, is een eigen klacht.");
        }
        if (!caseMessages.waitsFor(duplicate, MESSAGE_COMPLAINT_DUPLICATE)) {
            throw CaseRefused.notYet("De zaak kan op dit moment niet als dubbel worden gesloten; probeer het over een minuut"
                    + " opnieuw.");
        }
        timeline.record(duplicate, TimelineEventType.NOTE, actor, DUPLICATE_OF + reference + ": deze klacht wordt daar verder"
                + " behandeld.");
        timeline.record(kept, TimelineEventType.NOTE, actor, "Zaak " + duplicate.getReference() + " was een tweede registratie"
                + " van deze klacht en is gesloten; wat daar binnenkwam, staat op die zaak.");
        runtimeService.createMessageCorrelation(MESSAGE_COMPLAINT_DUPLICATE)
                .processInstanceBusinessKey(duplicate.getReference())
                .setVariable(VAR_DUPLICATE_OF, reference)
                .correlate();
        return reference;
    }

    /**
     * The same person as far as the names and addresses tell, the handler having confirmed it: names that can be one
     * person's (the display names of a phone and a work mail program differ: "Jan Jansen", "Jansen, J.", "J. Jansen";
     * not "Anna de Vries" and "Piet de Vries"), or an address of the one is the other's (a letter and a mail may differ
     * in either). Anything else is someone else's complaint, also about the same job.
     */
    public static boolean sameComplainant(Complaint one, Complaint other) {
        boolean sameName = !PersonNames.key(one.getName()).isEmpty() && PersonNames.key(one.getName()).equals(PersonNames.key(other.getName()));
        return sameName || PersonNames.samePerson(one.getName(), other.getName())
                || other.isComplainantAddress(one.getEmail()) || one.isComplainantAddress(other.getEmail());
    }

    /** Whether the case was closed as a duplicate, also while its mail is still on its way and it shows as open. */
    public boolean beingClosed(Complaint complaint) {
        return beingClosed(timeline.of(complaint));
    }

    /** Whether these lines of a case say it was closed as a duplicate (its mail may still be on its way). */
    static boolean beingClosed(List<TimelineEntry> lines) {
        return closedUnder(lines).isPresent();
    }

    /** The reference a case closed as a duplicate goes on under, from its line. */
    private static Optional<String> closedUnder(List<TimelineEntry> lines) {
        return lines.stream().map(TimelineEntry::getSummary).filter(summary -> summary.startsWith(DUPLICATE_OF))
                .findFirst().flatMap(ReferenceNumbers::findIn);
    }

    private static InvalidSubmissionException invalid(String message) {
        return new InvalidSubmissionException(List.of(new FieldError("andere", message)));
    }

    static final String DUPLICATE_OF = "Dubbele registratie van ";
}
