package nl.homepair.complaints.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseAccess;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The case file in a form is current (issues 10 and 16): when Tasklist (or a client of the
 * engine REST API) reads a task's form variables and the engine answers, the case file
 * ({@link TaskCaseFile#of(String, CaseAccess.Scope)}) is added to that answer as string
 * variables, so chat messages, notes, mails and answers that arrived while the task was open
 * show, and nothing of it is written into the engine. Only for a signed-in caller who may see
 * the case ({@link #scopeOf}: of Tasklist's session, or of the Basic credentials the engine
 * REST filter accepted) and whom the engine answered 200: a caller without the right to the
 * task's variables gets the engine's refusal, unchanged, and a task given to someone who may
 * not see the case (a model's mistake) shows the engine's variables only, without the copies
 * older tasks still hold. With
 * {@code variableNames} only the case file variables named there are added. A failure to
 * make the case file is logged and the form opens with what the engine answered.
 */
public class FreshCaseFileFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FreshCaseFileFilter.class);
    static final Pattern FORM_VARIABLES =
            Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/form-variables/?$");

    private final TaskCaseFile caseFile;
    private final IdentityService identityService;
    private final ObjectMapper json;
    private final HandlerGroups handlerGroups;

    public FreshCaseFileFilter(TaskCaseFile caseFile, IdentityService identityService, ObjectMapper json,
                               HandlerGroups handlerGroups) {
        this.handlerGroups = handlerGroups;
        this.caseFile = caseFile;
        this.identityService = identityService;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher form = FORM_VARIABLES.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!"GET".equals(request.getMethod()) || !form.matches()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CaseAccess.Scope> scope = scopeOf(callerGroups(request));
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (answer.getStatus() == HttpStatus.OK.value()) {
            try {
                byte[] amended = withCaseFile(answer.getContentAsByteArray(), form.group(1), scope,
                        request.getParameter("variableNames"));
                if (amended != null) {
                    answer.resetBuffer();
                    answer.getOutputStream().write(amended);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not add the case file to the form of task {}: {}", form.group(1), CauseChain.of(e));
            }
        }
        answer.copyBodyToResponse();
    }

    /**
     * Who may see the case file of a task the engine let them read: staff as {@link CaseAccess} has
     * it (with the groups of handlers the deployed models give cases to), and the members of any other
     * group a task was given to by hand; nobody of a group that may not see cases (managers, the
     * platform) on that account alone.
     */
    Optional<CaseAccess.Scope> scopeOf(List<String> groups) {
        return CaseAccess.scopeOf(groups, handlerGroups).or(() -> groups.stream().anyMatch(group -> !Groups.WITHOUT_CASES.contains(group))
                ? Optional.of(CaseAccess.Scope.EVERY_CASE) : Optional.empty());
    }

    /**
     * The engine's answer with the case file as it is now in place of any copy an older task still
     * holds (those copies are left out for a caller who may not see the case), or null when the
     * answer stays as it is.
     */
    private byte[] withCaseFile(byte[] engineAnswer, String taskId, Optional<CaseAccess.Scope> scope, String variableNames)
            throws IOException {
        if (!(json.readTree(engineAnswer) instanceof ObjectNode variables)) {
            return null;
        }
        int engineVariables = variables.size();
        variables.remove(TaskCaseFile.NAMES);
        boolean oldCopyLeftOut = variables.size() != engineVariables;
        Predicate<String> asked = asked(variableNames);
        Map<String, Object> file = scope.map(s -> caseFile.of(taskId, s)).orElse(Map.of());
        if (file.keySet().stream().noneMatch(asked) && !oldCopyLeftOut) {
            return null;
        }
        file.forEach((name, value) -> {
            if (asked.test(name)) {
                ObjectNode variable = variables.putObject(name);
                variable.put("type", "String");
                variable.put("value", (String) value);
                variable.putObject("valueInfo");
            }
        });
        return json.writeValueAsBytes(variables);
    }

    private static Predicate<String> asked(String variableNames) {
        if (variableNames == null) {
            return name -> true;
        }
        Set<String> names = Arrays.stream(variableNames.split(",")).map(String::strip).collect(Collectors.toSet());
        return names::contains;
    }

    /** The groups of the signed-in caller: of the Basic credentials the engine REST filter accepted, or of Tasklist's session. */
    private List<String> callerGroups(HttpServletRequest request) {
        Authentication engineCaller = identityService.getCurrentAuthentication();
        if (engineCaller != null) {
            return engineCaller.getGroupIds() == null ? List.of() : engineCaller.getGroupIds();
        }
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return List.of();
        }
        return authentications.getAuthentications().stream().filter(UserAuthentication.class::isInstance)
                .map(UserAuthentication.class::cast).filter(user -> user.getGroupIds() != null)
                .flatMap(user -> user.getGroupIds().stream()).toList();
    }
}
