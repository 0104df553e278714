package org.cipherpost.dht.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.cipherpost.dht.DhtException;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * Items a full node stores (BEP 44): they expire a lifetime after their last put, and past the capacity the
 * least recently put item is evicted. Mutable updates follow BEP 44: {@code cas} must match the stored
 * {@code seq} (301), and {@code seq} must grow (302); re-putting the same item at the same {@code seq} only
 * refreshes its expiry.
 */
final class ItemStore {
    /** Items expire this long after their last put unless put again (BEP 44). */
    static final Duration LIFETIME = Duration.ofHours(2);

    private final InstantSource clock;
    private final int capacity;
    private final LinkedHashMap<NodeId, StoredItem> items = new LinkedHashMap<>();

    /**
     * Creates an empty store.
     *
     * @param clock clock for expiry
     * @param capacity largest number of items
     */
    ItemStore(final InstantSource clock, final int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /**
     * Returns the live item under a target.
     *
     * @param target target
     * @return item, or null when absent or expired
     */
    synchronized StoredItem get(final NodeId target) {
        final StoredItem item = items.get(target);
        if (item != null && expired(item, clock.instant())) {
            items.remove(target);
            return null;
        }
        return item;
    }

    /**
     * Stores a verified mutable item under its target.
     *
     * @param item verified item
     * @param cas expected stored {@code seq}, ignored when nothing is stored
     * @throws Bep44Exception with code 301, 302 or 203 when the update is refused
     */
    synchronized void putMutable(final MutableItem item, final OptionalLong cas) throws Bep44Exception {
        final NodeId target = NodeId.of(item.target());
        final StoredItem existing = get(target);
        if (existing instanceof StoredItem.Immutable) {
            throw new Bep44Exception(DhtException.PROTOCOL_ERROR, "Target holds an immutable item");
        }
        if (existing instanceof StoredItem.Mutable stored) {
            final long storedSeq = stored.item().seq();
            if (cas.isPresent() && cas.getAsLong() != storedSeq) {
                throw new Bep44Exception(DhtException.CAS_MISMATCH, "CAS mismatch, re-read value and try again");
            }
            if (item.seq() < storedSeq) {
                throw new Bep44Exception(DhtException.SEQ_TOO_OLD, "Sequence number less than current");
            }
            if (item.seq() == storedSeq && !sameItem(item, stored.item())) {
                throw new Bep44Exception(DhtException.SEQ_TOO_OLD, "Sequence number not greater than current");
            }
        }
        store(target, new StoredItem.Mutable(item, clock.instant()));
    }

    /**
     * Stores an immutable value under the SHA-1 of its encoding (the caller computed the target from the value).
     *
     * @param target SHA-1 of the encoded value
     * @param value value
     * @throws Bep44Exception with code 203 when the target holds a mutable item
     */
    synchronized void putImmutable(final NodeId target, final BencodeValue value) throws Bep44Exception {
        if (get(target) instanceof StoredItem.Mutable) {
            throw new Bep44Exception(DhtException.PROTOCOL_ERROR, "Target holds a mutable item");
        }
        store(target, new StoredItem.Immutable(value, clock.instant()));
    }

    /**
     * Drops expired items.
     *
     * @return number of items dropped
     */
    synchronized int expire() {
        final Instant now = clock.instant();
        int dropped = 0;
        final Iterator<Map.Entry<NodeId, StoredItem>> iterator = items.entrySet().iterator();
        while (iterator.hasNext()) {
            if (expired(iterator.next().getValue(), now)) {
                iterator.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /**
     * Returns the number of items held, expired ones not yet dropped included.
     *
     * @return item count
     */
    synchronized int size() {
        return items.size();
    }

    private void store(final NodeId target, final StoredItem item) {
        items.remove(target);
        if (items.size() >= capacity) {
            expire();
        }
        while (items.size() >= capacity) {
            final Iterator<NodeId> eldest = items.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        items.put(target, item);
    }

    private static boolean expired(final StoredItem item, final Instant now) {
        return !now.isBefore(item.storedAt().plus(LIFETIME));
    }

    private static boolean sameItem(final MutableItem a, final MutableItem b) {
        return Arrays.equals(a.encodedValue(), b.encodedValue());
    }
}
