package nl.homepair.complaints.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.homepair.complaints.cluster.ClusterLeases;
import nl.homepair.complaints.security.Groups;
import nl.homepair.complaints.security.HandlerGroups;
import nl.homepair.complaints.security.IdentityProperties;
import nl.homepair.complaints.security.ProductionSafetyCheck;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates the groups of the procedure, the configured users and the Tasklist filters
 * at start-up; idempotent, so a restart against the same database changes nothing.
 */
@Component
public class IdentitySetup implements SmartLifecycle {

    static final Map<String, String> GROUP_NAMES = new LinkedHashMap<>();

    static {
        GROUP_NAMES.put(Groups.HANDLERS, "Klachtbehandelaars");
        GROUP_NAMES.put(Groups.TEAM_LEADS, "Teamleiders");
        GROUP_NAMES.put(Groups.DIRECTORS, "Directie");
        GROUP_NAMES.put(Groups.MANAGERS, "Procesbeheerders");
        GROUP_NAMES.put(Groups.ADMINS, "Beheerders");
        GROUP_NAMES.put(Groups.PLATFORM, "HomePair-platform (API)");
    }

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    private final IdentityService identityService;
    private final TasklistFilters filters;
    private final IdentityProperties properties;
    private final AuthorizationSetup authorizations;
    private final org.camunda.bpm.engine.ProcessEngineConfiguration processEngineConfiguration;
    private final ClusterLeases leases;
    private final org.springframework.core.env.Environment environment;
    private final HandlerGroups handlerGroups;
    private final nl.homepair.complaints.cluster.ClusterSettings settings;
    private final nl.homepair.complaints.cluster.SharedKey passwordKey;
    /** The key of the fingerprints of the passwords the configuration gave machine users, in {@code cluster_setting}. */
    static final String PASSWORD_KEY = "identity-password-key";
    static final String PASSWORDS_SET = "identity-passwords-set:";
    private volatile boolean running;

    /** The lease that makes the set-up (and the nightly filter update) one node's at a time. */
    static final String LEASE = "start-up-set-up";
    static final Duration LEASE_DURATION = Duration.ofMinutes(2);
    static final Duration LEASE_WAIT = Duration.ofMinutes(3);

    public IdentitySetup(IdentityService identityService, TasklistFilters filters,
                         IdentityProperties properties, AuthorizationSetup authorizations,
                         org.camunda.bpm.engine.ProcessEngine processEngine, ClusterLeases leases,
                         org.springframework.core.env.Environment environment, HandlerGroups handlerGroups,
                         nl.homepair.complaints.cluster.ClusterSettings settings) {
        this.settings = settings;
        this.passwordKey = settings.hmacKey(PASSWORD_KEY);
        this.handlerGroups = handlerGroups;
        this.leases = leases;
        this.environment = environment;
        this.processEngineConfiguration = processEngine.getProcessEngineConfiguration();
        this.identityService = identityService;
        this.filters = filters;
        this.properties = properties;
        this.authorizations = authorizations;
    }

    /**
     * Groups, users, filters and grants, one node at a time: two nodes starting together on
     * an empty database would otherwise both create the same group (one of them failing to
     * start) and both create every Tasklist filter (issue 16).
     */
    public void setUp() {
        if (ProductionSafetyCheck.guarded(environment)) {
            refuseDemoUsersInTheDatabase();
        }
        leases.lease(LEASE, LEASE_DURATION).runExclusively(LEASE_WAIT, () -> {
            GROUP_NAMES.forEach(this::ensureGroup);
            properties.users().forEach(this::ensureUser);
            warnOfEmptyGroups();
            handlerGroups.refresh();
            authorizations.grantAll(filters.ensureAll());
        });
    }

    /**
     * A deployment gave cases to a group of handlers that was not one before (a manager's routing table): its
     * members get the handlers' grants and filters, and the team leads' filter shows its late tasks.
     */
    @EventListener
    public void handlerGroupsChanged(HandlerGroups.Changed changed) {
        leases.lease(LEASE, LEASE_DURATION).runExclusively(LEASE_WAIT, () -> authorizations.grantAll(filters.ensureAll()));
    }

