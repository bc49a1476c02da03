package nl.homepair.complaints.mail;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;

public interface SentMailRepository extends JpaRepository<SentMail, Long>, SentMailDelivery {

    List<SentMail> findByComplaintIdOrderBySentAtAscIdAsc(Long complaintId);

    long deleteByComplaintId(Long complaintId);

    /** The mails to this address that belong to no case (right of access). */
    List<SentMail> findByComplaintIdIsNullAndRecipientIgnoreCaseOrderBySentAtAscIdAsc(String recipient);

    /** The mails of cases sent to this address (the other party's, the affected user's, or an address corrected away). */
    List<SentMail> findByRecipientIgnoreCaseAndComplaintIdIsNotNull(String recipient);

    // the named query SentMail.findByDeliveryKey, not a derived query: Hibernate translates it once
    // at start-up, where it translated the derived (criteria) query again for every mail (timer
    // storm profile, issue 16); and not @Query, whose text Spring Data parses with a grammar of
    // its own at every start (400 classes, JpaBackgroundBootstrap)
    Optional<SentMail> findByDeliveryKey(@Param("deliveryKey") String deliveryKey);

    /** The mail with this Message-ID, e.g. one a delivery report says did not arrive (rare: a derived query will do). */
    Optional<SentMail> findFirstByMessageId(String messageId);
}
