package nl.homepair.complaints.modeling;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link ModelCheck} on every new deployment, whoever deploys it (Camunda Modeler,
 * the engine REST API, Cockpit, or the application's own {@code ModelDeployer}), before
 * the engine parses a model. A refused deployment stores nothing; the engine REST API
 * answers 400 with every problem in its message, which the Modeler shows.
 */
@Component
public class DeploymentModelCheck extends AbstractProcessEnginePlugin implements Deployer {

    private final ModelCheck check;

    public DeploymentModelCheck(ListableBeanFactory beans) {
        this.check = new ModelCheck(name -> beans.containsBean(name));
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPreDeployers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
        deployers.add(0, this);
        configuration.setCustomPreDeployers(deployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return; // deployed before: already checked, or from before this check existed
        }
        List<String> problems = new ArrayList<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            problems.addAll(check.problems(resource.getName(), resource.getBytes()));
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("Deployment geweigerd (deployment refused): " + String.join("; ", problems)
                    + ". Toegestaan zijn de gepubliceerde beans " + String.join(", ", PublishedBeans.NAMES.stream().sorted().toList())
                    + ", variabelen via execution/task en gewone operatoren; zie docs/modeling.md.");
        }
    }
}
