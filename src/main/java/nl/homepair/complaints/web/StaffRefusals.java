package nl.homepair.complaints.web;

import nl.homepair.complaints.complaint.CaseRefused;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** The staff pages' answer to a refusal: a page that says why (not found 404, not allowed 403, not now 409). */
public final class StaffRefusals {

    private StaffRefusals() {
    }

    public static ModelAndView page(CaseRefused refused, String user) {
        HttpStatus status = switch (refused.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.CONFLICT;
        };
        ModelAndView page = new ModelAndView("casework/geweigerd", status);
        page.addObject("reason", refused.reason());
        page.addObject("user", user);
        return page;
    }
}
