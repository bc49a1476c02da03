package nl.homepair.complaints.complaint;

import java.util.Locale;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.stereotype.Component;

/** The one check every staff door to a case goes through: who may see it, and does it exist. */
@Component
public class CaseAccess {

    private final ComplaintRepository complaints;
    private final CurrentUser currentUser;

    public CaseAccess(ComplaintRepository complaints, CurrentUser currentUser) {
        this.complaints = complaints;
        this.currentUser = currentUser;
    }

    /**
     * The case for staff involved in handling it (R12): handlers, team leads and
     * administrators see every case, directors only cases with an objection to the
     * board; anyone else is refused, as is an unknown reference.
     */
    public Complaint forStaff(String reference) {
        boolean handling = currentUser.isInAny(Groups.HANDLERS, Groups.TEAM_LEADS, Groups.ADMINS);
        if (!handling && !currentUser.isIn(Groups.DIRECTORS)) {
            throw CaseRefused.notAllowed("Alleen medewerkers kunnen klachten inzien.");
        }
        Complaint complaint = find(reference);
        if (!handling && complaint.getObjectionReceivedAt() == null) {
            throw CaseRefused.notAllowed("De directie ziet alleen zaken waartegen bezwaar is gemaakt.");
        }
        return complaint;
    }

    /**
     * The case for whoever may send something on the complainant's behalf (the
     * platform's API user or staff): replies, objections, chat messages.
     */
    public Complaint forSubmitter(String reference) {
        if (!currentUser.isStaff() && !currentUser.isIn(Groups.PLATFORM)) {
            throw CaseRefused.notAllowed("Je mag hier niets indienen.");
        }
        return find(reference);
    }

    private Complaint find(String reference) {
        return complaints.findByReference(reference.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> CaseRefused.notFound(
                        "Er is geen klacht met referentie " + reference + "."));
    }
}
