package nl.homepair.complaints.complaint;

import static nl.homepair.complaints.TestComplaints.janJansen;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Persistence;
import java.util.List;
import nl.homepair.complaints.IntegrationTest;
import nl.homepair.complaints.TestComplaints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case's evidence files are read from the database only when someone opens one: listing
 * them (every task's case file, every form opened in Tasklist, the case overview, the case
 * in the API) reads their names and sizes, not up to 50 MB of their bytes (issue 16).
 */
class EvidenceContentTest extends IntegrationTest {

    @Autowired
    ComplaintRepository complaints;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void listingACasesEvidenceLeavesTheFilesInTheDatabaseUntilOneIsOpened() {
        byte[] photo = TestComplaints.png(64 * 1024);
        String reference = submit(janJansen().file("lekkage.png", photo).file("offerte.png", TestComplaints.PNG));

        transactions.executeWithoutResult(status -> {
            Complaint complaint = complaints.findByReference(reference).orElseThrow();
            List<Evidence> files = complaint.getEvidence();
            assertThat(files).extracting(Evidence::getFileName).containsExactly("lekkage.png", "offerte.png");
            assertThat(files).extracting(Evidence::getSizeBytes).containsExactly((long) photo.length, (long) TestComplaints.PNG.length);
            assertThat(files).allSatisfy(file ->
                    assertThat(Persistence.getPersistenceUtil().isLoaded(file, "content")).as(file.getFileName()).isFalse());

            // opening one reads that one
            assertThat(files.get(0).getContent()).isEqualTo(photo);
            assertThat(Persistence.getPersistenceUtil().isLoaded(files.get(1), "content")).isFalse();
        });
    }
}
