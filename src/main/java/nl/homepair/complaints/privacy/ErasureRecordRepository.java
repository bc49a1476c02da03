package nl.homepair.complaints.privacy;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ErasureRecordRepository extends JpaRepository<ErasureRecord, Long> {

    List<ErasureRecord> findByEmailHash(String emailHash);
}
