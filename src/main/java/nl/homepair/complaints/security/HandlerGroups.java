package nl.homepair.complaints.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.homepair.complaints.diagnostics.CauseChain;
import nl.homepair.complaints.modeling.ModelCheck;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The groups whose members handle cases (R12, R15): {@code handlers}, and every group that a
 * deployed model gives cases to and that has no other part in the procedure. A manager who
 * routes conduct complaints to a new group {@code gedrag} in the routing table (or names it as
 * a task's candidate group) makes its members handlers: they get Tasklist with its filters and
 * the handlers' grants ({@code engine.AuthorizationSetup}), read the case page, keep their
 * cases' next tasks ({@code tasklist.CaseHandler}), and the team leads see and reassign their
 * tasks; nobody has to copy the handlers' rights by hand in Camunda Admin.
 *
 * <p>Read from every deployment (open cases run on older versions), each deployment once per node:
 * at start-up, after a deployment on this node, and every minute for those made on another node.
 * A deleted deployment's groups are forgotten at the next read.
 */
@Component
public class HandlerGroups implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HandlerGroups.class);

    /** Groups with a part of their own: they do not become handlers by being named in a model. */
    static final Set<String> OTHER_PARTS = Stream.concat(Stream.of(Groups.TEAM_LEADS, Groups.DIRECTORS, Groups.ADMINS),
            Groups.WITHOUT_CASES.stream()).collect(Collectors.toUnmodifiableSet());

    /** Told when the set changed after a deployment (on this node or another): the grants and filters follow. */
    public record Changed(Set<String> ids) {
    }

    private final RepositoryService repository;
    private final ApplicationEventPublisher events;
    private final Map<String, Set<String>> byDeployment = new ConcurrentHashMap<>();
    private final ExecutorService afterDeployment = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "handler-groups");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Set<String> ids = Set.of(Groups.HANDLERS);

    public HandlerGroups(RepositoryService repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** The groups of handlers, {@code handlers} first among them. */
    public Set<String> ids() {
        return ids;
    }

    public boolean includes(String group) {
        return ids.contains(group);
    }

    /**
     * The groups of handlers that the live models name (the deployments of the latest version of each process and
     * decision): where new cases go. The others are named only by older versions, which open cases may still run on.
     */
    public Set<String> live() {
        Set<String> deployments = new HashSet<>();
        repository.createProcessDefinitionQuery().withoutTenantId().latestVersion().list().forEach(d -> deployments.add(d.getDeploymentId()));
        repository.createDecisionDefinitionQuery().withoutTenantId().latestVersion().list().forEach(d -> deployments.add(d.getDeploymentId()));
        Set<String> live = new LinkedHashSet<>();
        live.add(Groups.HANDLERS);
        deployments.forEach(id -> live.addAll(byDeployment.computeIfAbsent(id, this::groupsOf)));
        live.retainAll(ids);
        return live;
    }

    /** Whether someone in these groups handles cases. */
    public boolean anyOf(Collection<String> groups) {
        return groups.stream().anyMatch(ids::contains);
    }

    /** The groups of handlers among a task's candidate groups; empty for a task that is no handlers' task. */
    public List<String> ofTask(Collection<? extends IdentityLink> links) {
        return links.stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && ids.contains(link.getGroupId()))
                .map(IdentityLink::getGroupId).toList();
    }

    /**
     * Whether a model gives cases to this group, also one this node has not read yet: a deployment made on another node
     * reaches {@link #ids()} within a minute, while a case may give the new group its task at once. Not remembered
     * here, so that the next refresh still tells the set-up (grants, filters) of the new group.
     */
    public boolean givenCases(String group) {
        if (ids.contains(group)) {
            return true;
        }
        if (OTHER_PARTS.contains(group)) {
            return false;
        }
        // as the system: the handler whose completion makes the task may not read deployments
        java.util.function.Supplier<Boolean> named = () -> repository.createDeploymentQuery().list().stream()
                .anyMatch(deployment -> !byDeployment.containsKey(deployment.getId()) && groupsOf(deployment.getId()).contains(group));
        org.camunda.bpm.engine.impl.interceptor.CommandContext context =
                org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        return context == null ? named.get() : context.runWithoutAuthorization(named::get);
    }

    /** Whether the user is a member of one of these groups (asked as the system: any caller may ask it). */
    public static boolean isMemberOfAny(IdentityService identity, String userId, Collection<String> groups) {
        return groups.stream().anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
    }

    /**
     * Reads the deployments not read before and forgets deleted ones; answers whether the set
     * changed. Runs as the system (called without a signed-in user), so every deployment counts.
     */
    public synchronized boolean refresh() {
        Set<String> present = new HashSet<>();
        for (Deployment deployment : repository.createDeploymentQuery().list()) {
            present.add(deployment.getId());
            byDeployment.computeIfAbsent(deployment.getId(), this::groupsOf);
        }
        byDeployment.keySet().retainAll(present);
        Set<String> now = new TreeSet<>();
        byDeployment.values().forEach(now::addAll);
        now.removeAll(OTHER_PARTS);
        now.remove(Groups.HANDLERS);
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(Groups.HANDLERS);
        ordered.addAll(now);
        if (ordered.equals(ids)) {
            return false;
        }
        log.info("Groups of handlers: {}", ordered);
        ids = Collections.unmodifiableSet(ordered);
        return true;
    }

    /** After a deployment on this node committed: read it, and tell the set-up when the set changed. */
    public void deployed() {
        refreshAndTell();
    }

    /** Deployments made on another node (or deleted) reach this node within a minute. */
    @Scheduled(initialDelayString = "${homepair.handler-groups.refresh:PT1M}",
            fixedDelayString = "${homepair.handler-groups.refresh:PT1M}")
    public void refreshAndTell() {
        // on the one thread of deployments: the scheduler's thread (the mailbox poll's too) does not wait for the
        // set-up's lease, and two tells never cross
        afterDeployment.execute(this::refreshAndTellNow);
    }

    /** As {@link #refreshAndTell()}, on the calling thread (tests). */
    public void refreshAndTellNow() {
        try {
            if (refresh() || untold) {
                // told again at the next refresh until the set-up took it: a database blip, or another node holding the
                // set-up's lease, must not leave a new team without its grants and filters until a restart
                untold = true;
                events.publishEvent(new Changed(ids));
                untold = false;
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the groups of handlers from the deployments, or give them their grants and filters"
                    + " (tried again at the next refresh): {}", CauseChain.of(e));
        }
    }

    /** Whether the set changed and the set-up has not yet taken it. */
    private volatile boolean untold;

    private Set<String> groupsOf(String deploymentId) {
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (String name : repository.getDeploymentResourceNames(deploymentId)) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml") || lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
                try (InputStream content = repository.getResourceAsStream(deploymentId, name)) {
                    models.put(name, content.readAllBytes());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return ModelCheck.groupsGivenCases(models);
    }

    @Override
    public void destroy() {
        afterDeployment.shutdownNow();
    }
}
