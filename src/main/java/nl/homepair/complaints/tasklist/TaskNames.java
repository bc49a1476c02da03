package nl.homepair.complaints.tasklist;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link TaskHeadline} puts the complainant's name in task names, and the engine keeps
 * task names in its history. When a case's personal data goes (retention, erasure), the
 * history's task names go back to the plain step names. The engine has no API to rename
 * a finished task, hence the one update on its history table.
 */
@Component
public class TaskNames {

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final JdbcTemplate jdbc;

    public TaskNames(HistoryService historyService, RepositoryService repositoryService, JdbcTemplate jdbc) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.jdbc = jdbc;
    }

    /** Every task of this process instance, open or finished, is named after its step again. */
    public void forgetComplainant(String processInstanceId) {
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            String step = stepName(task);
            if (step != null && !step.equals(task.getName())) {
                jdbc.update("update ACT_HI_TASKINST set NAME_ = ? where ID_ = ?", step, task.getId());
                jdbc.update("update ACT_RU_TASK set NAME_ = ? where ID_ = ?", step, task.getId());
            }
        }
    }

    private String stepName(HistoricTaskInstance task) {
        if (task.getProcessDefinitionId() == null) {
            return null;
        }
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId());
        FlowElement element = model == null ? null : model.getModelElementById(task.getTaskDefinitionKey());
        return element == null ? null : element.getName();
    }
}
