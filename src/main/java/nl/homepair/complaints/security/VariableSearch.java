package nl.homepair.complaints.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * A search of cases by the value of a variable ({@code variables=complainantEmail_like_a%}, {@code processVariables},
 * in a query string or a JSON query, also nested as a batch's {@code processInstanceQuery} or Cockpit's list of a
 * process's instances). The engine checks such a query against the permission to read the instances
 * ({@code READ_INSTANCE}), never against the permission to read their variables: a manager (who sees where every case
 * waits) or a handler (who sees where its team's process's cases wait) could read any variable of any case one
 * character at a time from the counts (R12). Only those who may read the variables of every instance they may see
 * search by them: administrators, and team leads and directors who are neither managers nor handlers.
 */
final class VariableSearch extends BufferedBody {

    /** A query that is longer is no search a person makes. */
    static final int MAX_BYTES = 64 * 1024;

    /** The engine REST resources whose queries filter instances by variable values. */
    static final Set<String> RESOURCES = Set.of("process-instance", "execution", "history/process-instance", "history/task");

    /** Cockpit's own queries of a process's instances (its search bar filters them by variable too). */
    static final String COCKPIT_PLUGINS = "/camunda/api/cockpit/plugin/";

    static final Set<String> KEYS = Set.of("variables", "processVariables", "taskVariables", "caseInstanceVariables");

    static final String REFUSAL = "Zoeken op de waarde van een variabele is voorbehouden aan wie de variabelen van alle zaken"
            + " mag lezen: de waarden zijn persoonsgegevens. Zoek een zaak op referentie (businessKey) of op /zaken.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean filters;

    private VariableSearch(HttpServletRequest request) throws IOException {
        super(request, MAX_BYTES);
        filters = !complete() || inBody(body());
    }

    /** Whether a member of these groups may search instances by a variable's value. */
    static boolean mayUse(Collection<String> groups, HandlerGroups handlerGroups) {
        if (groups.contains(Groups.ADMINS)) {
            return true;
        }
        boolean readsAllItSees = groups.contains(Groups.TEAM_LEADS) || groups.contains(Groups.DIRECTORS);
        return readsAllItSees && !groups.contains(Groups.MANAGERS) && groups.stream().noneMatch(handlerGroups::includes);
    }

    /**
     * The request to hand on when it searches by no variable value: as it came, or its body read here; null when it
     * does search by one (or its body is too long to tell).
     */
    static HttpServletRequest unlessItFilters(HttpServletRequest request) throws IOException {
        if (inQueryString(request)) {
            return null;
        }
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method)) {
            return request;
        }
        VariableSearch read = new VariableSearch(request);
        return read.filters ? null : read;
    }

    private static boolean inQueryString(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name;
            try {
                name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException unreadable) {
                return true; // cannot be told apart from a search by a variable: refused
            }
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (KEYS.contains(name) && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    static boolean inBody(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try {
            return filters(JSON.readTree(body));
        } catch (IOException notJson) {
            return true; // cannot be told apart from a search by a variable: refused (Camunda would refuse it too)
        }
    }

    private static boolean filters(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                // a query's filters are a list ({"name": …, "operator": "like", "value": …}); a map of variables is what
                // a start or a message sets, not a search
                if (KEYS.contains(field.getKey()) && field.getValue().isArray() && field.getValue().size() > 0) {
                    return true;
                }
                if (filters(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (filters(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
