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
    void refusesTheH2FileOfOneNode() {
        assertThatThrownBy(() -> prod("camunda.bpm.admin-user.password=Zeer-Sterk-Wachtwoord-2026").run())
                .hasMessageContaining("the database is an H2 file of this node")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=prod,postgres");
    }

    /** SPRING_PROFILES_ACTIVE=postgres alone, as an operator may copy it: the default run's users on the real database. */
    @Test
    void aDatabaseServerWithoutProdRefusesTheDemoUsers() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ComplaintsApplication.class).profiles("postgres")
                .web(WebApplicationType.NONE).run("--spring.datasource.url=jdbc:postgresql://localhost:1/klachten"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Refusing to start on a database server with the default run's users or passwords:")
                .hasMessageContaining("the administrator password is empty or a default")
                .hasMessageContaining("demo user 'behandelaar' is configured")
                .hasMessageContaining("SPRING_PROFILES_ACTIVE=prod,postgres")
                .hasMessageNotContaining("\n");
    }

    @Test
    void whatIsGuarded() {
        MockEnvironment h2 = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/klachten");
        MockEnvironment server = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/klachten");
        MockEnvironment testServer = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/klachten")
                .withProperty(ProductionSafetyCheck.DEMO_ON_SERVER, "true");
        MockEnvironment prodTestServer = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x")
                .withProperty(ProductionSafetyCheck.DEMO_ON_SERVER, "true");
        prodTestServer.setActiveProfiles("prod", "postgres");
        assertThat(ProductionSafetyCheck.guarded(h2)).isFalse();
        assertThat(ProductionSafetyCheck.guarded(new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:h2:tcp://db.intern/klachten"))).as("an H2 server is a database server").isTrue();
        assertThat(ProductionSafetyCheck.guarded(server)).isTrue();
        assertThat(ProductionSafetyCheck.guarded(testServer)).isFalse();
        assertThat(ProductionSafetyCheck.guarded(prodTestServer)).isTrue(); // the flag never lifts prod's checks
    }

    @Test
    void theDefaultRunIsNotChecked() {
        MockEnvironment environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.id", "beheerder")
                .withProperty("camunda.bpm.admin-user.password", "beheerder");
        assertThat(ProductionSafetyCheck.problems(environment)).isNotEmpty(); // what prod would refuse...
        assertThat(environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"))).isFalse(); // ...is fine here
    }

    private static final String AUTHSERV_UNSET = "the contact mailbox believes any Authentication-Results header, also one"
            + " a sender wrote (set MAILBOX_AUTHSERV_ID to the authserv-id our receiving mail server writes)";

    /** Production names the mail servers: the default run's catcher, or a login without its password, is refused. */
    @Test
    void refusesTheDefaultRunsMailServersAndLoginsWithoutPasswords() {
        MockEnvironment defaults = new MockEnvironment().withProperty("spring.mail.host", "localhost")
                .withProperty("spring.mail.port", "3025").withProperty("homepair.mail.embedded-server.enabled", "false")
                .withProperty("spring.mail.properties.mail.smtp.auth", "true").withProperty("spring.mail.password", "")
                .withProperty("homepair.mailbox.enabled", "true").withProperty("homepair.mailbox.host", "localhost")
                .withProperty("homepair.mailbox.port", "3143").withProperty("homepair.mailbox.password", "");
        assertThat(ProductionSafetyCheck.mailProblems(defaults)).containsExactly(
                "outgoing mail goes to the default run's mail catcher on localhost:3025 (set SMTP_HOST and SMTP_PORT)",
                "SMTP_AUTH=true without SMTP_PASSWORD",
                "the contact mailbox is read without a password (set MAILBOX_PASSWORD)",
                "the contact mailbox is the default run's mail catcher on localhost:3143 (set MAILBOX_HOST and MAILBOX_PORT)",
                AUTHSERV_UNSET);

        MockEnvironment real = new MockEnvironment().withProperty("spring.mail.host", "smtp.homepair.nl")
                .withProperty("spring.mail.port", "587").withProperty("spring.mail.properties.mail.smtp.auth", "true")
                .withProperty("spring.mail.password", "Een-Lang-Smtpwachtwoord-1").withProperty("homepair.mailbox.enabled", "true")
                .withProperty("homepair.mailbox.host", "imap.homepair.nl").withProperty("homepair.mailbox.port", "993")
                .withProperty("homepair.mailbox.protocol", "imaps").withProperty("homepair.mailbox.password", "Een-Lang-Imapwachtwoord-2")
                .withProperty("homepair.mailbox.authserv-id", "mx.homepair.nl");
        assertThat(ProductionSafetyCheck.mailProblems(real)).isEmpty();
        // the real servers without the id of our own mail server's header: a sender's own header would be believed
        assertThat(ProductionSafetyCheck.mailProblems(real.withProperty("homepair.mailbox.authserv-id", " ")))
                .containsExactly(AUTHSERV_UNSET);
        // the real servers' names with a port or the protocol of the default run left as it was
        MockEnvironment halfDone = new MockEnvironment().withProperty("spring.mail.host", "smtp.homepair.nl")
                .withProperty("spring.mail.port", "3025").withProperty("homepair.mailbox.enabled", "true")
                .withProperty("homepair.mailbox.host", "imap.homepair.nl").withProperty("homepair.mailbox.port", "3143")
                .withProperty("homepair.mailbox.password", "Een-Lang-Imapwachtwoord-2");
        assertThat(ProductionSafetyCheck.mailProblems(halfDone)).containsExactly(
                "outgoing mail goes to smtp.homepair.nl on port 3025, the default run's mail catcher's (set SMTP_PORT)",
                "the contact mailbox is read on imap.homepair.nl at port 3143, the default run's mail catcher's (set MAILBOX_PORT)",
                AUTHSERV_UNSET,
                "the contact mailbox on imap.homepair.nl is read without TLS, its password and mails unencrypted"
                        + " (set MAILBOX_PROTOCOL=imaps, usually with MAILBOX_PORT=993)");
        // a node that does not read the mailbox needs no mailbox password; a staging node with the catcher keeps it
        assertThat(ProductionSafetyCheck.mailProblems(new MockEnvironment().withProperty("spring.mail.host", "localhost")
                .withProperty("spring.mail.port", "3025").withProperty("homepair.mail.embedded-server.enabled", "true")
                .withProperty("homepair.mailbox.enabled", "false"))).isEmpty();
        // and the start says so, with the other problems, in its one line
        assertThatThrownBy(() -> prod("camunda.bpm.admin-user.password=Zeer-Sterk-Wachtwoord-2026").run())
                .hasMessageContaining("outgoing mail goes to the default run's mail catcher on localhost:3025")
                .hasMessageNotContaining("\n");
    }
}
