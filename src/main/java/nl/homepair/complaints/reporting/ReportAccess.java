package nl.homepair.complaints.reporting;

import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may see the figures: team leads, directors and administrators. Handlers see cases,
 * not the management view of them; the platform sees nothing.
 */
@Component
public class ReportAccess {

    static final String REFUSAL = "Alleen teamleiders, directie en beheerders zien de rapportage.";

    private final CurrentUser currentUser;

    public ReportAccess(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    public void require() {
        if (!currentUser.isInAny(Groups.TEAM_LEADS, Groups.DIRECTORS, Groups.ADMINS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, REFUSAL);
        }
    }
}
