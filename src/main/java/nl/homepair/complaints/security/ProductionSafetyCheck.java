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
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile with a demo user, a demo or empty password,
 * or the default administrator password (R12), before anything else starts, and says
 * why in one line. Registered in META-INF/spring.factories so that it runs for every
 * way the application is started.
 */
public class ProductionSafetyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String PROFILE = "prod";

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
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Refusing to start the prod profile: " + String.join("; ", problems));
            }
        }
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

    static boolean isWeak(String userId, String password) {
        return password == null || password.isBlank() || password.length() < 12 || password.equalsIgnoreCase(userId)
                || DEMO_USERS.containsValue(password) || WEAK_PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }
}
