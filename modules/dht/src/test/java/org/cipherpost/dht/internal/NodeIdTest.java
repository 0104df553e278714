package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** XOR distance and shared-prefix length of 160-bit IDs. */
class NodeIdTest {

    @Test
    void commonPrefixCountsLeadingEqualBits() {
        final NodeId zero = NodeId.of(new byte[20]);
        assertEquals(160, zero.commonPrefixBits(zero));
        assertEquals(0, zero.commonPrefixBits(id(0, 0x80)));
        assertEquals(7, zero.commonPrefixBits(id(0, 0x01)));
        assertEquals(8, zero.commonPrefixBits(id(1, 0x80)));
        assertEquals(159, zero.commonPrefixBits(id(19, 0x01)));
    }

    @Test
    void distanceIsXorOrderedAsUnsignedBytes() {
        final NodeId target = id(0, 0x10);
        assertTrue(target.compareDistance(id(0, 0x11), id(0, 0x12)) < 0);
        assertTrue(target.compareDistance(id(0, 0x90), id(0, 0x00)) > 0);
        assertEquals(0, target.compareDistance(id(5, 1), id(5, 1)));
    }

    @Test
    void idsAreTwentyBytesAndCopied() {
        assertThrows(IllegalArgumentException.class, () -> NodeId.of(new byte[19]));
        final byte[] bytes = new byte[20];
        final NodeId id = NodeId.of(bytes);
        bytes[0] = 1;
        assertEquals(NodeId.of(new byte[20]), id);
        assertNotEquals(NodeId.random(new SecureRandom()), NodeId.random(new SecureRandom()));
    }

    static NodeId id(final int index, final int value) {
        final byte[] bytes = new byte[20];
        bytes[index] = (byte) value;
        return NodeId.of(bytes);
    }
}
