package nl.homepair.complaints.engine;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/** Which cases have an open task due before a moment: the late ones, or those due soon. */
public final class DueTasks {

    private DueTasks() {
    }

    /**
     * The references (business keys) of the cases with an open task due from {@code from} (null: any time before)
     * and before {@code before}, in the order of their earliest such task; tasks of a case's called processes count
     * for the case.
     */
    public static Set<String> referencesDue(TaskService tasks, RuntimeService runtime, Date from, Date before) {
        var query = tasks.createTaskQuery().dueBefore(before);
        if (from != null) {
            query.dueAfter(new Date(from.getTime() - 1)); // the engine's dueAfter is exclusive too
        }
        List<String> instances = query.orderByDueDate().asc().list().stream()
                .map(Task::getProcessInstanceId).filter(Objects::nonNull).distinct().toList();
        Set<String> references = new LinkedHashSet<>();
        Map<String, String> keyOf = BusinessKeys.of(runtime, instances);
        instances.stream().map(keyOf::get).filter(Objects::nonNull).forEach(references::add);
        return references;
    }
}
