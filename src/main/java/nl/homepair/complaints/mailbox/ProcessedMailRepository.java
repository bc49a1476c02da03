package nl.homepair.complaints.mailbox;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProcessedMailRepository extends JpaRepository<ProcessedMail, Long> {

    Optional<ProcessedMail> findByMessageId(String messageId);

    /** The mails set aside for a person that named one of these cases. */
    List<ProcessedMail> findByOutcomeAndReferenceIn(ProcessedMail.Outcome outcome, Collection<String> references);

    /** The case a handler put a set-aside message with: an erasure of that case finds the original by it. */
    @org.springframework.data.jpa.repository.Modifying
    @org.springframework.data.jpa.repository.Query("update ProcessedMail p set p.reference = :reference where p.messageId = :messageId")
    int putWithCase(@org.springframework.data.repository.query.Param("messageId") String messageId,
                    @org.springframework.data.repository.query.Param("reference") String reference);
}
