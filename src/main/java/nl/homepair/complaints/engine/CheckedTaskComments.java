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

    private final org.springframework.beans.factory.ObjectProvider<nl.homepair.complaints.complaint.ComplaintRepository> complaints;
    private final org.springframework.beans.factory.ObjectProvider<nl.homepair.complaints.complaint.CaseTimeline> timeline;

    public CheckedTaskComments(org.springframework.beans.factory.ObjectProvider<nl.homepair.complaints.complaint.ComplaintRepository> complaints,
                               org.springframework.beans.factory.ObjectProvider<nl.homepair.complaints.complaint.CaseTimeline> timeline) {
        this.complaints = complaints;
        this.timeline = timeline;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new TaskServiceImpl() {
            @Override
            public Comment createComment(String taskId, String processInstanceId, String message) {
                return commandExecutor.execute(new CheckedAddComment(taskId, processInstanceId, message, CheckedTaskComments.this));
            }

            @Override
            public void addComment(String taskId, String processInstanceId, String message) {
                createComment(taskId, processInstanceId, message);
            }
        });
    }

    static final String NOT_RUNNING = "Een opmerking kan alleen bij een lopende taak worden geplaatst.";
    static final String OTHER_CASE = "Een opmerking bij een taak hoort bij de zaak van die taak.";

    /**
     * The comment on its case's timeline, staff-only, with who wrote it (R14): the engine keeps it with the task only,
     * seen on that task while it runs and then in no case file.
     */
    void onTheTimeline(ExecutionEntity process, String message, String author) {
        String reference = process == null ? null : process.getProcessInstance().getBusinessKey();
        if (reference == null || message == null || message.isBlank()) {
            return;
        }
        complaints.getObject().findByReference(reference).filter(complaint -> complaint.getAnonymisedAt() == null)
                .ifPresent(complaint -> timeline.getObject().recordAboutOthers(complaint,
                        nl.homepair.complaints.complaint.TimelineEventType.NOTE,
                        author == null ? nl.homepair.complaints.complaint.CaseTimeline.SYSTEM : author,
                        "Opmerking in Tasklist: " + message.strip()));
    }

    private static final class CheckedAddComment extends AddCommentCmd {

        private final CheckedTaskComments comments;

        CheckedAddComment(String taskId, String processInstanceId, String message, CheckedTaskComments comments) {
            super(taskId, processInstanceId, message);
            this.comments = comments;
        }

        @Override
        public Comment execute(CommandContext commandContext) {
            ExecutionEntity process;
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
                process = task.getProcessInstance();
            } else if (processInstanceId != null) {
                ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(processInstanceId);
                if (instance == null) {
                    throw new BadUserRequestException(NOT_RUNNING);
                }
                for (CommandChecker checker : commandContext.getProcessEngineConfiguration().getCommandCheckers()) {
                    checker.checkUpdateProcessInstance(instance);
                }
                process = instance;
            } else {
                process = null; // the engine refuses a comment on neither
            }
            Comment comment = super.execute(commandContext);
            comments.onTheTimeline(process, message, commandContext.getAuthenticatedUserId());
            return comment;
        }
    }
}
