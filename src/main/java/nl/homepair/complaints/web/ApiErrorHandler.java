package nl.homepair.complaints.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.security.SecurityHeadersFilter;
import nl.homepair.complaints.text.FaultTexts;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns bad input into {@code 400 {"errors":[{"field":…,"message":…}]}} with Dutch
 * messages, and never into a 500.
 */
@RestControllerAdvice(basePackages = "nl.homepair.complaints")
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    /**
     * A refusal of what was sent: each field with what is wrong with it, and a {@code message} as every other refusal
     * of the API has (the first field's, and how many more), so that a client reads {@code message} whatever the status.
     */
    public record Errors(String message, List<FieldError> errors) {

        public Errors(List<FieldError> errors) {
            this(summary(errors), errors);
        }

        static String summary(List<FieldError> errors) {
            if (errors.isEmpty()) {
                return "De aanvraag is niet in orde.";
            }
            String first = errors.get(0).field() + ": " + errors.get(0).message();
            return errors.size() == 1 ? first : first + " (en " + (errors.size() - 1)
                    + (errors.size() == 2 ? " ander veld)" : " andere velden)");
        }
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<Errors> invalid(InvalidSubmissionException e) {
        return ResponseEntity.badRequest().body(new Errors(e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Errors> unreadable(HttpMessageNotReadableException e) {
        if (CauseChain.causes(e).anyMatch(SecurityHeadersFilter.BodyTooLarge.class::isInstance)) {
            // a body sent without its length (chunked), cut off at the limit
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(new Errors(List.of(new FieldError("body", SecurityHeadersFilter.TOO_LARGE))));
        }
        String field = "body";
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Class<?> expected = mapping instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                    ? mismatch.getTargetType() : null;
            return ResponseEntity.badRequest().body(new Errors(List.of(
                    new FieldError(field, "Dit veld heeft een verkeerde vorm; verwacht wordt " + expectedForm(expected) + "."))));
        }
        if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
            // valid JSON of another shape: an array, a string or a number where one object is asked
            return ResponseEntity.badRequest().body(new Errors(List.of(
                    new FieldError(field, "De aanvraag heeft een verkeerde vorm; verwacht wordt één JSON-object met de velden."))));
        }
        return ResponseEntity.badRequest().body(new Errors(List.of(
                new FieldError(field, "De aanvraag is geen geldige JSON."))));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Errors> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(multipartErrors(e));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Errors> missingPart(MissingServletRequestPartException e) {
        return ResponseEntity.badRequest().body(new Errors(List.of(
                new FieldError(e.getRequestPartName(), "Dit deel van het formulier ontbreekt."))));
    }

    /** The form a JSON field of this type takes, in the words of the API's messages. */
    static String expectedForm(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true of false";
        }
        if (type != null && (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class))) {
            return "een getal";
        }
        if (type != null && (java.util.Collection.class.isAssignableFrom(type) || type.isArray())) {
            return "een lijst";
        }
        if (type != null && type.isRecord()) {
            return "een object";
        }
        return "tekst";
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<?> badMultipart(MultipartException e) {
        if (isOurFault(e)) {
            return unavailable(e);
        }
        return ResponseEntity.badRequest().body(multipartErrors(e));
    }

    /**
     * A multipart body that could not be read for a reason of ours, not of its bytes: the folder the parts are written
     * to is gone (a clean-up of {@code /tmp}) or the disk is full. A 400 would tell the platform not to send it again,
     * and the complaint with its files would be lost; it is a fault, answered as one (503, try again).
     */
    public static boolean isOurFault(MultipartException e) {
        return !(e instanceof MaxUploadSizeExceededException) && CauseChain.causes(e).anyMatch(cause ->
                cause instanceof java.io.IOException io && io.getMessage() != null
                        && (io.getMessage().contains("temporary upload location") || io.getMessage().contains("No space left")
                        || io.getMessage().contains("not valid") && io.getMessage().contains("location")));
    }

    /**
     * A path or query value of the wrong form ({@code /evidence/abc} where a number is asked) or a query parameter left
     * out: the caller's, answered as a bad field.
     */
    @ExceptionHandler({org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class})
    ResponseEntity<Errors> badParameter(Exception e, HttpServletRequest request) throws Exception {
        ApiRequestErrors.requireApi(request, e);
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch) {
            return ResponseEntity.badRequest().body(new Errors(List.of(new FieldError(mismatch.getName(),
                    "Deze waarde heeft een verkeerde vorm; verwacht wordt " + expectedForm(mismatch.getRequiredType()) + "."))));
        }
        var missing = (org.springframework.web.bind.MissingServletRequestParameterException) e;
        return ResponseEntity.badRequest().body(new Errors(List.of(new FieldError(missing.getParameterName(),
                "Deze parameter ontbreekt."))));
    }

    /**
     * Anything else that goes wrong in an API request is a fault of ours, answered as the API promises one (503, nothing
     * stored, try again), never Spring's English 500; a framework exception that carries a status of its own keeps it.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<?> fault(RuntimeException e, HttpServletRequest request) throws Exception {
        ApiRequestErrors.requireApi(request, e);
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // Spring's own, with its status
        }
        return unavailable(e);
    }

    /**
     * A multipart body that cannot be read: too large, or broken. Also used by
     * {@link MultipartFailureResolver}, for bodies that fail before a controller is chosen.
     */
    static Errors multipartErrors(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return new Errors(List.of(new FieldError("evidence", "De bestanden zijn samen te groot om te versturen.")));
        }
        return new Errors(List.of(new FieldError("body", "Het formulier kon niet worden gelezen.")));
    }

    /**
     * A fault, not bad input: nothing was stored, and the caller may simply try again. Also
     * JPA's own exceptions, which pages that query through the entity manager directly (the
     * case overview, the figures) get untranslated when the database goes away mid-request.
     */
    @ExceptionHandler({ProcessEngineException.class, DataAccessException.class, TransactionException.class,
            PersistenceException.class})
    ResponseEntity<Map<String, String>> unavailable(RuntimeException e) {
        nl.homepair.complaints.complaint.RefusedChange refused = EngineApiErrors.refusal(e);
        if (refused != null) {
            // the procedure refuses this step (a model that would end the case without closing it): the same request
            // fails the same way until the model is mended, so no Retry-After; the reason is in Dutch
            log.warn("Request refused by the procedure: {}", refused.getMessage());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", refused.getMessage()));
        }
        if (nl.homepair.complaints.diagnostics.ConcurrentChange.isConcurrentChange(e)
                && !nl.homepair.complaints.diagnostics.ConcurrentChange.isParentGone(e)) {
            // the case changed at the same moment (a job, another node, a second message): nobody's fault, nothing
            // stored, and the same request a moment later goes through (409 with Retry-After); an execution's parent
            // gone may be a broken execution tree that says so every time, and stays a fault below
            log.info("Request refused, the case changed concurrently: {}", CauseChain.of(e));
            return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(Map.of("message", FaultTexts.CHANGED_MEANWHILE_TRY_AGAIN));
        }
        // the cause chain, with the values that database messages quote left out (personal data)
        log.error("Request failed; nothing was stored: {}", CauseChain.of(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60")
                .body(Map.of("message", FaultTexts.NOTHING_STORED_TRY_LATER));
    }

    /**
     * A refusal in the procedure's terms: not found 404, not allowed 403, not now 409; not yet 409 with
     * {@code Retry-After}, the one refusal that the same request mends by itself a minute later.
     */
    @ExceptionHandler(CaseRefused.class)
    ResponseEntity<Map<String, String>> refused(CaseRefused e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case NOT_NOW, NOT_YET -> HttpStatus.CONFLICT;
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (e.kind() == CaseRefused.Kind.NOT_YET) {
            answer.header(HttpHeaders.RETRY_AFTER, "60");
        }
        return answer.body(Map.of("message", e.reason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, String>> status(ResponseStatusException e) {
        String reason = e.getReason() != null ? e.getReason() : HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase();
        // with the exception's own headers (a 405's Allow)
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(Map.of("message", reason));
    }
}
