package nl.homepair.complaints.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void anIpv6AddressCountsAsItsNetworkAndAnIpv4AddressAsItself() {
        assertThat(ClientAddresses.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.network("2001:0db8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.network("[2001:db8:1:2::1]")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddresses.network("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientAddresses.network("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddresses.network("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddresses.network("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddresses.network("not:an:address:here")).isEqualTo("not:an:address:here");
        assertThat(ClientAddresses.network(null)).isNull();
    }

    @Test
    void aWideNetworkIsAnIpv6Slash48AndAnIpv4AddressAsItself() {
        assertThat(ClientAddresses.wideNetwork("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1::/48");
        assertThat(ClientAddresses.wideNetwork("2001:db8:1:ff00::1")).isEqualTo(ClientAddresses.wideNetwork("2001:db8:1:2::1"));
        assertThat(ClientAddresses.wideNetwork("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddresses.wideNetwork("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddresses.wideNetwork("not:an:address:here")).isEqualTo("not:an:address:here");
    }
}
