package nl.homepair.complaints.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SentMailRepository extends JpaRepository<SentMail, Long> {

    List<SentMail> findByComplaintIdOrderBySentAtAscIdAsc(Long complaintId);

    long deleteByComplaintId(Long complaintId);

    Optional<SentMail> findByDeliveryKey(String deliveryKey);

    @Modifying
    @Query("update SentMail m set m.deliveredAt = :at where m.id = :id")
    int markDelivered(@Param("id") Long id, @Param("at") Instant at);
}
