package nl.homepair.complaints.sla;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.homepair.complaints.mail.CaseMailer;
import nl.homepair.complaints.mail.MailRecipient;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.text.DutchDates;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A group that works the procedure's tasks without a member (R11): the only director left or was deleted in Camunda
 * Admin, a team's last handler moved, a group was "renamed" by making a new one and deleting the old one that the
 * routing table names. Its tasks then reach nobody in Tasklist, and the first anyone heard was the escalation days
 * later; the start-up said so only in the log, and only for the three fixed groups. Every working day at the start of
 * office hours, in the overdue digest's round ({@link OverdueDigest}: one node, its lease and switch), the team leads get
 * one mail naming each such group (the fixed ones and every group the routing table gives cases to) with its open tasks;
 * nothing when every group has members; once a day (the delivery key names the day).
 */
@Component
public class UnstaffedGroups {

    private static final Logger log = LoggerFactory.getLogger(UnstaffedGroups.class);
    static final String TEMPLATE = "groep-zonder-leden";

    private final IdentityService identityService;
    private final TaskService taskService;
    private final HandlerGroups handlerGroups;
    private final CaseMailer mailer;

    public UnstaffedGroups(IdentityService identityService, TaskService taskService, HandlerGroups handlerGroups,
                           CaseMailer mailer) {
        this.identityService = identityService;
        this.taskService = taskService;
        this.handlerGroups = handlerGroups;
        this.mailer = mailer;
    }

    /** Mails the team leads about the groups without members, if any; how many there are. */
    public int send() {
        List<Map<String, Object>> empty = unstaffed();
        if (empty.isEmpty()) {
            return 0;
        }
        LocalDate today = today();
        try {
            mailer.sendToStaff(MailRecipient.TEAM_LEAD, TEMPLATE, Map.of("groups", empty, "count", empty.size()),
                    "unstaffed-groups:" + today);
            log.warn("{} group(s) that work the procedure's tasks have no members; the team leads are told", empty.size());
        } catch (RuntimeException e) {
            log.warn("Mail about {} group(s) without members not sent; tomorrow's check says it again: {}", empty.size(),
                    e.toString());
        }
        return empty.size();
    }

    /**
     * Each group that works the procedure's tasks and has no member: its id, name and open tasks. The board, the team
     * leads, the handlers and every group the live models give cases to always count; a group only an older version
     * named only while it has open tasks (a team merged into another long ago is no news every morning).
     */
    public List<Map<String, Object>> unstaffed() {
        Set<String> always = new LinkedHashSet<>(List.of(Groups.DIRECTORS, Groups.TEAM_LEADS, Groups.HANDLERS));
        always.addAll(handlerGroups.live()); // where new cases go, tasks or not
        Set<String> groups = new LinkedHashSet<>(always);
        groups.addAll(handlerGroups.ids());
        List<Map<String, Object>> empty = new ArrayList<>();
        for (String id : groups) {
            if (identityService.createUserQuery().memberOfGroup(id).count() > 0) {
                continue;
            }
            long open = taskService.createTaskQuery().taskCandidateGroup(id).includeAssignedTasks().count();
            if (open == 0 && !always.contains(id)) {
                continue;
            }
            Group group = identityService.createGroupQuery().groupId(id).singleResult();
            empty.add(Map.of("id", id, "name", group == null || group.getName() == null ? id : group.getName(),
                    "exists", group != null, "openTasks", open, "handlers", handlerGroups.includes(id)));
        }
        return empty;
    }

    private static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(DutchDates.ZONE).toLocalDate();
    }
}
