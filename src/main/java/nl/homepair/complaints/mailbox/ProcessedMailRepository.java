package nl.homepair.complaints.mailbox;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProcessedMailRepository extends JpaRepository<ProcessedMail, Long> {

    Optional<ProcessedMail> findByMessageId(String messageId);

    /** The mails set aside for a person that named one of these cases. */
    List<ProcessedMail> findByOutcomeAndReferenceIn(ProcessedMail.Outcome outcome, Collection<String> references);
}
