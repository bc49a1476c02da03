package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The staff's mailboxes are checked at start-up, not when the first alert cannot leave. */
class MailPropertiesTest {

    private static MailProperties withTeamLeads(String address) {
        return new MailProperties("HomePair Klachten <klachten@homepair.nl>", "contact@homepair.nl", address,
                "klachtenteam@homepair.nl", "directie@homepair.nl", "classpath:/templates/mail/");
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
}
