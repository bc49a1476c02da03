package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The staff's mailboxes are checked at start-up, not when the first alert cannot leave. */
class MailPropertiesTest {

    private static MailProperties withTeamLeads(String address) {
        return new MailProperties("HomePair Klachten <klachten@homepair.nl>", "contact@homepair.nl", address,
                "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/", java.util.Map.of());
    }

    @Test
    void aPlainAddressPerMailboxIsTakenWithoutTheSpacesAroundIt() {
        assertThat(withTeamLeads(" teamleiders@homepair.nl ").teamLeadAddress()).isEqualTo("teamleiders@homepair.nl");
    }

    @Test
    void aMistypedOrListedStaffAddressStopsTheStartWithItsName() {
        for (String wrong : new String[] {"teamleiders@homepair", "teamleiders", "a@homepair.nl, b@homepair.nl",
                "Teamleiders <teamleiders@homepair.nl>"}) {
            assertThatThrownBy(() -> withTeamLeads(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("homepair.mail.team-lead-address").hasMessageContaining(wrong);
        }
    }

    @Test
    void aTeamsMailboxIsCheckedAndTakenForItsTasks() {
        MailProperties properties = new MailProperties("HomePair Klachten <klachten@homepair.nl>", "contact@homepair.nl",
                "teamleiders@homepair.nl", "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/",
                java.util.Map.of("gedrag", " gedrag@homepair.nl "));
        assertThat(properties.handlersAddressOf(java.util.List.of("gedrag"))).isEqualTo("gedrag@homepair.nl");
        assertThat(properties.handlersAddressOf(java.util.List.of("handlers"))).isEqualTo("klachtenteam@homepair.nl");
        assertThat(properties.handlersAddressOf(java.util.List.of())).isEqualTo("klachtenteam@homepair.nl");
        assertThatThrownBy(() -> new MailProperties("HomePair Klachten <klachten@homepair.nl>", "contact@homepair.nl",
                "teamleiders@homepair.nl", "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/",
                java.util.Map.of("gedrag", "gedrag@homepair"))).hasMessageContaining("homepair.mail.group-addresses.gedrag");
    }

    @Test
    void aTeamsMailboxIsSetByTheEnvironmentVariableTheReadmeNames() {
        java.util.Map<String, Object> environment = java.util.Map.of("HOMEPAIR_MAIL_FROM", "HomePair <klachten@homepair.nl>",
                "HOMEPAIR_MAIL_CONTACTADDRESS", "contact@homepair.nl", "HOMEPAIR_MAIL_TEAMLEADADDRESS", "teamleiders@homepair.nl",
                "HOMEPAIR_MAIL_HANDLERSADDRESS", "klachtenteam@homepair.nl", "HOMEPAIR_MAIL_DIRECTORSADDRESS", "directie@homepair.nl",
                "HOMEPAIR_MAIL_TEMPLATELOCATION", "classpath:/templates/mail/",
                "HOMEPAIR_MAIL_GROUPADDRESSES_GEDRAG", "gedrag@homepair.nl");
        MailProperties bound = new org.springframework.boot.context.properties.bind.Binder(
                org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(
                        new org.springframework.core.env.SystemEnvironmentPropertySource(
                                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .bind("homepair.mail", MailProperties.class).get();
        assertThat(bound.handlersAddressOf(java.util.List.of("gedrag"))).isEqualTo("gedrag@homepair.nl");
    }

    /** The sender is checked as the staff's mailboxes are: a missing {@code >} failed every mail, and the alert too. */
    @Test
    void aMistypedSenderStopsTheStartWithItsName() {
        for (String right : new String[] {"HomePair Klachten <klachten@homepair.nl>", "klachten@homepair.nl",
                "\"HomePair, Klachten\" <klachten@homepair.nl>"}) {
            assertThat(new MailProperties(right, "contact@homepair.nl", "teamleiders@homepair.nl", "klachtenteam@homepair.nl",
                    "directie@homepair.nl", "classpath:/templates/mail/", java.util.Map.of()).from()).isEqualTo(right);
        }
        for (String wrong : new String[] {"HomePair Klachten <klachten@homepair.nl", "klachten@homepair",
                "a@homepair.nl, b@homepair.nl", "HomePair Klachten"}) {
            assertThatThrownBy(() -> new MailProperties(wrong, "contact@homepair.nl", "teamleiders@homepair.nl",
                    "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/", java.util.Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAIL_FROM").hasMessageContaining(wrong);
        }
    }
}
