package nl.homepair.complaints.mailbox;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProcessedMailRepository extends JpaRepository<ProcessedMail, Long> {

    Optional<ProcessedMail> findByMessageId(String messageId);
}
