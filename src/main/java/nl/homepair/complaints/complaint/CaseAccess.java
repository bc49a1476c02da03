package nl.homepair.complaints.complaint;

import java.util.Locale;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The one check every staff door to a case goes through: who may see it, and does it exist. */
@Component
public class CaseAccess {

    private final ComplaintRepository complaints;
    private final CurrentUser currentUser;

    public CaseAccess(ComplaintRepository complaints, CurrentUser currentUser) {
        this.complaints = complaints;
        this.currentUser = currentUser;
    }

    /** The case for a staff member: 403 for anyone else, 404 for an unknown reference. */
    public Complaint forStaff(String reference) {
        if (!currentUser.isStaff()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Alleen medewerkers kunnen klachten inzien.");
        }
        return find(reference);
    }

    /**
     * The case for whoever may send something on the complainant's behalf (the
     * platform's API user or staff): replies, objections, chat messages.
     */
    public Complaint forSubmitter(String reference) {
        if (!currentUser.isStaff() && !currentUser.isIn(Groups.PLATFORM)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Je mag hier niets indienen.");
        }
        return find(reference);
    }

    private Complaint find(String reference) {
        return complaints.findByReference(reference.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "Er is geen klacht met referentie " + reference + "."));
    }
}
