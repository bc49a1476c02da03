package nl.homepair.complaints.privacy;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.UserOperationLogQueryImpl;
import org.springframework.stereotype.Component;

/**
 * What the engine keeps of a case besides its variables and task names, and that can hold personal data: the
 * comments handlers add to a task or a case in Tasklist ("Jan belde, hij is bereikbaar op 06-…") with their traces
 * in the operation log, attachments added over the engine's REST API, and the messages of failed jobs and incidents (a mail server that refuses {@code <jan@example.nl>} names the address). The engine's
 * API deletes comments only while the process runs and job logs only with the whole history; erasure and retention
 * keep the history's outline (Cockpit: which steps, when), so these go through the engine's own managers, in one
 * command that joins the caller's transaction.
 */
@Component
class EngineTraces {

    private final ProcessEngine engine;

    EngineTraces(ProcessEngine engine) {
        this.engine = engine;
    }

    void erase(Collection<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(processInstanceIds);
        ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired().execute(context -> {
            context.getCommentManager().deleteCommentsByProcessInstanceIds(ids);
            context.getCommentManager().deleteCommentsByTaskProcessInstanceIds(ids);
            context.getHistoricJobLogManager().deleteHistoricJobLogsByProcessInstanceIds(ids);
            context.getHistoricIncidentManager().deleteHistoricIncidentsByProcessInstanceIds(ids);
            context.getAttachmentManager().deleteAttachmentsByProcessInstanceIds(ids);
            context.getAttachmentManager().deleteAttachmentsByTaskProcessInstanceIds(ids);
            // the operation log keeps a comment's or attachment's text when it is added, changed or deleted
            context.runWithoutAuthorization(() -> {
                for (String id : ids) {
                    UserOperationLogQueryImpl query = new UserOperationLogQueryImpl();
                    query.processInstanceId(id).entityTypeIn(EntityTypes.COMMENT, EntityTypes.ATTACHMENT);
                    context.getOperationLogManager().findOperationLogEntriesByQueryCriteria(query, null)
                            .forEach(entry -> context.getOperationLogManager().deleteOperationLogEntryById(entry.getId()));
                }
                return null;
            });
            return null;
        });
    }
}
