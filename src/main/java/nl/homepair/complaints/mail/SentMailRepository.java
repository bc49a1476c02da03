package nl.homepair.complaints.mail;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SentMailRepository extends JpaRepository<SentMail, Long>, SentMailDelivery {

    List<SentMail> findByComplaintIdOrderBySentAtAscIdAsc(Long complaintId);

    long deleteByComplaintId(Long complaintId);

    // a query string, not a derived query: Hibernate keeps its translation, where it translated
    // the derived (criteria) query again for every mail (timer storm profile, issue 16)
    @Query("select m from SentMail m where m.deliveryKey = :deliveryKey")
    Optional<SentMail> findByDeliveryKey(@Param("deliveryKey") String deliveryKey);
}
