package nl.homepair.complaints.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the top-level {@code processes/} and {@code forms/} (packaged on the classpath
 * under the same names) with stable resource names such as
 * {@code processes/complaintProcedure.bpmn}: the files that changed since its last
 * deployment, and only those. Unchanged models create no new version, whether the
 * application runs from the IDE, {@code mvn spring-boot:run} or the jar, and a release
 * that changes one form does not undo a manager's routing table.
 * It then logs, per process and decision, which version is live, and warns when that is
 * not the repository's model: a manager deployed a newer one from Camunda Modeler, which
 * a restart keeps (the repository's unchanged models are not deployed again).
 */
@Component
public class ModelDeployer extends AbstractProcessEnginePlugin {

    public static final String DEPLOYMENT_NAME = "klachtenprocedure";
    static final String[] PATTERNS = {
        "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"};

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final boolean deployEarlierVersions;

    /**
     * @param deployEarlierVersions {@code homepair.models.deploy-earlier-versions}: a build that carries an earlier
     *                              release's version of a model than a later build deployed (an old node started
     *                              after an upgrade) refuses to start, unless returning to them is meant (a rollback)
     */
    public ModelDeployer(@Value("${homepair.models.deploy-earlier-versions:false}") boolean deployEarlierVersions) {
        this.deployEarlierVersions = deployEarlierVersions;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (Resource resource : resources()) {
            String name = stableName(resource);
            try (InputStream in = resource.getInputStream()) {
                models.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read model " + name, e);
            }
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("No models found on the classpath under processes/ or forms/");
        }
        RepositoryService repository = processEngine.getRepositoryService();
        List<String> earlier = earlierVersions(repository, models);
        if (!earlier.isEmpty()) {
            String what = "This build carries an earlier version of " + earlier + " than the release deployed since by a newer"
                    + " build (" + DEPLOYMENT_NAME + ")";
            if (!deployEarlierVersions) {
                throw new IllegalStateException(what + ": an old node started after an upgrade would make new cases run on"
                        + " the old models again. Start the newer build on this node; to return to these models on purpose"
                        + " (a rollback), set homepair.models.deploy-earlier-versions=true (HOMEPAIR_MODELS_DEPLOYEARLIERVERSIONS)");
            }
            log.warn("{}; deployed again as asked (homepair.models.deploy-earlier-versions)", what);
        }
        Map<String, String> liveBefore = liveDefinitions(repository);
        deploy(repository, models);
        if (!earlier.isEmpty()) {
            casesOfTheReleaseReturnedFrom(processEngine, liveBefore).forEach(line -> log.warn("{}", line));
        } else {
            // a release that changes a process leaves its open cases on the version they started on (and its new mails,
            // steps and checks off them) until a manager moves them: said once, at the start that made the new version
            casesLeftOnTheVersionBefore(processEngine, liveBefore).forEach(line -> log.info("{}", line));
        }
        // deployed for a tenant before the deploy check refused it: no start, routing or check of this application uses it
        boolean tenants = repository.createDeploymentQuery().count() > repository.createDeploymentQuery().withoutTenantId().count();
        (tenants ? repository.createDeploymentQuery().list() : List.<org.camunda.bpm.engine.repository.Deployment>of())
                .stream().filter(d -> d.getTenantId() != null).forEach(d -> log.warn(
                "Deployment '{}' ({}, {}) is for tenant '{}': the procedure uses no tenants and leaves it aside; delete it in"
                        + " Cockpit (Deployments) so that nobody takes it for the live version", d.getName(), d.getId(),
                d.getDeploymentTime(), d.getTenantId()));
    }

    static Map<String, String> liveDefinitions(RepositoryService repository) {
        Map<String, String> live = new LinkedHashMap<>();
        repository.createProcessDefinitionQuery().withoutTenantId().latestVersion().list().forEach(definition -> live.put(definition.getKey(),
                definition.getId()));
        return live;
    }

    /**
     * After a return to earlier models: per process, the open cases that run on the version that was live before it
     * (started under the release returned from), which the earlier code may not fully serve (a bean, mail text or
     * variable it lacks), with how to move them to the version now live.
     */
    static List<String> casesOfTheReleaseReturnedFrom(ProcessEngine engine, Map<String, String> liveBefore) {
        return casesOnTheVersionBefore(engine, liveBefore, "run on the version of the release returned from");
    }

    /** After a release that changed a process: its open cases on the version live before, with how to move them. */
    static List<String> casesLeftOnTheVersionBefore(ProcessEngine engine, Map<String, String> liveBefore) {
        return casesOnTheVersionBefore(engine, liveBefore, "stay on the version live before this release");
    }

    private static List<String> casesOnTheVersionBefore(ProcessEngine engine, Map<String, String> liveBefore, String which) {
        List<String> lines = new ArrayList<>();
        for (ProcessDefinition live : engine.getRepositoryService().createProcessDefinitionQuery().withoutTenantId().latestVersion().list()) {
            String before = liveBefore.get(live.getKey());
            if (before == null || before.equals(live.getId())) {
                continue;
            }
            long open = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(before).count();
            if (open > 0) {
                lines.add(open + " open case(s) of " + live.getKey() + " " + which + " ("
                        + before + "), now version " + live.getVersion() + " is live; move them to it with a dry run first:"
                        + " POST /api/procedure/migration?process=" + live.getKey() + ", then with &dryRun=false"
                        + " (docs/manager-guide.md, section 8)");
            }
        }
        return lines;
    }

    /**
     * The files of {@code models} whose content first appeared in an earlier release than the content the releases
     * deployed last: this build is older than the one that deployed that content (a file a release never deployed is
     * new; one equal to the last deployed is unchanged). Ordered by first appearance, not by the last deployment: an
     * old node that already deployed its older models again (before this check existed, or a rollback) does not make
     * the newer build look old. Only the application's own releases count (name and source {@code klachtenprocedure},
     * as the engine's duplicate filtering compares), not a manager's deployment from the Modeler. An unchanged file
     * costs one read; all versions of a file are read only when it changed, which is once per release.
     */
    static List<String> earlierVersions(RepositoryService repository, Map<String, byte[]> models) {
        List<Deployment> releases = repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
                .deploymentSource(DEPLOYMENT_NAME).orderByDeploymentTime().desc().list();
        Map<String, List<String>> namesByRelease = new LinkedHashMap<>();
        List<String> earlier = new ArrayList<>();
        models.forEach((name, content) -> {
            List<Deployment> holding = releases.stream().filter(release -> namesByRelease
                    .computeIfAbsent(release.getId(), repository::getDeploymentResourceNames).contains(name)).toList();
            if (holding.isEmpty()) {
                return;
            }
            byte[] newest = read(repository, holding.get(0).getId(), name);
            if (Arrays.equals(content, newest)) {
                return;
            }
            // oldest first: when each content was first deployed
            Date newestFirst = null;
            Date buildFirst = null;
            for (int i = holding.size() - 1; i >= 0; i--) {
                Deployment release = holding.get(i);
                byte[] deployed = i == 0 ? newest : read(repository, release.getId(), name);
                if (newestFirst == null && Arrays.equals(deployed, newest)) {
                    newestFirst = release.getDeploymentTime();
                }
                if (buildFirst == null && Arrays.equals(deployed, content)) {
                    buildFirst = release.getDeploymentTime();
                }
            }
            if (buildFirst != null && buildFirst.before(newestFirst)) {
                earlier.add(name);
            }
        });
        return earlier;
    }

    private static byte[] read(RepositoryService repository, String deploymentId, String name) {
        try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deploys the files of {@code models} that changed since this deployer's last deployment,
     * and only those: a file the repository did not change does not become the latest version
     * again, so what a manager deployed from Camunda Modeler stays live until the repository's
     * file itself changes (or is deployed again by hand). Then logs what is live.
     */
    static void deploy(RepositoryService repository, Map<String, byte[]> models) {
        // what a manager deployed (Camunda Modeler) and is live before this release: said aloud if the release replaces it
        Map<String, LiveVersion> managersBefore = new LinkedHashMap<>();
        liveVersions(repository, models).stream()
                // an earlier release's own deployment differs from this release's file too: that is the release, not a manager
                .filter(live -> !live.fromRepository() && !DEPLOYMENT_NAME.equals(live.deploymentName()))
                .forEach(live -> managersBefore.put(live.key(), live));
        DeploymentBuilder builder = repository.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(true); // deploy changed resources only
        models.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
        Deployment deployment = builder.deploy();
        log.info("Models {} are in deployment {}", models.keySet(), deployment.getId());
        for (LiveVersion live : liveVersions(repository, models)) {
            LiveVersion managers = managersBefore.get(live.key());
            if (live.fromRepository() && managers != null) {
                log.warn("{}: this release changed {}, so its model is live again as version {}: version {} from deployment"
                        + " '{}' of {} (e.g. Camunda Modeler) no longer is, and new cases start without that change. Is the"
                        + " change still wanted, make it again in {} and deploy it from Camunda Modeler (docs/manager-guide.md)",
                        live.key(), live.resource(), live.version(), managers.version(), managers.deploymentName(),
                        managers.deployedAt(), live.resource());
            } else if (live.fromRepository()) {
                log.info("{}: version {} is live, the model in {} (deployment '{}' of {})",
                        live.key(), live.version(), live.resource(), live.deploymentName(), live.deployedAt());
            } else {
                log.warn("{}: the engine runs version {} from deployment '{}' of {} (e.g. Camunda Modeler), which differs"
                        + " from {} in the repository; new cases start on version {}. Copy the deployed model into {}"
                        + " (Cockpit, Deployments), or deploy the repository's model again to return to it",
                        live.key(), live.version(), live.deploymentName(), live.deployedAt(), live.resource(),
                        live.version(), live.resource());
            }
        }
    }

    /**
     * The version of each process and decision in the repository's models that new cases
     * start on (the latest), and whether it is the repository's model or one deployed since
     * (from Camunda Modeler, say) that the repository does not have.
     */
    public static List<LiveVersion> liveVersions(RepositoryService repository, Map<String, byte[]> models) {
        List<LiveVersion> versions = new ArrayList<>();
        models.forEach((resource, content) -> {
            boolean process = resource.endsWith(".bpmn");
            if (!process && !resource.endsWith(".dmn")) {
                return;
            }
            for (String key : topLevelIds(resource, content, process ? "process" : "decision")) {
                ResourceDefinition live = process
                        ? repository.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion().singleResult()
                        : repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).withoutTenantId().latestVersion().singleResult();
                if (live != null) {
                    versions.add(live(repository, resource, content, live));
                }
            }
        });
        return versions;
    }

    /**
     * The ids of the {@code <process>} or {@code <decision>} elements directly under the
     * model's {@code <definitions>}: the keys the engine deployed them under. A streaming read,
     * since the model API's validating parse cost more start-up time than the deployment itself
     * (issue 16); the engine has just parsed and checked the same files.
     */
    static List<String> topLevelIds(String resource, byte[] content, String element) {
        List<String> ids = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                int depth = 0;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String id = reader.getAttributeValue(null, "id");
                        if (depth == 2 && element.equals(reader.getLocalName()) && id != null) {
                            ids.add(id);
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot read the model " + resource + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private static LiveVersion live(RepositoryService repository, String resource, byte[] content, ResourceDefinition live) {
        String deploymentId = live.getDeploymentId();
        Deployment deployment = repository.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        byte[] deployed = read(repository, deploymentId, live.getResourceName());
        return new LiveVersion(live.getKey(), live.getVersion(), resource, deployment.getName(), deployment.getDeploymentTime(),
                Arrays.equals(deployed, content));
    }

    /** The version new cases of {@code key} start on, and whether it is the repository's {@code resource}. */
    public record LiveVersion(String key, int version, String resource, String deploymentName, Date deployedAt,
                              boolean fromRepository) {
    }

    static List<Resource> resources() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> resources = new ArrayList<>();
        try {
            for (String pattern : PATTERNS) {
                resources.addAll(List.of(resolver.getResources(pattern)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    /** "processes/x.bpmn" or "forms/y.form", whatever the classpath root looks like. */
    static String stableName(Resource resource) {
        String url;
        try {
            url = resource.getURL().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String folder : new String[] {"processes/", "forms/"}) {
            int at = url.lastIndexOf("/" + folder);
            if (at >= 0) {
                return url.substring(at + 1);
            }
        }
        return resource.getFilename();
    }
}
