package nl.homepair.complaints.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    private static final String JAN = "jan@klusbedrijf-jansen.nl";

    @Test
    void onlyOurServersHeaderCountsAndFailuresAreReported() {
        String[] headers = {"mx.homepair.nl; spf=softfail smtp.mailfrom=x.nl; dkim=pass; dmarc=fail",
            "evil.example; spf=pass; dkim=pass; dmarc=pass"};
        assertThat(IncomingMail.authenticationFailure(headers, null, JAN)).isEqualTo("SPF=softfail, DMARC=fail");
        assertThat(IncomingMail.authenticationFailure(headers, "mx.homepair.nl", JAN)).isEqualTo("SPF=softfail, DMARC=fail");
        // a sender cannot vouch for themselves with a header of their own below ours: with our id configured, a mail
        // without our server's header did not come through it
        assertThat(IncomingMail.authenticationFailure(new String[] {"evil.example; dmarc=pass"}, "mx.homepair.nl", JAN))
                .contains("geen controle door onze mailserver");
        assertThat(IncomingMail.authenticationFailure(null, "mx.homepair.nl", JAN)).contains("geen controle");
        // the default run's mail catcher adds no header and no id is configured: nothing to judge
        assertThat(IncomingMail.authenticationFailure(null, null, JAN)).isNull();
    }

    @Test
    void theSendersDomainMustBeConfirmedNotJustSomeDomain() {
        // a forged From of a domain without DMARC: SPF passes, for the attacker's envelope domain
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=pass smtp.mailfrom=evil.example; dkim=none; dmarc=none"}, "mx.homepair.nl", JAN))
                .isEqualTo("geen bevestiging voor klusbedrijf-jansen.nl: SPF=pass, DKIM=none, DMARC=none");
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=none; dkim=pass header.d=evil.example; dmarc=none"}, "mx.homepair.nl", JAN)).isNotNull();
        // confirmed: DMARC passed, DKIM for the From domain, SPF for an envelope sender of that domain or a subdomain
        assertThat(IncomingMail.authenticationFailure(new String[] {"mx.homepair.nl; spf=pass; dkim=none; dmarc=pass"}, null, JAN))
                .isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=none; dkim=pass header.d=klusbedrijf-jansen.nl header.s=s1; dmarc=none"}, "mx.homepair.nl", JAN))
                .isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=pass smtp.mailfrom=bounces@mail.klusbedrijf-jansen.nl; dkim=none; dmarc=none"}, "mx.homepair.nl",
                JAN)).isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {"mx.homepair.nl; none"}, "mx.homepair.nl", JAN))
                .contains("geen SPF, DKIM of DMARC");
    }

    /**
     * A sender's own domain relayed through its web host: SPF softfails while its DKIM signature for the domain passes,
     * and DMARC passes. The domain's owner vouches for it; only DMARC failing, or no aligned pass at all, does not.
     */
    @Test
    void anAlignedPassOutweighsASingleFailureButDmarcFailingNever() {
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=softfail smtp.mailfrom=klusbedrijf-jansen.nl; dkim=pass header.d=klusbedrijf-jansen.nl; dmarc=pass"},
                "mx.homepair.nl", JAN)).isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=pass smtp.mailfrom=klusbedrijf-jansen.nl; dkim=fail header.d=lijst.example; dmarc=none"},
                "mx.homepair.nl", JAN)).isNull();
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=softfail smtp.mailfrom=klusbedrijf-jansen.nl; dkim=pass header.d=evil.example; dmarc=none"},
                "mx.homepair.nl", JAN)).isEqualTo("SPF=softfail");
        assertThat(IncomingMail.authenticationFailure(new String[] {
            "mx.homepair.nl; spf=pass smtp.mailfrom=klusbedrijf-jansen.nl; dkim=pass header.d=klusbedrijf-jansen.nl; dmarc=fail"},
                "mx.homepair.nl", JAN)).isEqualTo("DMARC=fail");
    }
}
