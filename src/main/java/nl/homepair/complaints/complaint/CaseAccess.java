package nl.homepair.complaints.complaint;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.springframework.stereotype.Component;

/** The one check every staff door to a case goes through: who may see it, and does it exist. */
@Component
public class CaseAccess {

    private final ComplaintRepository complaints;
    private final CurrentUser currentUser;
    private final HandlerGroups handlerGroups;

    public CaseAccess(ComplaintRepository complaints, CurrentUser currentUser, HandlerGroups handlerGroups) {
        this.complaints = complaints;
        this.currentUser = currentUser;
        this.handlerGroups = handlerGroups;
    }

    /**
     * The case for staff involved in handling it (R12): handlers (of every {@link HandlerGroups group of
     * handlers}), team leads and administrators see every case, directors only cases with an objection to the
     * board; anyone else is refused, as is an unknown reference.
     */
    public Complaint forStaff(String reference) {
        Scope scope = staffScope();
        Complaint complaint = find(reference);
        if (!scope.includes(complaint)) {
            throw CaseRefused.notAllowed("De directie ziet alleen zaken waartegen bezwaar is gemaakt.");
        }
        return complaint;
    }

    /** Which cases a member of staff may see (R12); anyone else is refused. */
    public enum Scope {
        /** Handlers (of every group of handlers), team leads and administrators. */
        EVERY_CASE,
        /** Directors: only cases with an objection to the board (the complainant's, or the affected user's against a measure). */
        OBJECTIONS_ONLY;

        public boolean includes(Complaint complaint) {
            return this == EVERY_CASE || complaint.getObjectionReceivedAt() != null
                    || complaint.getMeasureObjectionReceivedAt() != null;
        }
    }

    /** The caller's {@link Scope}, for lists of cases; refused for anyone who is not staff. */
    public Scope staffScope() {
        return scopeOf(currentUser.groups(), handlerGroups)
                .orElseThrow(() -> CaseRefused.notAllowed("Alleen medewerkers kunnen klachten inzien."));
    }

    /** The {@link Scope} of a member of these groups; empty for anyone who is not staff. */
    public static Optional<Scope> scopeOf(Collection<String> groups, HandlerGroups handlerGroups) {
        if (handlerGroups.anyOf(groups) || groups.contains(Groups.TEAM_LEADS) || groups.contains(Groups.ADMINS)) {
            return Optional.of(Scope.EVERY_CASE);
        }
        return groups.contains(Groups.DIRECTORS) ? Optional.of(Scope.OBJECTIONS_ONLY) : Optional.empty();
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
