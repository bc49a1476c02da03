package nl.homepair.complaints.complaint;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    // a query string, not a derived query: Hibernate keeps its translation, where it translated
    // the derived (criteria) query again for every task a case gets (intake profile, issue 16)
    @Query("select t from TimelineEntry t where t.complaintId = :complaintId order by t.occurredAt asc, t.id asc")
    List<TimelineEntry> findByComplaintIdOrderByOccurredAtAscIdAsc(@Param("complaintId") Long complaintId);
}
