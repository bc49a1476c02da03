package nl.homepair.complaints.modeling;

import java.util.List;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/procedure/migration?process=complaintProcedure&dryRun=true}: which open
 * cases can move to the latest version of a process, and, without {@code dryRun}, moves
 * them (docs/manager-guide.md). For managers and administrators.
 */
@RestController
public class MigrationController {

    private final ProcedureMigration migration;
    private final CurrentUser currentUser;

    public MigrationController(ProcedureMigration migration, CurrentUser currentUser) {
        this.migration = migration;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/procedure/migration")
    public ProcedureMigration.Report migrate(@RequestParam("process") String process,
                                             @RequestParam(name = "dryRun", defaultValue = "true") boolean dryRun,
                                             @RequestParam(name = "reference", required = false) List<String> references) {
        if (!currentUser.isInAny(Groups.MANAGERS, Groups.ADMINS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Alleen procesbeheerders en beheerders zetten zaken over.");
        }
        try {
            return migration.migrate(process, dryRun, references, currentUser.id().orElse("onbekend"));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
