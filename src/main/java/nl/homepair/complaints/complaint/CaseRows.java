package nl.homepair.complaints.complaint;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** How a change that must not race another reads the case's row. */
public final class CaseRows {

    private CaseRows() {
    }

    /**
     * The case as it is now, in the caller's transaction, its version forced up: a change that commits on the case's row
     * while the caller runs (a handler's decision, a colleague's closing or move) makes the caller's commit fail, rolling
     * back what it did in the engine too, and its retry sees the case as it then is. What the caller changed on
     * {@code given} is written first, not thrown away by the read.
     */
    public static Complaint heldForChange(EntityManager entities, Complaint given) {
        if (entities.contains(given)) {
            entities.flush();
        }
        Complaint complaint = entities.find(Complaint.class, given.getId());
        entities.refresh(complaint);
        entities.lock(complaint, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        return complaint;
    }
}
