package nl.homepair.complaints.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A request to {@code /api/…} that reaches no endpoint (a path that does not exist, a method or a body type the path
 * does not take) is answered as every other refusal of the API: {@code {"message": …}} in Dutch, not Spring's English
 * {@code {"timestamp","status","error","path"}}. These fail before a controller is chosen, where {@link ApiErrorHandler}
 * (ours only) does not apply, so this advice holds for every handler and leaves what is not the API to Spring.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiRequestErrors {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        requireApi(request, e);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "Dit adres bestaat niet in de API: "
                + RequestPaths.mapped(request) + ". De adressen staan in de README (REST-API)."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        HttpHeaders headers = new HttpHeaders();
        if (!allowed.isEmpty()) {
            headers.set(HttpHeaders.ALLOW, allowed);
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(Map.of("message",
                "Dit adres neemt geen " + e.getMethod() + (allowed.isEmpty() ? "." : "; wel " + allowed + ".")));
    }

    /**
     * A body of a type this endpoint does not take: say which it takes (the complaint also as multipart, with its JSON
     * part typed as such; the other endpoints only JSON).
     */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        requireApi(request, e);
        // the complaint itself and an answer with files may also come as multipart
        String path = RequestPaths.mapped(request).replaceAll("/+$", "");
        boolean complaint = path.equals("/api/complaints");
        boolean multipart = complaint || path.endsWith("/information");
        String sent = e.getContentType() == null ? "zonder Content-Type" : "als " + e.getContentType().toString();
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("message", multipart
                ? "De aanvraag kwam " + sent + ". Stuur " + (complaint ? "de klacht" : "het antwoord") + " als application/json,"
                        + " of als multipart/form-data met het deel \"" + (complaint ? "complaint" : "information") + "\" als"
                        + " application/json (bij curl: -F '" + (complaint ? "complaint" : "information") + "={...};type=application/json')."
                : "De aanvraag kwam " + sent + ". Stuur de gegevens als application/json."));
    }

    /** Not the API: Spring answers as it always does (a page's own error page); {@link ApiErrorHandler} asks it too. */
    static void requireApi(HttpServletRequest request, Exception e) throws Exception {
        if (!RequestPaths.mapped(request).startsWith("/api/")) {
            throw e;
        }
    }
}
