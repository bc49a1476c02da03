package nl.homepair.complaints.web;

import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletResponse;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.diagnostics.ConcurrentChange;
import nl.homepair.complaints.text.FaultTexts;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff pages (case overview, case file, figures) answer a fault as a page a person can
 * read ({@link StaffPage}), not {@link ApiErrorHandler}'s JSON: a task that changed or went meanwhile (a colleague,
 * a timer, another node) says so (409, 404), an action the engine does not allow is refused
 * (403), and anything else is an outage: 503 with the Dutch message "nothing stored, try
 * again". The case page's timeline, which fetches itself again, keeps what it shows on any
 * answer but 200.
 */
@ControllerAdvice(annotations = StaffPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StaffPageUnavailable {

    private static final Logger log = LoggerFactory.getLogger(StaffPageUnavailable.class);

    @ExceptionHandler(AuthorizationException.class)
    ModelAndView notAllowed(AuthorizationException e) {
        log.warn("Staff page refused by the engine's authorizations: {}", e.getMessage());
        return page("Dit kun je niet wijzigen", "Je hebt geen rechten voor deze handeling.", HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler({NotFoundException.class, NullValueException.class})
    ModelAndView gone(ProcessEngineException e) {
        // also how the engine reports a missing argument: in the log, should it be a fault of ours
        log.warn("Staff page: the engine found nothing: {}", CauseChain.of(e));
        return page("Niet gevonden", "Deze taak is al afgerond of bestaat niet.", HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler({ProcessEngineException.class, DataAccessException.class, TransactionException.class,
            PersistenceException.class})
    ModelAndView unavailable(RuntimeException e, HttpServletResponse response) {
        if (ConcurrentChange.isConcurrentChange(e)) {
            log.info("Staff page refused, the case changed concurrently: {}", CauseChain.of(e));
            return page("Probeer het opnieuw", FaultTexts.CHANGED_MEANWHILE, HttpStatus.CONFLICT);
        }
        log.error("Staff page failed; nothing was stored: {}", CauseChain.of(e));
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        return page("Er is een storing", FaultTexts.NOTHING_STORED_TRY_LATER, HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static ModelAndView page(String heading, String message, HttpStatus status) {
        ModelAndView page = new ModelAndView("casework/storing", status);
        page.addObject("heading", heading);
        page.addObject("message", message);
        return page;
    }
}
