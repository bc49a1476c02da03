package nl.homepair.complaints.complaint;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    // the named query TimelineEntry.findByComplaintIdOrderByOccurredAtAscIdAsc, not a derived query:
    // Hibernate translates it once at start-up, where it translated the derived (criteria) query
    // again for every task a case gets (intake profile, issue 16); and not @Query, whose text
    // Spring Data parses with a grammar of its own at every start
    List<TimelineEntry> findByComplaintIdOrderByOccurredAtAscIdAsc(@Param("complaintId") Long complaintId);

    /** The named query of the same name: the entry a request with this {@code <caller>:<key>} wrote on the case. */
    Optional<TimelineEntry> findByComplaintIdAndIdempotencyKey(@Param("complaintId") Long complaintId,
                                                               @Param("idempotencyKey") String idempotencyKey);
}
