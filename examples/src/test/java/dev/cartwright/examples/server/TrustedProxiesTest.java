package dev.cartwright.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies edge = TrustedProxies.parse("10.0.0.0/8, 192.0.2.10, fd00::/8");

    @Test
    void aPeerThatIsNoProxyIsTheClientWhateverItForwards() {
        assertThat(edge.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(TrustedProxies.none().clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("10.1.2.3");
        assertThat(edge.forwardedOverTls("203.0.113.5", List.of("https"))).isFalse();
    }

    @Test
    void behindProxiesTheClientIsTheRightmostAddressThatIsNoProxy() {
        assertThat(edge.clientAddress("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(edge.clientAddress("10.0.0.5", List.of("6.6.6.6, 198.51.100.1, 192.0.2.10")))
                .as("what the client wrote itself, left of its own address, is not believed").isEqualTo("198.51.100.1");
        assertThat(edge.clientAddress("10.0.0.5", List.of("6.6.6.6", "198.51.100.1, 10.9.9.9")))
                .as("several headers are one list").isEqualTo("198.51.100.1");
    }

    @Test
    void aChainOfProxiesOnlyIsReadToItsLeftEndAndNoChainLeavesThePeer() {
        assertThat(edge.clientAddress("10.0.0.5", List.of("10.1.1.1, 192.0.2.10"))).isEqualTo("10.1.1.1");
        assertThat(edge.clientAddress("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void anEntryThatIsNoAddressEndsTheReadingAtTheLastProxy() {
        assertThat(edge.clientAddress("10.0.0.5", List.of("198.51.100.1, unknown, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(edge.clientAddress("10.0.0.5", List.of("example.com"))).as("never resolved").isEqualTo("10.0.0.5");
        assertThat(edge.clientAddress("10.0.0.5", List.of("999.1.1.1"))).isEqualTo("10.0.0.5");
        assertThat(edge.clientAddress("10.0.0.5", List.of("01.2.3.4"))).as("no octal").isEqualTo("10.0.0.5");
        assertThat(edge.clientAddress("10.0.0.5", List.of("fe80::1%eth0"))).as("no zone").isEqualTo("10.0.0.5");
        assertThat(edge.clientAddress("10.0.0.5", List.of(".:"))).isEqualTo("10.0.0.5");
        assertThat(edge.clientAddress("10.0.0.5", List.of("1".repeat(100) + ":1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void portsAndBracketsAreReadAndIpv6IsWrittenInFull() {
        assertThat(edge.clientAddress("10.0.0.5", List.of("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(edge.clientAddress("10.0.0.5", List.of("[2001:db8::1]:4711")))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(edge.clientAddress("[fd00::2]", List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(edge.clientAddress("fd12:3456::9", List.of("::ffff:198.51.100.1")))
                .as("an IPv4-mapped address is its IPv4 address").isEqualTo("198.51.100.1");
    }

    @Test
    void blocksMatchTheirPrefixOnlyAndFamiliesNeverMix() {
        TrustedProxies odd = TrustedProxies.parse("192.0.2.128/25, 2001:db8::/33");
        assertThat(odd.trusts("192.0.2.128")).isTrue();
        assertThat(odd.trusts("192.0.2.255")).isTrue();
        assertThat(odd.trusts("192.0.2.127")).isFalse();
        assertThat(odd.trusts("2001:db8:7fff::1")).isTrue();
        assertThat(odd.trusts("2001:db8:8000::1")).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("203.0.113.5")).isTrue();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts("2001:db8::1")).isFalse();
        assertThat(edge.trusts("not an address")).isFalse();
        assertThat(edge.and(List.of("127.0.0.1")).trusts("127.0.0.1")).isTrue();
    }

    @Test
    void theLastForwardedProtoOfATrustedPeerSaysWhetherTheRequestCameOverTls() {
        assertThat(edge.forwardedOverTls("10.0.0.5", List.of("https"))).isTrue();
        assertThat(edge.forwardedOverTls("10.0.0.5", List.of("http, https"))).isTrue();
        assertThat(edge.forwardedOverTls("10.0.0.5", List.of("https", "http"))).isFalse();
        assertThat(edge.forwardedOverTls("10.0.0.5", List.of())).isFalse();
    }

    @Test
    void whatIsNeitherAnAddressNorABlockIsRefusedNamingIt() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, proxy.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("0 to 32 bits");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/x")).hasMessageContaining("10.0.0.0/x");
        assertThat(TrustedProxies.parse(" , ").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null)).isEqualTo(TrustedProxies.none());
    }
}
