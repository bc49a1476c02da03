package nl.homepair.complaints.modeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
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

    private final ListableBeanFactory beans;

    public DeploymentModelCheck(ListableBeanFactory beans) {
        this.beans = beans;
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
        Map<String, byte[]> resources = new LinkedHashMap<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            resources.put(resource.getName(), resource.getBytes());
        }
        CommandContext context = Context.getCommandContext();
        // the application's own release ships its Java with its forms: it may drop a field the code no longer reads;
        // it deploys at start-up without a person (a manager's deployment over REST may name any source)
        boolean release = nl.homepair.complaints.engine.ModelDeployer.DEPLOYMENT_NAME.equals(deployment.getSource())
                && context.getAuthenticatedUserId() == null;
        List<String> problems = new ArrayList<>(context.runWithoutAuthorization(
                () -> new ModelCheck(new EngineEnvironment(context, release, deployment.getName())).problems(resources)));
        if (deployment.getTenantId() != null) {
            // the procedure and its starts know no tenants: a model with one is never the one a complaint starts or
            // a process's routing table reads, and two versions of one key then stop the next start-up's deployment
            problems.add(0, "Tenant ID is ingevuld ('" + deployment.getTenantId() + "'): de klachtenprocedure werkt zonder"
                    + " tenants, dus nieuwe klachten en de procedure zouden deze versie niet gebruiken. Laat in het"
                    + " deploy-venster van de Modeler het veld Tenant ID leeg");
        }
        if (!release) {
            problems.addAll(context.runWithoutAuthorization(() -> new StaleCopyCheck(
                    context.getProcessEngineConfiguration().getRepositoryService()).problems(resources, deployment.getName())));
        }
        if (!problems.isEmpty()) {
            List<String> numbered = new ArrayList<>();
            for (int i = 0; i < problems.size(); i++) {
                numbered.add((i + 1) + ". " + problems.get(i));
            }
            throw new BadUserRequestException("Deployment geweigerd (deployment refused), " + problems.size()
                    + (problems.size() == 1 ? " probleem: " : " problemen: ") + String.join("; ", numbered) + "."
                    // what an expression may use, only where an expression was refused: the list is long
                    + (problems.stream().anyMatch(problem -> problem.contains("bean") || problem.contains("expression"))
                            ? " Toegestaan zijn de gepubliceerde beans " + String.join(", ", PublishedBeans.NAMES.stream().sorted().toList())
                                    + ", variabelen via execution/task en gewone operatoren; zie docs/modeling.md." : "")
                    + " De vorige versie blijft in gebruik (the running version keeps serving).");
        }
        if (!release) {
            // a model may give cases to a new group of handlers: its members get the handlers' rights once it is stored
            context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> beans.getBean(HandlerGroups.class).deployed());
        }
    }

    /** What the engine and the application already have, for the references a model makes. */
    private final class EngineEnvironment implements ModelEnvironment {

        private final CommandContext context;
        private final boolean release;
        private java.util.Map<String, org.w3c.dom.Element> deployedProcesses;

        private final boolean onPurpose;

        EngineEnvironment(CommandContext context, boolean release, String deploymentName) {
            this.context = context;
            this.release = release;
            this.onPurpose = StaleCopyCheck.onPurpose(deploymentName);
        }

        @Override
        public boolean onPurpose() {
            return onPurpose;
        }

        @Override
        public boolean isBean(String name) {
            return beans.containsBean(name);
        }

        @Override
        public Class<?> beanType(String name) {
            return beans.containsBean(name) ? beans.getType(name) : null;
        }

        @Override
        public boolean formDeployed(String formKey) {
            return context.getCamundaFormDefinitionManager().findLatestDefinitionByKeyAndTenantId(formKey, null) != null;
        }

        @Override
        public byte[] deployedForm(String formKey) {
            var latest = release ? null : context.getCamundaFormDefinitionManager().findLatestDefinitionByKeyAndTenantId(formKey, null);
            if (latest == null) {
                return null;
            }
            var resource = context.getResourceManager().findResourceByDeploymentIdAndResourceName(
                    latest.getDeploymentId(), latest.getResourceName());
            return resource == null ? null : resource.getBytes();
        }

        @Override
        public String deployedFormFile(String formKey) {
            var latest = context.getCamundaFormDefinitionManager().findLatestDefinitionByKeyAndTenantId(formKey, null);
            return latest == null ? null : latest.getResourceName();
        }

        @Override
        public boolean mailTemplateExists(String template) {
            return beans.getBeanProvider(nl.homepair.complaints.mail.MailTemplates.class).stream()
                    .allMatch(templates -> templates.exists(template));
        }

        @Override
        public boolean processDeployed(String processKey) {
            return context.getProcessDefinitionManager().findLatestProcessDefinitionByKeyAndTenantId(processKey, null) != null;
        }

        @Override
        public java.util.Map<String, org.w3c.dom.Element> deployedProcesses() {
            // read once per deployment, not once per model in it: every deployed process's XML is parsed
            if (deployedProcesses == null) {
                java.util.Map<String, org.w3c.dom.Element> byKey = new java.util.HashMap<>();
                var repository = context.getProcessEngineConfiguration().getRepositoryService();
                for (var definition : repository.createProcessDefinitionQuery().withoutTenantId().latestVersion().list()) {
                    try (java.io.InputStream in = repository.getProcessModel(definition.getId())) {
                        ReferenceRules.processesIn(ModelCheck.root(in.readAllBytes())).stream()
                                .filter(process -> definition.getKey().equals(process.getAttribute("id")))
                                .forEach(process -> byKey.put(definition.getKey(), process));
                    } catch (java.io.IOException | RuntimeException unreadable) {
                        // a model the engine stored is readable; one that is not adds no names
                    }
                }
                deployedProcesses = byKey;
            }
            return deployedProcesses;
        }

        @Override
        public boolean decisionDeployed(String decisionKey) {
            return context.getDecisionDefinitionManager().findLatestDecisionDefinitionByKeyAndTenantId(decisionKey, null) != null;
        }

        @Override
        public boolean groupExists(String groupId) {
            // the procedure's groups are created after the first deployment, at start-up
            return Groups.WORKFLOW.contains(groupId) || context.getReadOnlyIdentityProvider().findGroupById(groupId) != null;
        }
    }
}