    /**
     * Before the web server takes requests (its phase is {@code DEFAULT_PHASE - 2048}): on a fresh database the
     * platform's first complaint and a handler's first login would otherwise meet users that do not exist yet (401).
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void start() {
        setUp();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * A production database that still holds a demo user with its demo password is refused.
     * The hash is compared directly: a failed {@code checkPassword} would lock the real user.
     */
    private void refuseDemoUsersInTheDatabase() {
        org.camunda.bpm.engine.impl.digest.PasswordManager passwords =
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngineConfiguration).getPasswordManager();
        ProductionSafetyCheck.DEMO_USERS.forEach((id, password) -> {
            User user = identityService.createUserQuery().userId(id).singleResult();
            if (user instanceof org.camunda.bpm.engine.impl.persistence.entity.UserEntity entity
                    && passwords.check(EncryptionUtil.saltPassword(password, entity.getSalt()),
                    entity.getPassword())) {
                throw new IllegalStateException("Refusing to start: demo user '" + id
                        + "' with its demo password exists in the database; change or delete it in Camunda Admin");
            }
        });
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(Groups.ADMINS.equals(id) ? "SYSTEM" : "WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    /**
     * A machine user's password is the configuration's: rotated there (the platform's API user, a secret store), the old
     * one stayed valid and the platform, sending the new one, got 401 on every complaint; so a start sets it when it
     * differs. But in a cluster a node that still has the old configuration (not yet redeployed, restarted by a
     * supervisor) would set the old password back at its start: the fingerprints (HMAC with the cluster's key, never the
     * password) of the passwords the configuration set are kept in order, and one that was set before is never set again
     * (a stale node: a warning; the newest one, changed in Camunda Admin since: left as the person set it).
     */
    private void takeConfiguredPassword(IdentityProperties.UserSpec spec) {
        String mine = fingerprint(spec.password());
        List<String> set = passwordsSet(spec.id());
        boolean newest = !set.isEmpty() && set.get(set.size() - 1).equals(mine);
        if (identityService.checkPassword(spec.id(), spec.password())) {
            if (!newest) {
                rememberPasswordSet(spec.id(), mine);
            }
            return;
        }
        if (newest) {
            log.info("Password of user {} was changed in Camunda Admin since the configuration set it: left as it is", spec.id());
            return;
        }
        if (set.contains(mine)) {
            log.warn("The configuration of this node has an earlier password of user {}, which another node's configuration "
                    + "replaced since: left as it is; give this node the current one (homepair.identity.users)", spec.id());
            return;
        }
        User user = identityService.createUserQuery().userId(spec.id()).singleResult();
        user.setPassword(spec.password());
        ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identityService).saveUser(user, true);
        rememberPasswordSet(spec.id(), mine);
        log.info("Password of user {} set from the configuration (homepair.identity.users)", spec.id());
    }

    private String fingerprint(String password) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(passwordKey.sign(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private List<String> passwordsSet(String userId) {
        return settings.get(PASSWORDS_SET + userId).map(value -> List.of(value.split(","))).orElse(List.of());
    }

    /** The newest last; the last ten are kept. */
    private void rememberPasswordSet(String userId, String fingerprint) {
        List<String> set = new java.util.ArrayList<>(passwordsSet(userId));
        set.remove(fingerprint);
        set.add(fingerprint);
        settings.put(PASSWORDS_SET + userId, String.join(",", set.subList(Math.max(0, set.size() - 10), set.size())));
    }

    /**
     * A group that works the procedure's tasks without a member: its tasks (the board's review of an objection, the
     * escalations) reach nobody in Tasklist, and only the overdue digest and the escalation mails say so, days later.
     * Said at every start until someone is added in Camunda Admin (a new production database starts so).
     */
    void warnOfEmptyGroups() {
        for (String group : List.of(Groups.HANDLERS, Groups.TEAM_LEADS, Groups.DIRECTORS)) {
            if (identityService.createUserQuery().memberOfGroup(group).count() == 0) {
                log.warn("Group {} ({}) has no members: its tasks reach nobody in Tasklist; add its people in Camunda Admin",
                        group, GROUP_NAMES.get(group));
            }
        }
    }

    private void ensureUser(IdentityProperties.UserSpec spec) {
        if (identityService.createUserQuery().userId(spec.id()).singleResult() == null) {
            User user = identityService.newUser(spec.id());
            user.setFirstName(spec.firstName());
            user.setLastName(spec.lastName());
            user.setEmail(spec.email());
            user.setPassword(spec.password());
            // configured passwords are checked by the production profile; the policy is for what people choose
            ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identityService).saveUser(user, true);
            log.info("Created user {}", spec.id());
            if (spec.password() != null && !spec.password().isBlank()) {
                rememberPasswordSet(spec.id(), fingerprint(spec.password()));
            }
        } else if (spec.password() != null && !spec.password().isBlank()) {
            takeConfiguredPassword(spec);
        }
        for (String group : spec.groups()) {
            if (identityService.createUserQuery().userId(spec.id()).memberOfGroup(group).count() == 0) {
                identityService.createMembership(spec.id(), group);
            }
        }
    }

}
