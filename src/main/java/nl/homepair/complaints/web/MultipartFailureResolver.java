package nl.homepair.complaints.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A broken multipart body on {@code /api} answers 400 with a field error, not 500. The
 * dispatcher reads multipart bodies before it picks a controller, so the advice in
 * {@link ApiErrorHandler} (bound to our controllers) never sees these failures.
 */
@Component
class MultipartFailureResolver implements HandlerExceptionResolver, Ordered {

    private final ObjectMapper json;

    MultipartFailureResolver(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(ex instanceof MultipartException multipart) || !path.startsWith("/api/")) {
            return null;
        }
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (ApiErrorHandler.isOurFault(multipart)) {
                org.slf4j.LoggerFactory.getLogger(MultipartFailureResolver.class).error(
                        "Upload to {} failed on this node's disk; nothing was stored: {}", path,
                        nl.homepair.complaints.diagnostics.CauseChain.of(multipart));
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "60");
                json.writeValue(response.getWriter(), java.util.Map.of("message",
                        nl.homepair.complaints.text.FaultTexts.NOTHING_STORED_TRY_LATER));
                return new ModelAndView();
            }
            response.setStatus(multipart instanceof org.springframework.web.multipart.MaxUploadSizeExceededException
                    ? HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE : HttpServletResponse.SC_BAD_REQUEST);
            json.writeValue(response.getWriter(), ApiErrorHandler.multipartErrors(multipart));
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
