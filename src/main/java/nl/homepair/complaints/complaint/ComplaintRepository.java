package nl.homepair.complaints.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ComplaintRepository extends JpaRepository<Complaint, Long> {

    Optional<Complaint> findByReference(String reference);

    Optional<Complaint> findByIntakeKey(String intakeKey);

    List<Complaint> findByEmailIgnoreCaseOrderByReceivedAt(String email);

    List<Complaint> findByClosedAtBeforeAndAnonymisedAtIsNull(Instant closedBefore);

    /**
     * The complaint a process variable {@code complaintId} ({@link ComplaintProcess#VAR_COMPLAINT_ID})
     * names; empty when the variable is missing or not a number, or the complaint is gone.
     */
    default Optional<Complaint> ofVariable(Object complaintId) {
        return complaintId instanceof Long id ? findById(id) : Optional.empty();
    }
}
