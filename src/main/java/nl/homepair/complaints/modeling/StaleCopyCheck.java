package nl.homepair.complaints.modeling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.engine.ModelDeployer;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * A manager's process model made on a copy from before the application's newest release: the Modeler deploys it
 * without complaint, and new cases run without what that release added (a fix, a step), while a restart keeps it
 * live. Such a copy is recognised by lacking every element the newest release added to the process, compared with
 * the release before it: a manager who changes a step keeps the rest, a stale copy never had them. Only the
 * application's own releases count ({@link ModelDeployer#DEPLOYMENT_NAME}); with fewer than two there is nothing to
 * compare. A deployment whose name contains {@link #ON_PURPOSE} leaves them out deliberately; later edits of such a
 * version (the live one goes without them too) are no stale copies.
 */
final class StaleCopyCheck {

    /** In the name of a deployment (the Modeler's deploy dialog): the newest release's additions are left out on purpose. */
    static final String ON_PURPOSE = "bewust";

    private static final int NAMED = 5;

    private final RepositoryService repository;
    private final Map<String, Boolean> releases = new HashMap<>();

    StaleCopyCheck(RepositoryService repository) {
        this.repository = repository;
    }

    List<String> problems(Map<String, byte[]> resources, String deploymentName) {
        List<String> problems = new ArrayList<>();
        if (onPurpose(deploymentName)) {
            return problems;
        }
        resources.forEach((name, content) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".bpmn") && !lower.endsWith(".bpmn20.xml")) {
                return;
            }
            ModelCheck.elementsByProcess(content).forEach((key, elements) -> {
                List<ProcessDefinition> lastTwo = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                        .orderByProcessDefinitionVersion().desc().list().stream()
                        .filter(definition -> isRelease(definition.getDeploymentId())).limit(2).toList();
                if (lastTwo.size() < 2) {
                    return;
                }
                Map<String, String> newest = elementsOf(lastTwo.get(0), key);
                Set<String> before = elementsOf(lastTwo.get(1), key).keySet();
                List<String> added = newest.keySet().stream().filter(id -> !before.contains(id)).toList();
                if (added.isEmpty() || added.stream().anyMatch(elements::containsKey)) {
                    return;
                }
                // the live version already goes without them (left out on purpose before): an edit of it is no stale copy
                ProcessDefinition live = repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion()
                        .singleResult();
                if (live != null && !live.getId().equals(lastTwo.get(0).getId())
                        && added.stream().noneMatch(elementsOf(live, key)::containsKey)) {
                    return;
                }
                String named = added.stream().limit(NAMED)
                        .map(id -> newest.get(id).isBlank() ? id : id + " '" + newest.get(id).replaceAll("\\s+", " ") + "'")
                        .collect(Collectors.joining(", ")) + (added.size() > NAMED ? " en " + (added.size() - NAMED) + " meer" : "");
                problems.add(name + ": proces '" + key + "' lijkt gemaakt op een oudere versie. Versie "
                        + lastTwo.get(0).getVersion() + ", die de applicatie zelf deployde, voegde toe: " + named
                        + "; in dit model ontbreken die allemaal, zodat nieuwe zaken zonder zouden lopen. Download de huidige"
                        + " versie (Cockpit, of processes/ in de repository) en breng je wijziging daarin aan; laat je ze bewust"
                        + " weg, zet dan '" + ON_PURPOSE + "' in de naam van de deployment (a copy of an older release)");
            });
        });
        return problems;
    }

    /** Whether a deployment's name says that what it leaves out is left out on purpose ({@link #ON_PURPOSE}). */
    static boolean onPurpose(String deploymentName) {
        return deploymentName != null && deploymentName.toLowerCase(Locale.ROOT).contains(ON_PURPOSE);
    }

    private boolean isRelease(String deploymentId) {
        return releases.computeIfAbsent(deploymentId, id -> {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(id).singleResult();
            return deployment != null && ModelDeployer.DEPLOYMENT_NAME.equals(deployment.getName())
                    && ModelDeployer.DEPLOYMENT_NAME.equals(deployment.getSource());
        });
    }

    private Map<String, String> elementsOf(ProcessDefinition definition, String key) {
        try (InputStream in = repository.getProcessModel(definition.getId())) {
            return ModelCheck.elementsByProcess(in.readAllBytes()).getOrDefault(key, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
