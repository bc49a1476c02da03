package nl.homepair.complaints.reporting;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cases registered before the facts were kept (a database from before issue 15) get their
 * facts at start-up from what their complaint row knows, so that the figures cover them
 * too; see {@link CaseFactsRecorder#fromComplaint}. Runs in batches and finds nothing to
 * do on every later start.
 */
@Component
class CaseFactsBackfill {

    private static final Logger log = LoggerFactory.getLogger(CaseFactsBackfill.class);
    private static final int BATCH = 500;

    @PersistenceContext
    private EntityManager entityManager;

    private final CaseFactsRecorder recorder;
    private final CaseFactsRepository facts;
    private final TransactionTemplate transactions;

    CaseFactsBackfill(CaseFactsRecorder recorder, CaseFactsRepository facts, PlatformTransactionManager transactions) {
        this.recorder = recorder;
        this.facts = facts;
        this.transactions = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    public int backfill() {
        int total = 0;
        while (true) {
            Integer done = transactions.execute(status -> {
                List<Complaint> missing = entityManager.createQuery("""
                                select c from Complaint c where c.reference is not null
                                and not exists (select 1 from CaseFacts f where f.complaintId = c.id) order by c.id""",
                        Complaint.class).setMaxResults(BATCH).getResultList();
                missing.forEach(c -> facts.save(recorder.fromComplaint(c)));
                return missing.size();
            });
            total += done == null ? 0 : done;
            if (done == null || done < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("Case facts made for {} cases registered before they were kept", total);
        }
        return total;
    }
}
