package nl.homepair.complaints.casework;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.web.StaffRefusals;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Files added on the case page that cannot be read (too large, or a broken upload) get the case pages' refusal with
 * its reason, not an error page: the dispatcher reads the multipart body before it picks the controller, so the
 * controller's own exception handlers never see these failures. Nothing was read, so nothing was stored.
 */
@Component
class CaseUploadFailureResolver implements HandlerExceptionResolver, Ordered {

    private final CaseAccess access;
    private final CurrentUser currentUser;

    CaseUploadFailureResolver(CaseAccess access, CurrentUser currentUser) {
        this.access = access;
        this.currentUser = currentUser;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(ex instanceof MultipartException) || !path.startsWith("/zaken/")) {
            return null;
        }
        boolean tooLarge = ex instanceof MaxUploadSizeExceededException;
        return StaffRefusals.notDone(tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
                tooLarge ? "De bestanden waren te groot om te versturen; er is niets toegevoegd. Kies kleinere of minder bestanden."
                        : "De bestanden konden niet worden gelezen; er is niets toegevoegd. Probeer het opnieuw.",
                currentUser.id().orElse(""), visible(path) ? path : null);
    }

    /** Whether the case the upload was for is one the user may see: only then does the page lead back to it. */
    private boolean visible(String path) {
        String page = StaffRefusals.caseOf(path);
        if (page == null) {
            return false;
        }
        try {
            access.forStaff(page.substring("/zaken/".length()));
            return true;
        } catch (CaseRefused notVisible) {
            return false;
        } catch (RuntimeException cannotTell) {
            // the database is away: the refusal is said all the same, without the way back
            return false;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
