package nl.homepair.complaints.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;
import nl.homepair.complaints.complaint.CaseRefused;
import nl.homepair.complaints.intake.FileTypes;
import nl.homepair.complaints.security.CurrentUser;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.web.SandboxedFiles;
import nl.homepair.complaints.web.StaffPage;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The files of a message set aside for a person (<em>E-mail handmatig verwerken</em>), opened from the task's form:
 * handlers work in Tasklist, which cannot show a file variable, and must see the photo before they decide whether it
 * is an answer or an objection. Only whoever may work the open task gets them (its candidate groups, its assignee,
 * team leads and administrators); the link holds the task's own random key, not its process's id. Images and PDFs
 * open in the browser in a sandbox, as evidence does; anything else is only downloaded.
 */
@Controller
@StaffPage
public class SetAsideFilesController {

    /** The variable with the key the task's file links carry. */
    static final String VAR_FILES_KEY = "mailFilesKey";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final CurrentUser currentUser;

    public SetAsideFilesController(RuntimeService runtimeService, TaskService taskService, CurrentUser currentUser) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.currentUser = currentUser;
    }

    /** The path of the {@code n}-th file of the task whose files have {@code key}. */
    static String path(String key, int n) {
        return "/zaken/berichten/" + key + "/bijlagen/" + n;
    }

    @GetMapping("/zaken/berichten/{key}/bijlagen/{n}")
    public ResponseEntity<byte[]> file(@PathVariable String key, @PathVariable int n) {
        ProcessInstance message = runtimeService.createProcessInstanceQuery().processDefinitionKey(MailboxPoller.MANUAL_PROCESS_KEY)
                .variableValueEquals(VAR_FILES_KEY, key).singleResult();
        Task task = message == null ? null : taskService.createTaskQuery().processInstanceId(message.getId()).singleResult();
        if (task == null) {
            throw CaseRefused.notFound("Dit bericht is al verwerkt of bestaat niet; de bestanden staan nu bij de zaak, als die is gekozen.");
        }
        if (!mayWork(task)) {
            throw CaseRefused.notAllowed("Alleen wie deze taak kan oppakken, opent de bestanden van het bericht.");
        }
        if (n < 1 || n > MailboxPoller.MAX_FILES_KEPT
                || !(runtimeService.getVariableTyped(message.getId(), "mailAttachment" + n) instanceof FileValue file)) {
            throw CaseRefused.notFound("Dit bericht heeft geen bijlage " + n + ".");
        }
        byte[] content;
        try (InputStream in = file.getValue()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SandboxedFiles.response(content, FileTypes.detect(content).orElse(null), file.getFilename());
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(CaseRefused.class)
    public org.springframework.web.servlet.ModelAndView refused(CaseRefused refused) {
        return nl.homepair.complaints.web.StaffRefusals.page(refused, currentUser.id().orElse(""));
    }

    private boolean mayWork(Task task) {
        if (currentUser.isInAny(Groups.TEAM_LEADS, Groups.ADMINS)) {
            return true;
        }
        String user = currentUser.id().orElse(null);
        // the task's holder while still staff: someone taken out of every group keeps no door through an old task (R12)
        if (user != null && user.equals(task.getAssignee()) && currentUser.isStaff()) {
            return true;
        }
        Set<String> candidates = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).collect(Collectors.toSet());
        return currentUser.groups().stream().anyMatch(candidates::contains);
    }
}
