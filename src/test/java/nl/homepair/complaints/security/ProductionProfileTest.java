package nl.homepair.complaints.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.homepair.complaints.ComplaintsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** The production profile refuses to start with default secrets, and says why in one line. */
class ProductionProfileTest {

    /** Starts the application with the prod profile and these settings as command-line arguments. */
    private static Runnable prod(String... properties) {
        String[] args = java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
        return () -> new SpringApplicationBuilder(ComplaintsApplication.class)
                .profiles("prod").web(WebApplicationType.NONE).run(args);
    }

    @Test
    void refusesTheDefaultAdministratorPassword() {
        assertThatThrownBy(() -> prod("camunda.bpm.admin-user.password=beheerder").run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start the prod profile: the administrator password")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAnEmptyAdministratorPassword() {
        assertThatThrownBy(() -> prod().run())
                .hasMessageContaining("the administrator password is empty or a default");
    }

    @Test
    void refusesDemoUsers() {
        assertThatThrownBy(() -> prod("camunda.bpm.admin-user.password=Zeer-Sterk-Wachtwoord-2026",
                "homepair.identity.users[0].id=behandelaar", "homepair.identity.users[0].password=Iets-Heel-Anders-2026").run())
                .hasMessageContaining("demo user 'behandelaar' is configured");
    }

    @Test
    void refusesAWeakPasswordOfAMachineUser() {
        assertThatThrownBy(() -> prod("camunda.bpm.admin-user.password=Zeer-Sterk-Wachtwoord-2026",
                "homepair.identity.users[0].id=homepair-platform", "homepair.identity.users[0].password=geheim").run())
                .hasMessageContaining("user 'homepair-platform' has an empty or default password");
    }

    @Test
    void acceptsStrongSecretsAndNoDemoUsers() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camunda.bpm.admin-user.id", "beheerder")
                .withProperty("camunda.bpm.admin-user.password", "Zeer-Sterk-Wachtwoord-2026")
                .withProperty("homepair.identity.users[0].id", "homepair-platform")
                .withProperty("homepair.identity.users[0].password", "Een-Lang-Machinewachtwoord-77");
        assertThat(ProductionSafetyCheck.problems(environment)).isEmpty();
    }

    @Test
    void theDefaultRunIsNotChecked() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "beheerder")
                .withProperty("camunda.bpm.admin-user.password", "beheerder");
        assertThat(ProductionSafetyCheck.problems(environment)).isNotEmpty(); // what prod would refuse...
        assertThat(environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"))).isFalse(); // ...is fine here
    }
}
