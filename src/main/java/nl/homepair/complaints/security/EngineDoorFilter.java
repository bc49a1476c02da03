package nl.homepair.complaints.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import nl.homepair.complaints.web.EngineApiErrors;
import nl.homepair.complaints.web.RequestPaths;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the engine's own authorizations leave open on its two HTTP faces, the engine REST
 * API ({@code /engine-rest}, HTTP Basic) and the web applications' copy of it
 * ({@code /camunda/api/engine}, session of Tasklist or Cockpit):
 * <ul>
 *   <li>every password is checked through {@link PasswordCheck} (throttled per client
 *       address and user) before Camunda's own authentication or login sees it;</li>
 *   <li>jobs, job definitions, incidents, job logs, batches, external tasks, metrics and
 *       the history clean-up are for administrators: the engine lets any user see and
 *       suspend, postpone or run jobs that belong to no process, such as the history
 *       clean-up (R13). Cockpit's views of one process stay open to the engine's
 *       authorizations;</li>
 *   <li>{@code identity/verify} is closed: it would test anyone's password;</li>
 *   <li>a password change is checked against the caller's current password here, throttled
 *       like a login ({@link PasswordConfirmation}); a chosen password (a change, a new user)
 *       against the password policy ({@link ChosenPassword});</li>
 *   <li>a state-changing request of another site's page is refused ({@link CrossSiteRequests});
 *       the web applications have Camunda's own CSRF token.</li>
 * </ul>
 */
public class EngineDoorFilter extends OncePerRequestFilter {

    static final String ENGINE_REST = "/engine-rest/";
    static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/";
    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

    /** Engine REST resources (first path segment, or "history/…") that only administrators use. */
    static final Set<String> ADMIN_ONLY = Set.of("job", "job-definition", "incident", "batch", "external-task",
            "metrics", "schema", "telemetry", "history/job-log", "history/incident", "history/cleanup",
            "history/batch", "history/external-task-log",
            // instance-wide operations by a query, messages and signals by correlation: the engine lists the matching
            // instances before it checks the caller's right to change them, so "none match" (400) and "not allowed"
            // (403) would tell anyone a variable's value; the application sends its messages itself
            "modification", "migration", "message", "signal", "condition");

    /** Query parameters with which Cockpit reads the jobs and incidents of one process. */
    static final Set<String> PROCESS_SCOPE = Set.of("processInstanceId", "processDefinitionId", "processDefinitionKey",
            "executionId", "activityId");

    static final String ADMIN_REFUSAL = "Alleen beheerders mogen taken van de engine, incidenten en het opschonen van de historie inzien of wijzigen.";
    static final String VERIFY_REFUSAL = "Wachtwoorden controleren via de API is uitgeschakeld.";
    static final String NO_GROUP_REFUSAL = "Je account hoort bij geen enkele groep (meer) en heeft hier geen toegang;"
            + " vraag een beheerder om je aan een groep toe te voegen.";
    static final String WRONG_CURRENT_PASSWORD = "Je huidige wachtwoord klopt niet.";
    static final String PLATFORM_REFUSAL = "Dit account is alleen voor de klachten-API (/api/complaints); de engine en de"
            + " webapplicaties zijn voor medewerkers.";

    private final PasswordCheck passwords;
    private final IdentityService identity;
    private final HandlerGroups handlerGroups;

