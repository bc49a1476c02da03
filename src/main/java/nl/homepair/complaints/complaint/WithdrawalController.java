package nl.homepair.complaints.complaint;

import nl.homepair.complaints.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/complaints/{reference}/withdrawal}: the complainant withdraws the complaint in the platform's app;
 * the case ends as withdrawn and the complainant gets a confirmation by mail. 409 when the case is decided or closed.
 */
@RestController
public class WithdrawalController {

    private final CaseAccess access;
    private final CaseWithdrawal withdrawal;
    private final CurrentUser currentUser;

    public WithdrawalController(CaseAccess access, CaseWithdrawal withdrawal, CurrentUser currentUser) {
        this.access = access;
        this.withdrawal = withdrawal;
        this.currentUser = currentUser;
    }

    public record Withdrawal(String reason) {
    }

    public record Accepted(String reference, String message) {
    }

    /**
     * The same withdrawal again (a retry after a lost answer) is answered as the first, with
     * {@code Idempotent-Replayed: true}, also after the case has closed as withdrawn.
     */
    @PostMapping(path = "/api/complaints/{reference}/withdrawal", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
    // a refusal may leave a line for the board ("the complainant wishes to withdraw the objection"): kept, not rolled back
    @Transactional(noRollbackFor = CaseRefused.class)
    public ResponseEntity<Accepted> withdraw(@PathVariable String reference, @RequestBody Withdrawal body) {
        Complaint complaint = access.forSubmitter(reference);
        boolean first = withdrawal.withdraw(complaint, body == null ? null : body.reason(), currentUser.id().orElse(null));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Idempotent-Replayed", String.valueOf(!first))
                .body(new Accepted(complaint.getReference(), "De klacht is ingetrokken; de klager krijgt een bevestiging per e-mail."));
    }
}
