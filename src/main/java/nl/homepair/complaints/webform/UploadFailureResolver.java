package nl.homepair.complaints.webform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Gives the form back, with a message, when a web form post cannot be read as multipart
 * (too large, or broken). The dispatcher reads the multipart body before it picks a
 * controller, so neither the controller's nor an advice's exception handlers see these
 * failures; without this the complainant would get an error page. Nothing was read, so
 * the fields are empty and nothing was stored.
 */
@Component
class UploadFailureResolver implements HandlerExceptionResolver, Ordered {

    private final WebFormPages pages;

    UploadFailureResolver(WebFormPages pages) {
        this.pages = pages;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!(ex instanceof MultipartException) || !isWebForm(request)) {
            return null;
        }
        boolean tooLarge = ex instanceof MaxUploadSizeExceededException;
        String problem = tooLarge
                ? "Je bestanden waren samen te groot om te versturen. Er is niets opgeslagen en je gegevens zijn "
                        + "niet bewaard. Vul het formulier opnieuw in en kies kleinere of minder bestanden."
                : "Je formulier kon niet worden gelezen. Er is niets opgeslagen en je gegevens zijn niet bewaard. "
                        + "Vul het formulier opnieuw in.";
        HttpStatus status = tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
        if (path(request).startsWith("/klacht/bericht")) {
            return pages.messageForm(request, response, status, CaseMessageController.CaseMessage.EMPTY, List.of(), problem, false);
        }
        return pages.form(request, response, status, ComplaintForm.EMPTY, List.of(), problem, false);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean isWebForm(HttpServletRequest request) {
        String path = path(request);
        return "POST".equals(request.getMethod()) && (path.equals("/klacht") || path.equals("/klacht/")
                || path.equals("/klacht/bericht") || path.equals("/klacht/bericht/"));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
