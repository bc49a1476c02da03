package nl.homepair.complaints.tasklist;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.homepair.complaints.diagnostics.CauseChain;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The case file in a form is current (issue 10): when Tasklist (or a client of the engine
 * REST API) reads a task's form variables, the task's case file is refreshed first, so chat
 * messages, notes, mails and answers that arrived while the task was open show. Only for a
 * signed-in caller: Tasklist's session, or the Basic credentials the engine REST filter
 * accepted. A failure to refresh is logged and the form opens with what the task holds.
 */
public class FreshCaseFileFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FreshCaseFileFilter.class);
    static final Pattern FORM_VARIABLES =
            Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/form-variables/?$");

    private final TaskCaseFile caseFile;
    private final IdentityService identityService;

    public FreshCaseFileFilter(TaskCaseFile caseFile, IdentityService identityService) {
        this.caseFile = caseFile;
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher form = FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if ("GET".equals(request.getMethod()) && form.matches() && signedIn(request)) {
            try {
                caseFile.refresh(form.group(1));
            } catch (RuntimeException e) {
                log.warn("Could not refresh the case file of task {}: {}", form.group(1), CauseChain.of(e));
            }
        }
        chain.doFilter(request, response);
    }

    private boolean signedIn(HttpServletRequest request) {
        if (identityService.getCurrentAuthentication() != null) {
            return true; // the engine REST filter accepted the caller's credentials
        }
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return authentications != null && !authentications.getAuthentications().isEmpty();
    }
}
