package nl.homepair.complaints.reporting;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import nl.homepair.complaints.complaint.Complaint;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
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
    /** Batches refused because their facts were made meanwhile, before the backfill leaves the rest to the next start. */
    private static final int MAX_CONFLICTS = 10;

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
        int conflicts = 0;
        try {
            while (true) {
                Integer done;
                try {
                    done = transactions.execute(status -> {
                        List<Complaint> missing = missing();
                        // persist, not merge: facts that a live step or another node made meanwhile are refused at
                        // the commit (their key exists; a DataIntegrityViolationException), never overwritten with
                        // what the complaint row knows
                        missing.forEach(c -> entityManager.persist(recorder.fromComplaint(c)));
                        return missing.size();
                    });
                } catch (DataIntegrityViolationException | ObjectOptimisticLockingFailureException madeMeanwhile) {
                    // another node backfills too, or a case's step made its facts: the next batch leaves those out
                    if (++conflicts > MAX_CONFLICTS) {
                        throw madeMeanwhile;
                    }
                    continue;
                }
                total += done == null ? 0 : done;
                if (done == null || done < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // the figures of old cases wait for the next start; the node serves all the same
            log.warn("Case facts not made for every case registered before they were kept ({} made); the next start tries"
                    + " again: {}", total, CauseChain.of(e));
            return total;
        }
        if (total > 0) {
            log.info("Case facts made for {} cases registered before they were kept", total);
        }
        return total;
    }

    /** The next batch of cases without facts. */
    List<Complaint> missing() {
        return entityManager.createQuery("""
                        select c from Complaint c where c.reference is not null
                        and not exists (select 1 from CaseFacts f where f.complaintId = c.id) order by c.id""",
                Complaint.class).setMaxResults(BATCH).getResultList();
    }
}
