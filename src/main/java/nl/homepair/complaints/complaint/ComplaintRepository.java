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
}
