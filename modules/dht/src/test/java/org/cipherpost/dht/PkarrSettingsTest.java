package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PkarrSettingsTest {

    @Test
    void defaultsAreThePublicDht() throws IOException {
        final PkarrSettings settings = PkarrSettings.fromEnvironment(Map.of());
        assertTrue(settings.relay().isEmpty());
        assertEquals(DhtConfig.DEFAULT_BOOTSTRAP, settings.bootstrap());
        assertFalse(settings.effectiveTestnet());
        assertEquals(PkarrSettings.DEFAULT_TIMEOUT, settings.timeout());
    }

    @Test
    void environmentSelectsRelayAndBootstrap() throws IOException {
        final PkarrSettings settings = PkarrSettings.fromEnvironment(Map.of(
                PkarrSettings.RELAY_VARIABLE, "https://relay.example/pkarr/",
                PkarrSettings.BOOTSTRAP_VARIABLE, "127.0.0.1:7000,localhost:7001"));
        assertEquals(URI.create("https://relay.example/pkarr"), settings.relay().orElseThrow());
        assertEquals(2, settings.bootstrap().size());
        assertTrue(settings.loopbackOnly());
        assertTrue(settings.effectiveTestnet());
        assertTrue(PkarrSettings.fromEnvironment(Map.of(PkarrSettings.RELAY_VARIABLE, " ")).relay().isEmpty());
    }

    @Test
    void testnetIsImpliedOnlyWhenEveryBootstrapAddressIsLoopback() throws IOException {
        final PkarrSettings mixed = PkarrSettings.defaults()
                .withBootstrap(DhtConfig.parseBootstrap("127.0.0.1:7000 router.example:6881"));
        assertFalse(mixed.effectiveTestnet());
        assertTrue(mixed.withTestnet(true).effectiveTestnet());
        assertFalse(PkarrSettings.defaults().withBootstrap(DhtConfig.parseBootstrap("10.0.0.1:7000"))
                .effectiveTestnet());
        assertTrue(PkarrSettings.defaults().withBootstrap(DhtConfig.parseBootstrap("[::1]:7000, 127.8.9.10:1"))
                .loopbackOnly());
    }

    @Test
    void relayUrlsMustBeHttpWithHostAndNothingElse() {
        for (final String bad : new String[] {"ftp://relay", "relay.example", "https://", "https://u:p@relay",
            "https://relay/?q=1", "https://relay/#f", "http://[bad"}) {
            assertThrows(IOException.class, () -> PkarrSettings.parseRelay(bad), bad);
        }
        assertThrows(IOException.class, () -> PkarrSettings.fromEnvironment(Map.of(
                PkarrSettings.BOOTSTRAP_VARIABLE, "no-port")));
    }
}
