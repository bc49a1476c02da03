package nl.homepair.complaints.web;

import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletResponse;
import nl.homepair.complaints.casework.CaseworkController;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.reporting.ReportPageController;
import org.camunda.bpm.engine.ProcessEngineException;
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
 * read: 503 with the Dutch message of {@link ApiErrorHandler}, not that handler's JSON. The
 * case page's timeline, which fetches itself again, keeps what it shows on any answer but 200.
 */
@ControllerAdvice(assignableTypes = {CaseworkController.class, ReportPageController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StaffPageUnavailable {

    private static final Logger log = LoggerFactory.getLogger(StaffPageUnavailable.class);

    @ExceptionHandler({ProcessEngineException.class, DataAccessException.class, TransactionException.class,
            PersistenceException.class})
    ModelAndView unavailable(RuntimeException e, HttpServletResponse response) {
        log.error("Staff page failed; nothing was stored: {}", CauseChain.of(e));
        response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        ModelAndView page = new ModelAndView("casework/storing", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("message", ApiErrorHandler.UNAVAILABLE);
        return page;
    }
}
