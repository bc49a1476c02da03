package nl.homepair.complaints.complaint;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    List<TimelineEntry> findByComplaintIdOrderByOccurredAtAscIdAsc(Long complaintId);
}