    public EngineDoorFilter(PasswordCheck passwords, IdentityService identity, HandlerGroups handlerGroups) {
        this.passwords = passwords;
        this.identity = identity;
        this.handlerGroups = handlerGroups;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.mapped(request);
        if (path.startsWith(ENGINE_REST)) {
            engineRest(request, response, chain, path, resource(path.substring(ENGINE_REST.length()), true));
        } else if (path.startsWith(WEBAPP_ENGINE)) {
            String rest = path.substring(WEBAPP_ENGINE.length());
            webappEngine(request, response, chain, path, rest.split("/")[0], resource(rest, false));
        } else if (path.startsWith(WEBAPP_LOGIN) && path.contains("/login/") && "POST".equals(request.getMethod())) {
            webappLogin(request, response, chain);
        } else if (path.startsWith(VariableSearch.COCKPIT_PLUGINS)) {
            HttpSession session = request.getSession(false);
            Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
            List<String> groups = authentications == null ? List.of() : authentications.getAuthentications().stream()
                    .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast)
                    .flatMap(user -> user.getGroupIds() == null ? java.util.stream.Stream.<String>empty() : user.getGroupIds().stream())
                    .toList();
            HttpServletRequest searching = searchAllowed(request, groups);
            if (searching == null) {
                Refusals.forbidden(response, VariableSearch.REFUSAL);
            } else {
                chain.doFilter(searching, response); // without a session Camunda answers 401
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private void engineRest(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
                            String resource) throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        Optional<BasicCredentials> credentials = BasicCredentials.from(header);
        if (credentials.isEmpty() && header != null) {
            // Camunda's own decoder skips what is not Base64 ("ZGly*ZWN0..." reads as a user and password),
            // so a header this door cannot read would have its password checked unthrottled and its
            // request let past the checks below: refused here
            Refusals.unauthorized(response);
            return;
        }
        if (credentials.isEmpty()) {
            chain.doFilter(request, response); // Camunda's filter answers 401; /engine-rest/engine stays open
            return;
        }
        Optional<Authentication> caller = passwords.authenticate(request, response, credentials.get());
        if (caller.isEmpty()) {
            return;
        }
        if (machineUser(caller.get().getGroupIds())) {
            // the platform's account uses the application's API only; the engine would grant it its own user record
            // (deleted, or given another password: every intake refused)
            Refusals.forbidden(response, PLATFORM_REFUSAL);
            return;
        }
        if (inNoGroup(caller.get().getGroupIds(), path, resource, caller.get().getUserId())) {
            // someone taken out of every group in Admin (left, on leave) whose account stays: what the engine still grants
            // the person itself (the history of the tasks they held) is not theirs to read any more; their own account
            // (a new colleague setting their password before an administrator adds them to a group) stays theirs
            Refusals.forbidden(response, NO_GROUP_REFUSAL);
            return;
        }
        if (refused(request, response, resource, caller.get().getGroupIds(), false)) {
            return;
        }
        HttpServletRequest searching = VariableSearch.RESOURCES.contains(resource)
                ? searchAllowed(request, caller.get().getGroupIds()) : request;
        if (searching == null) {
            Refusals.forbidden(response, VariableSearch.REFUSAL);
            return;
        }
        passOn(searching, response, chain, caller.get().getUserId(), path, PasswordConfirmation.isOne(request, path, resource),
                ChosenPassword.isUserCreation(request, path, resource));
    }

    private void webappEngine(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
                              String engine, String resource) throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null && authentications.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication user) {
            List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
            if (machineUser(groups)) {
                Refusals.forbidden(response, PLATFORM_REFUSAL);
                return;
            }
            if (inNoGroup(groups, path, resource, user.getIdentityId())) {
                // Camunda lets any password into its welcome page, whose engine API then answers them
                Refusals.forbidden(response, NO_GROUP_REFUSAL);
                return;
            }
            if (!refused(request, response, resource, groups, processList(path, resource))) {
                HttpServletRequest searching = VariableSearch.RESOURCES.contains(resource) ? searchAllowed(request, groups) : request;
                if (searching == null) {
                    Refusals.forbidden(response, VariableSearch.REFUSAL);
                    return;
                }
                // without the session's CSRF token Camunda's filter refuses it after us: another site's page
                // gets no password checked or counted
                boolean ownSite = withSessionToken(request, session);
                passOn(searching, response, chain, user.getIdentityId(), path,
                        PasswordConfirmation.isOne(request, path, resource) && ownSite,
                        ChosenPassword.isUserCreation(request, path, resource) && ownSite);
            }
            return;
        }
        chain.doFilter(request, response); // without a session Camunda answers 401
    }

    /** Whether the request carries the session's CSRF token (Camunda's filter checks it after us). */
    private static boolean withSessionToken(HttpServletRequest request, HttpSession session) {
        Object token = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return token != null && sent != null
                && MessageDigest.isEqual(token.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Hands an allowed request on to Camunda; a password change first has the caller's
     * current password checked here, throttled ({@link PasswordCheck#confirm}).
     */
    private void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String userId,
                        String path, boolean passwordChange, boolean userCreation) throws IOException, ServletException {
        if (userCreation) {
            ChosenPassword.NewUser user = new ChosenPassword.NewUser(request);
            if (user.weak(identity)) {
                Refusals.write(response, HttpServletResponse.SC_BAD_REQUEST, EngineApiErrors.WEAK_PASSWORD);
            } else {
                chain.doFilter(user, response);
            }
            return;
        }
        if (!passwordChange) {
            chain.doFilter(request, response);
            return;
        }
        PasswordConfirmation change = new PasswordConfirmation(request);
        switch (passwords.confirm(request.getRemoteAddr(), userId, change.password())) {
            case THROTTLED -> Refusals.throttled(response, passwords.retryAfterConfirmSeconds(request.getRemoteAddr(), userId));
            case REFUSED -> Refusals.write(response, HttpServletResponse.SC_BAD_REQUEST, WRONG_CURRENT_PASSWORD);
            case UNAVAILABLE -> Refusals.unavailable(response);
            case ACCEPTED -> {
                if (ChosenPassword.weakChange(identity, path, change)) {
                    Refusals.write(response, HttpServletResponse.SC_BAD_REQUEST, EngineApiErrors.WEAK_PASSWORD);
                } else {
                    chain.doFilter(change, response);
                }
            }
        }
    }

    private void webappLogin(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        LoginForm form = new LoginForm(request);
        switch (passwords.check(request.getRemoteAddr(), form.field("username"), form.field("password"))) {
            case THROTTLED -> Refusals.throttled(response, passwords.retryAfterSeconds(request.getRemoteAddr(), form.field("username")));
            case REFUSED -> Refusals.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Gebruikersnaam of wachtwoord onjuist.");
            case UNAVAILABLE -> Refusals.unavailable(response);
            case ACCEPTED -> {
                String user = form.field("username");
                List<String> groups;
                try {
                    groups = user == null ? List.of() : identity.createGroupQuery().groupMember(user).list().stream()
                            .map(org.camunda.bpm.engine.identity.Group::getId).toList();
                } catch (RuntimeException unreachable) {
                    Refusals.unavailable(response); // the database: as the password check answers it
                    return;
                }
                if (machineUser(groups)) {
                    Refusals.forbidden(response, PLATFORM_REFUSAL);
                } else {
                    chain.doFilter(form, response);
                }
            }
        }
    }

    /** The platform's account (a machine in no other group): the application's API is its only door. */
    private static boolean machineUser(List<String> groups) {
        return groups != null && groups.contains(Groups.PLATFORM) && groups.stream().allMatch(Groups.PLATFORM::equals);
    }

    /**
     * Whether the web applications' request is Cockpit's list (or count) of the jobs, job definitions or incidents of
     * one process: {@code …/job?processInstanceId=…}, not one job by its id, nor the history clean-up or a batch.
     */
    /**
     * The caller's own password and profile, and the password rules, in the REST API (with or without a named engine)
     * and in the web applications' copy of it (the welcome page's profile, which anyone with a password reaches).
     */
    static boolean ownAccount(String path, String resource, String userId) {
        String own = ("/user/" + userId + "/").toLowerCase(Locale.ROOT);
        String lower = path.toLowerCase(Locale.ROOT);
        return resource.equals("identity/password-policy")
                || resource.equals("user") && (lower.endsWith(own + "credentials") || lower.endsWith(own + "profile"));
    }

    /** Someone taken out of every group in Admin whose account stays, asking more than their own account. */
    private static boolean inNoGroup(List<String> groups, String path, String resource, String userId) {
        return (groups == null || groups.isEmpty()) && !ownAccount(path, resource, userId);
    }

    static boolean processList(String path, String resource) {
        String lower = path.toLowerCase(Locale.ROOT);
        return COCKPIT_LISTS.contains(resource) && (lower.endsWith("/" + resource) || lower.endsWith("/" + resource + "/count"));
    }

    /** The admin-only resources Cockpit lists for one process. */
    static final Set<String> COCKPIT_LISTS = Set.of("job", "job-definition", "incident", "external-task", "history/job-log",
            "history/incident");

    private boolean refused(HttpServletRequest request, HttpServletResponse response, String resource, List<String> groups,
                            boolean cockpit) throws IOException {
        if (resource.equals("identity/verify")) {
            Refusals.forbidden(response, VERIFY_REFUSAL);
            return true;
        }
        if (adminOnly(resource) && !groups.contains(Groups.ADMINS)
                && !(cockpit && "GET".equals(request.getMethod()) && scopedToAProcess(request))) {
            Refusals.forbidden(response, ADMIN_REFUSAL);
            return true;
        }
        if (resource.equals("task") && !groups.contains(Groups.ADMINS)
                && UNCHECKED_TASK_PARTS.matcher(RequestPaths.mapped(request).toLowerCase(Locale.ROOT)).find()) {
            Refusals.forbidden(response, ATTACHMENT_REFUSAL);
            return true;
        }
        return false;
    }

    /**
     * A task's attachments, and one comment by its id: the engine checks no permission for them (only whether the
     * task ever existed, which any former holder of it passes), so whoever knew an id read, replaced or deleted it on
     * another team's task. Tasklist lists and adds comments through the task ({@code task/{id}/comment},
     * {@code …/comment/create}), which stay ({@code engine.CheckedTaskComments} checks the new comment's task and case);
     * a case's files live on the case, not as task attachments.
     */
    static final java.util.regex.Pattern UNCHECKED_TASK_PARTS =
            java.util.regex.Pattern.compile("/task/[^/]+/(attachment(/|$)|comment/(?!create$)[^/]+)");
    static final String ATTACHMENT_REFUSAL = "Bijlagen van taken en losse opmerkingen zijn alleen voor beheerders; de stukken van"
            + " een zaak staan bij de zaak.";

    /** The request to hand on, or null when it searches by a variable's value and these groups may not ({@link VariableSearch}). */
    private HttpServletRequest searchAllowed(HttpServletRequest request, java.util.Collection<String> groups) throws IOException {
        return VariableSearch.mayUse(groups, handlerGroups) ? request : VariableSearch.unlessItFilters(request);
    }

    static boolean adminOnly(String resource) {
        return ADMIN_ONLY.contains(resource) || ADMIN_ONLY.contains(resource.split("/")[0]);
    }

    private static boolean scopedToAProcess(HttpServletRequest request) {
        return PROCESS_SCOPE.stream().anyMatch(name -> {
            String value = request.getParameter(name);
            return value != null && !value.isBlank();
        });
    }



    /**
     * "job", "history/cleanup", "identity/verify": the first one or two segments of an engine
     * REST path, after a named engine ({@code engine/default/…} on /engine-rest, the engine
     * name on the web applications' path).
     */
    static String resource(String rest, boolean namedEngineOptional) {
        String[] segments = rest.toLowerCase(Locale.ROOT).split("/");
        int first = 0;
        if (!namedEngineOptional) {
            first = 1; // "{engine}/job"
        } else if (segments.length > 1 && segments[0].equals("engine")) {
            first = 2; // "engine/{engine}/job"
        }
        if (segments.length <= first) {
            return "";
        }
        String head = segments[first];
        if ((head.equals("history") || head.equals("identity")) && segments.length > first + 1) {
            return head + "/" + segments[first + 1];
        }
        return head;
    }
}
