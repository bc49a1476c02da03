package nl.homepair.complaints.reporting;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CaseFactsRepository extends JpaRepository<CaseFacts, Long> {
}
