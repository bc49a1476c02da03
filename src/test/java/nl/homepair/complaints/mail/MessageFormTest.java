package nl.homepair.complaints.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageFormTest {

    @Test
    void anAddressIsAFullWebAddressOrNone() {
        assertThat(new MessageForm(null).url()).isNull();
        assertThat(new MessageForm("  ").url()).as("an empty environment variable").isNull();
        assertThat(new MessageForm(" https://klachten.homepair.nl/klacht/bericht ").url())
                .isEqualTo("https://klachten.homepair.nl/klacht/bericht");
        // a typo stops the start, instead of a mail that sends complainants to nowhere
        assertThatThrownBy(() -> new MessageForm("klachten.homepair.nl/klacht/bericht"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("homepair.message-form.url");
        assertThatThrownBy(() -> new MessageForm("https:///klacht/bericht")).isInstanceOf(IllegalArgumentException.class);
    }
}
