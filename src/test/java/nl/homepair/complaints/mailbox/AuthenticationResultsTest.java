package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    @Test
    void onlyOurServersHeaderCountsAndOnlyFailuresAreReported() {
        String[] headers = {"mx.homepair.nl; spf=softfail smtp.mailfrom=x.nl; dkim=pass; dmarc=fail",
            "evil.example; spf=pass; dkim=pass; dmarc=pass"};
        assertThat(IncomingMail.authenticationFailure(headers, null)).isEqualTo("SPF=softfail, DMARC=fail");
        assertThat(IncomingMail.authenticationFailure(headers, "mx.homepair.nl")).isEqualTo("SPF=softfail, DMARC=fail");
        // a sender cannot vouch for themselves with a header of their own below ours
        assertThat(IncomingMail.authenticationFailure(new String[] {"evil.example; dmarc=pass"}, "mx.homepair.nl")).isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {"mx.homepair.nl; spf=pass; dkim=none; dmarc=pass"}, null)).isNull();
        assertThat(IncomingMail.authenticationFailure(null, null)).isNull();
    }
}
