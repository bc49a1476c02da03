package nl.homepair.complaints.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the top-level {@code processes/} and {@code forms/} (packaged on the classpath
 * under the same names) as one deployment with stable resource names such as
 * {@code processes/complaintProcedure.bpmn}. Unchanged models create no new version,
 * whether the application runs from the IDE, {@code mvn spring-boot:run} or the jar.
 */
@Component
public class ModelDeployer extends AbstractProcessEnginePlugin {

    public static final String DEPLOYMENT_NAME = "klachtenprocedure";
    static final String[] PATTERNS = {
        "classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form"};

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(false);
        List<String> names = new ArrayList<>();
        for (Resource resource : resources()) {
            String name = stableName(resource);
            try (InputStream in = resource.getInputStream()) {
                builder.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read model " + name, e);
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("No models found on the classpath under processes/ or forms/");
        }
        Deployment deployment = builder.deploy();
        log.info("Models {} are in deployment {}", names, deployment.getId());
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
