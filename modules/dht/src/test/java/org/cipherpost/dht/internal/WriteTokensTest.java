package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Write tokens: rotation with the injected clock, binding to address and target. */
class WriteTokensTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final byte[] target = new byte[20];

    @Test
    void tokensLiveThroughOneRotationAndDieAfterTwo() throws Exception {
        try (WriteTokens tokens = new WriteTokens(clock, Duration.ofMinutes(5), new SecureRandom())) {
            final InetAddress ip = InetAddress.getByName("8.8.8.8");
            final byte[] token = tokens.issue(ip, target);
            assertEquals(WriteTokens.TOKEN_LENGTH, token.length);
            assertTrue(tokens.valid(token, ip, target));
            clock.advance(Duration.ofMinutes(4));
            assertTrue(tokens.valid(token, ip, target));
            clock.advance(Duration.ofMinutes(2));
            assertTrue(tokens.valid(token, ip, target), "previous secret still accepted");
            final byte[] fresh = tokens.issue(ip, target);
            clock.advance(Duration.ofMinutes(5));
            assertFalse(tokens.valid(token, ip, target), "two rotations later");
            assertTrue(tokens.valid(fresh, ip, target));
            clock.advance(Duration.ofMinutes(30));
            assertFalse(tokens.valid(fresh, ip, target), "long idle: both secrets replaced");
        }
    }

    @Test
    void tokensAreBoundToAddressAndTarget() throws Exception {
        try (WriteTokens tokens = new WriteTokens(clock, Duration.ofMinutes(5), new SecureRandom())) {
            final InetAddress ip = InetAddress.getByName("8.8.8.8");
            final byte[] token = tokens.issue(ip, target);
            assertFalse(tokens.valid(token, InetAddress.getByName("8.8.4.4"), target));
            final byte[] otherTarget = new byte[20];
            otherTarget[19] = 1;
            assertFalse(tokens.valid(token, ip, otherTarget));
            assertFalse(tokens.valid(null, ip, target));
            assertFalse(tokens.valid(new byte[3], ip, target));
        }
    }
}
