package nl.homepair.complaints.engine;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.stereotype.Component;

/**
 * A comment is written on a running task by someone who may work on it, and belongs to that task's case (R12). The
 * engine's own command checks nothing: whoever knew the id of a task they ever held (REST checks only that it existed
 * in their history) could add comments to it after it was handed on or done, and name any other case's process in the
 * request, where the comment then appeared under their name. Tasklist's comments (on a task one works on, no process
 * named) are as before.
 */
@Component
public class CheckedTaskComments extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new TaskServiceImpl() {
            @Override
            public Comment createComment(String taskId, String processInstanceId, String message) {
                return commandExecutor.execute(new CheckedAddComment(taskId, processInstanceId, message));
            }

            @Override
            public void addComment(String taskId, String processInstanceId, String message) {
                createComment(taskId, processInstanceId, message);
            }
        });
    }

    static final String NOT_RUNNING = "Een opmerking kan alleen bij een lopende taak worden geplaatst.";
    static final String OTHER_CASE = "Een opmerking bij een taak hoort bij de zaak van die taak.";

    private static final class CheckedAddComment extends AddCommentCmd {

        CheckedAddComment(String taskId, String processInstanceId, String message) {
            super(taskId, processInstanceId, message);
        }

        @Override
        public Comment execute(CommandContext commandContext) {
            if (taskId != null) {
                TaskEntity task = commandContext.getTaskManager().findTaskById(taskId);
                if (task == null) {
                    throw new BadUserRequestException(NOT_RUNNING);
                }
                if (processInstanceId != null && !processInstanceId.equals(task.getProcessInstanceId())) {
                    throw new BadUserRequestException(OTHER_CASE);
                }
                for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
                    checker.checkTaskWork(task);
                }
            } else if (processInstanceId != null) {
                ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(processInstanceId);
                if (instance == null) {
                    throw new BadUserRequestException(NOT_RUNNING);
                }
                for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
                    checker.checkUpdateProcessInstance(instance);
                }
            }
            return super.execute(commandContext);
        }
    }
}
