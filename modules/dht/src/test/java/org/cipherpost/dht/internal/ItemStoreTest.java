package org.cipherpost.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeInteger;
import org.cipherpost.wire.MutableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** BEP 44 storage rules: seq, cas, expiry after 2 hours and the item cap. */
class ItemStoreTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ItemStore store = new ItemStore(clock, 3);

    @Test
    void mutableUpdatesFollowSeqAndCas() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem five = MutableItem.sign(seed, null, 5, BencodeBytes.utf8("five"));
            store.putMutable(five, OptionalLong.of(99));
            final NodeId target = NodeId.of(five.target());
            assertEquals(5, mutable(target).seq());
            assertCode(302, () -> store.putMutable(MutableItem.sign(seed, null, 4, BencodeBytes.utf8("four")),
                    OptionalLong.empty()));
            assertCode(302, () -> store.putMutable(MutableItem.sign(seed, null, 5, BencodeBytes.utf8("FIVE")),
                    OptionalLong.empty()));
            assertCode(301, () -> store.putMutable(MutableItem.sign(seed, null, 6, BencodeBytes.utf8("six")),
                    OptionalLong.of(4)));
            store.putMutable(MutableItem.sign(seed, null, 6, BencodeBytes.utf8("six")), OptionalLong.of(5));
            assertEquals(6, mutable(target).seq());
        }
    }

    @Test
    void itemsExpireTwoHoursAfterTheLastPutAndRePutsRefresh() throws Exception {
        try (SecretBytes seed = Ed25519.generateSeed()) {
            final MutableItem item = MutableItem.sign(seed, null, 1, BencodeInteger.of(1));
            final NodeId target = NodeId.of(item.target());
            store.putMutable(item, OptionalLong.empty());
            clock.advance(Duration.ofMinutes(90));
            store.putMutable(item, OptionalLong.empty());
            clock.advance(Duration.ofMinutes(90));
            assertNotNull(store.get(target), "refreshed by the equal re-put");
            clock.advance(Duration.ofMinutes(30));
            assertNull(store.get(target));
            assertEquals(0, store.size());
        }
    }

    @Test
    void capacityEvictsTheLeastRecentlyPut() throws Exception {
        final BencodeBytes[] values = new BencodeBytes[4];
        for (int i = 0; i < values.length; i++) {
            values[i] = BencodeBytes.utf8("value " + i);
            store.putImmutable(target(values[i]), values[i]);
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(3, store.size());
        assertNull(store.get(target(values[0])));
        assertInstanceOf(StoredItem.Immutable.class, store.get(target(values[3])));
    }

    @Test
    void expireDropsOnlyStaleItems() throws Exception {
        store.putImmutable(target(BencodeBytes.utf8("old")), BencodeBytes.utf8("old"));
        clock.advance(Duration.ofMinutes(100));
        store.putImmutable(target(BencodeBytes.utf8("new")), BencodeBytes.utf8("new"));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, store.expire());
        assertEquals(1, store.size());
    }

    private MutableItem mutable(final NodeId target) {
        return assertInstanceOf(StoredItem.Mutable.class, store.get(target)).item();
    }

    private static NodeId target(final BencodeBytes value) {
        return NodeId.of(Bep44.immutableTarget(Bencode.encode(value)));
    }

    private static void assertCode(final int code, final Executable put) {
        assertEquals(code, assertThrows(Bep44Exception.class, put).code());
    }
}
