package nl.homepair.complaints.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile with a demo user, a demo or empty password,
 * or the default administrator password (R12), or on the H2 file of one node, before
 * anything else starts, and says why in one line. A run on a database server without
 * {@code prod} (only {@code postgres}: a production database reachable from outside, with
 * the default run's users) is checked the same way, unless a test server says it keeps the
 * demo users on purpose ({@value #DEMO_ON_SERVER}). Registered in META-INF/spring.factories
 * so that it runs for every way the application is started.
 */
public class ProductionSafetyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String PROFILE = "prod";
    /** A test server on a database server may keep the default run's users and passwords. */
    public static final String DEMO_ON_SERVER = "homepair.security.demo-users-on-database-server";

    /** The demo users of the default run and their default passwords. */
    public static final Map<String, String> DEMO_USERS = Map.of(
            "behandelaar", "behandelaar", "teamleider", "teamleider", "directeur", "directeur",
            "platform", "platform", "beheerder", "beheerder", "manager", "manager");
    static final Set<String> WEAK_PASSWORDS = Set.of("demo", "admin", "password", "wachtwoord", "changeme", "secret", "geheim");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            List<String> problems = problems(environment);
            problems.addAll(mailProblems(environment));
            if (onTheNodesOwnFile(environment)) {
                problems.add("the database is an H2 file of this node, which no other node shares and which a power cut can"
                        + " damage (SPRING_PROFILES_ACTIVE=prod,postgres with DATABASE_URL)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start the prod profile: " + String.join("; ", problems));
            }
        } else if (guarded(environment)) {
            List<String> problems = problems(environment);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start on a database server with the default run's users or"
                        + " passwords: " + String.join("; ", problems) + ". Production runs with SPRING_PROFILES_ACTIVE="
                        + "prod,postgres; a test server that keeps the demo users sets HOMEPAIR_SECURITY_DEMOUSERSONDATABASESERVER=true");
            }
        }
    }

    /**
     * Whether demo users and default passwords are refused: with the {@code prod} profile, and on a database server
     * (not the H2 database of the default run) unless {@value #DEMO_ON_SERVER} is set.
     */
    public static boolean guarded(Environment environment) {
        return environment.acceptsProfiles(Profiles.of(PROFILE)) || !onTheNodesOwnFile(environment)
                && !environment.getProperty(DEMO_ON_SERVER, Boolean.class, false);
    }

    /** An H2 file or memory of this node; an H2 server ({@code jdbc:h2:tcp:}, {@code ssl:}) is a database server. */
    private static boolean onTheNodesOwnFile(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null) {
            return true;
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        Binder binder = Binder.get(environment);
        String adminPassword = environment.getProperty("camunda.bpm.admin-user.password", "");
        if (environment.getProperty("camunda.bpm.admin-user.id") != null && isWeak("beheerder", adminPassword)) {
            problems.add("the administrator password is empty or a default (set HOMEPAIR_ADMIN_PASSWORD)");
        }
        List<IdentityProperties.UserSpec> users = binder.bind("homepair.identity.users",
                Bindable.listOf(IdentityProperties.UserSpec.class)).orElse(List.of());
        for (IdentityProperties.UserSpec user : users) {
            if (DEMO_USERS.containsKey(user.id())) {
                problems.add("demo user '" + user.id() + "' is configured (homepair.identity.users)");
            } else if (isWeak(user.id(), user.password())) {
                problems.add("user '" + user.id() + "' has an empty or default password");
            }
        }
        return problems;
    }

    /**
     * What production needs of its mail servers: the default run's settings point at its own mail catcher, so a
     * forgotten {@code SMTP_HOST} sent every mail to a port nobody listens on (each step an incident, the incident alert
     * too), and a login without its password failed the same way, later, unseen.
     */
    static List<String> mailProblems(Environment environment) {
        List<String> problems = new ArrayList<>();
        String smtpHost = environment.getProperty("spring.mail.host", "");
        boolean catcher = environment.getProperty("homepair.mail.embedded-server.enabled", Boolean.class, false);
        if ("3025".equals(environment.getProperty("spring.mail.port", "")) && !catcher) {
            // a real mail server listens on 25, 465 or 587: 3025 is the default run's port, left by a forgotten SMTP_PORT
            problems.add(isLocal(smtpHost)
                    ? "outgoing mail goes to the default run's mail catcher on " + smtpHost + ":3025 (set SMTP_HOST and SMTP_PORT)"
                    : "outgoing mail goes to " + smtpHost + " on port 3025, the default run's mail catcher's (set SMTP_PORT)");
        }
        if (environment.getProperty("spring.mail.properties.mail.smtp.auth", Boolean.class, false)
                && environment.getProperty("spring.mail.password", "").isBlank()) {
            problems.add("SMTP_AUTH=true without SMTP_PASSWORD");
        }
        if (environment.getProperty("homepair.mailbox.enabled", Boolean.class, false)) {
            if (environment.getProperty("homepair.mailbox.password", "").isBlank()) {
                problems.add("the contact mailbox is read without a password (set MAILBOX_PASSWORD)");
            }
            String mailboxHost = environment.getProperty("homepair.mailbox.host", "");
            if ("3143".equals(environment.getProperty("homepair.mailbox.port", "")) && !catcher) {
                problems.add(isLocal(mailboxHost)
                        ? "the contact mailbox is the default run's mail catcher on localhost:3143 (set MAILBOX_HOST and MAILBOX_PORT)"
                        : "the contact mailbox is read on " + mailboxHost + " at port 3143, the default run's mail catcher's"
                                + " (set MAILBOX_PORT)");
            }
            // without it the topmost Authentication-Results header is believed, which a sender writes himself when our
            // server adds none: a mail "from" the complainant then answers, objects or adds files in their name (R12)
            if (environment.getProperty("homepair.mailbox.authserv-id", "").isBlank() && !(catcher && isLocal(mailboxHost))) {
                problems.add("the contact mailbox believes any Authentication-Results header, also one a sender wrote"
                        + " (set MAILBOX_AUTHSERV_ID to the authserv-id our receiving mail server writes)");
            }
            // the default run's protocol is plain IMAP, which sends the mailbox's password and every complaint unencrypted
            if (!isLocal(mailboxHost) && !"imaps".equalsIgnoreCase(environment.getProperty("homepair.mailbox.protocol", "imap"))) {
                problems.add("the contact mailbox on " + mailboxHost + " is read without TLS, its password and mails unencrypted"
                        + " (set MAILBOX_PROTOCOL=imaps, usually with MAILBOX_PORT=993)");
            }
        }
        return problems;
    }

    private static boolean isLocal(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    static boolean isWeak(String userId, String password) {
        return password == null || password.isBlank() || password.length() < 12 || password.equalsIgnoreCase(userId)
                || DEMO_USERS.containsValue(password) || WEAK_PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }
}
