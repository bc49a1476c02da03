package nl.homepair.complaints.modeling;

import java.util.Set;

/**
 * What an expression in a deployed model may call (see docs/modeling.md): the Spring
 * beans the application publishes to managers, Camunda's date functions, and variable
 * access on {@code execution} and {@code task}. To publish a bean, add its name here
 * and describe it in docs/modeling.md; every public method of it is then callable.
 */
public final class PublishedBeans {

    /** Spring beans, by name, that models may call. */
    public static final Set<String> NAMES = Set.of(
            "workingDays", "complaintLifecycle", "sendMailDelegate", "registerComplaintDelegate",
            "registerObjectionDelegate", "registerInformationDelegate", "decisionMeasures", "acceptJudgedObjectionDelegate", "deadlineAlertDelegate", "mailRetry",
            "setAsideAnswers", "otherParties");

    /** The engine's own names for the current execution and task. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task");

    /** Variable access on {@code execution} and {@code task}. */
    static final Set<String> VARIABLE_METHODS = Set.of(
            "getVariable", "getVariableLocal", "getVariableTyped", "getVariableLocalTyped", "hasVariable",
            "hasVariableLocal", "setVariable", "setVariableLocal", "removeVariable", "removeVariableLocal");

    /** Plain facts of {@code execution} and {@code task} (read as properties). */
    static final Set<String> ENGINE_PROPERTIES = Set.of(
            "id", "processBusinessKey", "businessKey", "processInstanceId", "processDefinitionId", "currentActivityId",
            "currentActivityName", "activityInstanceId", "eventName", "tenantId", "name", "assignee", "owner",
            "dueDate", "followUpDate", "priority", "taskDefinitionKey", "description", "createTime");

    /**
     * Plain facts of {@code execution} only. {@code canceled}: whether an end listener runs because its step was
     * interrupted (a withdrawal), not completed: the engine runs both. A task has no such property.
     */
    static final Set<String> EXECUTION_PROPERTIES = Set.of("canceled");

    /** Camunda's expression functions that models may use. */
    static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    private PublishedBeans() {
    }
}
