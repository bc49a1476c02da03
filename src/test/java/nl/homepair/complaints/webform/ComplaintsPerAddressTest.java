package nl.homepair.complaints.webform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One mailbox is one address for the web form's cap, however it is written. */
class ComplaintsPerAddressTest {

    @Test
    void oneMailboxIsOneAddressHoweverItIsWritten() {
        String key = ComplaintsPerAddress.key("jan@example.nl");
        assertThat(ComplaintsPerAddress.key(" Jan@Example.NL ")).isEqualTo(key);
        assertThat(ComplaintsPerAddress.key("jan+klacht4@example.nl")).isEqualTo(key);
        assertThat(ComplaintsPerAddress.key("j.a.n+x@gmail.com")).isEqualTo(ComplaintsPerAddress.key("jan@googlemail.com"));
        // elsewhere a dot is part of the name
        assertThat(ComplaintsPerAddress.key("j.an@example.nl")).isNotEqualTo(key);
        assertThat(ComplaintsPerAddress.key("piet@example.nl")).isNotEqualTo(key);
    }
}
