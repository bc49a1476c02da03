package nl.homepair.complaints.modeling;

/**
 * What exists outside a deployment that its models may name: Spring beans, and forms,
 * processes, decisions and groups already in the engine. {@link DeploymentModelCheck}
 * answers from the running engine; tests answer from the repository.
 */
public interface ModelEnvironment {

    /** Whether a name is a Spring bean (published or not). */
    boolean isBean(String name);

    /** The class of a bean, to see whether a model calls a method it has; null when unknown. */
    Class<?> beanType(String name);

    boolean formDeployed(String formKey);

    /** The latest deployed version of a form (its JSON), or null when none is deployed. */
    default byte[] deployedForm(String formKey) {
        return null;
    }

    boolean processDeployed(String processKey);

    /**
     * Whether the deployment says its person leaves something out on purpose ({@code bewust} in its name): a copy of an
     * older release, or a field of a form they added themselves and now remove.
     */
    default boolean onPurpose() {
        return false;
    }

    /** Whether a mail text exists (its .html and .txt where the mailer reads them); true when the environment cannot tell. */
    default boolean mailTemplateExists(String template) {
        return true;
    }

    boolean decisionDeployed(String decisionKey);

    /** The file name the latest deployed version of a form came in, or null (none, or unknown). */
    default String deployedFormFile(String formKey) {
        return null;
    }

    /**
     * The latest deployed version of every process, by key: its {@code bpmn:process} element, from which the check
     * reads what it sets and which processes it calls (see {@code ReferenceRules.variablesVisibleIn}).
     */
    default java.util.Map<String, org.w3c.dom.Element> deployedProcesses() {
        return java.util.Map.of();
    }

    /** Whether a candidate group exists (in the identity service, or is one of the procedure's own). */
    boolean groupExists(String groupId);
}
