package nl.homepair.complaints.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.complaint.CaseRefused;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff pages' answer to a refusal: a page that says why (not found 404, not allowed 403, not now 409, what was
 * sent cannot be taken 400). Only the first two are "no access"; the others say that nothing was done, and lead back to
 * the case the handler came from.
 */
public final class StaffRefusals {

    /** A case page's own address, {@code /zaken/KL-2026-000001}, at the start of a request's path. */
    private static final Pattern CASE_PAGE = Pattern.compile("^(/zaken/(?i:KL)-\\d{4}-\\d+)(?:/.*)?$");

    private StaffRefusals() {
    }

    public static ModelAndView page(CaseRefused refused, String user) {
        return page(refused, user, null);
    }

    /** @param path the request's path (without the context path), or null: a case's page leads back to it */
    public static ModelAndView page(CaseRefused refused, String user, String path) {
        return page(refused, user, path, false);
    }

    /**
     * As {@link #page(CaseRefused, String, String)}; with {@code action} (a form sent: a task handed on, an address
     * corrected) the refusal is "not done", whatever its kind: a task finished a moment ago by its handler is not found,
     * but the team lead asked to reassign it, not to see it.
     */
    public static ModelAndView page(CaseRefused refused, String user, String path, boolean action) {
        HttpStatus status = switch (refused.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.CONFLICT;
        };
        boolean noAccess = status == HttpStatus.NOT_FOUND || status == HttpStatus.FORBIDDEN;
        if (noAccess && !action) {
            return page(status, refused.reason(), user, null, null);
        }
        // not done; a case the user may not see (or that does not exist) is no way back
        return notDone(status, refused.reason(), user, noAccess ? null : path);
    }

    /** What the handler sent was not taken (a wrong address, a file of the wrong type, not now): nothing was changed. */
    public static ModelAndView notDone(HttpStatus status, String reason, String user, String path) {
        return page(status, reason, user, "Niet verwerkt", caseOf(path));
    }

    private static ModelAndView page(HttpStatus status, String reason, String user, String heading, String back) {
        ModelAndView page = new ModelAndView("casework/geweigerd", status);
        page.addObject("reason", reason);
        page.addObject("user", user);
        page.addObject("heading", heading);
        page.addObject("back", back);
        return page;
    }

    /** The case page a request's path lies under ({@code /zaken/KL-2026-000001/bewijs}: its page), or null. */
    public static String caseOf(String path) {
        if (path == null) {
            return null;
        }
        Matcher matcher = CASE_PAGE.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
