package nl.homepair.complaints.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ComplaintRepository extends JpaRepository<Complaint, Long> {

    Optional<Complaint> findByReference(String reference);

    Optional<Complaint> findByIntakeKey(String intakeKey);

    List<Complaint> findByEmailIgnoreCaseOrderByReceivedAt(String email);

    /** The cases of a complainant of this name (a letter typed in again with a corrected address; rare, unindexed). */
    List<Complaint> findByNameIgnoreCaseOrderByReceivedAt(String name);

    /** The cases of this address, also where it is an address the complainant had before a correction (privacy requests). */
    @org.springframework.data.jpa.repository.Query("select c from Complaint c where lower(c.email) = lower(:email)"
            + " or lower(c.earlierEmails) like concat('%', lower(:email), '%') order by c.receivedAt")
    List<Complaint> candidatesOfAddress(@org.springframework.data.repository.query.Param("email") String email);

    /** {@link #candidatesOfAddress}, exactly: an address is one of the complainant's, not a part of another. */
    default List<Complaint> ofAddress(String email) {
        return candidatesOfAddress(email.strip()).stream().filter(c -> c.isComplainantAddress(email.strip())).toList();
    }

    List<Complaint> findByClosedAtBeforeAndAnonymisedAtIsNull(Instant closedBefore);

    /** Cases never closed, received before that moment, not anonymised: open ones, and ones whose process went away. */
    List<Complaint> findByClosedAtIsNullAndAnonymisedAtIsNullAndReceivedAtBefore(Instant receivedBefore);

    /**
     * The complaint a process variable {@code complaintId} ({@link ComplaintProcess#VAR_COMPLAINT_ID})
     * names; empty when the variable is missing or not a number, or the complaint is gone.
     */
    default Optional<Complaint> ofVariable(Object complaintId) {
        return complaintId instanceof Long id ? findById(id) : Optional.empty();
    }
}
