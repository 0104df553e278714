package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults, bootstrap list parsing and range checks of the node settings. */
class DhtConfigTest {

    @Test
    void defaultsAreAClientOfThePublicRouters() {
        final DhtConfig config = DhtConfig.builder().build();
        assertEquals(DhtMode.CLIENT, config.mode());
        assertFalse(config.testnet());
        assertEquals(0, config.port());
        assertEquals("0.0.0.0", config.bindAddress().getHostAddress());
        assertEquals(List.of("router.bittorrent.com:6881", "dht.transmissionbt.com:6881", "dht.libtorrent.org:25401",
                "relay.pkarr.org:6881"), config.bootstrap().stream()
                        .map(address -> address.getHostString() + ":" + address.getPort()).toList());
        assertTrue(config.bootstrap().stream().allMatch(InetSocketAddress::isUnresolved));
        assertEquals(Duration.ofSeconds(2), config.requestTimeout());
        assertEquals(3, config.alpha());
        assertEquals(Duration.ofMinutes(5), config.tokenRotation());
        assertNull(config.nodeId());
    }

    @Test
    void bootstrapListsParseHostsAndBracketedIpv6() throws IOException {
        final List<InetSocketAddress> parsed = DhtConfig.parseBootstrap(
                " 127.0.0.1:6881, router.example:25401\t[::1]:7000 ");
        assertEquals(3, parsed.size());
        assertEquals("127.0.0.1", parsed.get(0).getHostString());
        assertEquals(6881, parsed.get(0).getPort());
        assertEquals("router.example", parsed.get(1).getHostString());
        assertEquals("::1", parsed.get(2).getHostString());
        assertTrue(parsed.stream().allMatch(InetSocketAddress::isUnresolved));
        assertEquals(List.of(), DhtConfig.parseBootstrap("  "));
    }

    @Test
    void malformedBootstrapEntriesAreRejected() {
        for (final String bad : List.of("host", "host:", ":6881", "host:0", "host:65536", "host:x", "::1:6881")) {
            assertThrows(IOException.class, () -> DhtConfig.parseBootstrap(bad), bad);
        }
    }

    @Test
    void outOfRangeSettingsAreRejected() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().alpha(0).build());
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().alpha(9).build());
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().port(70000).build());
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().requestTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().rateLimit(0, 1).build());
        assertThrows(IllegalArgumentException.class, () -> DhtConfig.builder().nodeId(new byte[19]).build());
        assertThrows(IllegalArgumentException.class,
                () -> DhtConfig.builder().bindAddress(InetAddress.getByName("::1")).build());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        final DhtConfig config = DhtConfig.builder().mode(DhtMode.FULL).testnet(true).port(6881).alpha(4)
                .maxStoredItems(10).maxPendingRequests(20).rateLimit(5, 6).maxTrackedSources(7)
                .nodeId(new byte[20]).build();
        final DhtConfig copy = config.toBuilder().build();
        assertEquals(DhtMode.FULL, copy.mode());
        assertTrue(copy.testnet());
        assertEquals(6881, copy.port());
        assertEquals(4, copy.alpha());
        assertEquals(10, copy.maxStoredItems());
        assertEquals(20, copy.maxPendingRequests());
        assertEquals(5, copy.rateLimitPerSecond());
        assertEquals(6, copy.rateLimitBurst());
        assertEquals(7, copy.maxTrackedSources());
        assertEquals(20, copy.nodeId().length);
    }
}
