package nl.homepair.complaints.mail;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SentMailRepository extends JpaRepository<SentMail, Long> {

    List<SentMail> findByComplaintIdOrderBySentAtAscIdAsc(Long complaintId);

    long deleteByComplaintId(Long complaintId);
}
