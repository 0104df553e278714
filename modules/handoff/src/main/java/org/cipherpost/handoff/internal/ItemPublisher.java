package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.PutResult;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.PublicKeys;

/**
 * Publishes salted items: {@code seq} is the UNIX second of publication, strictly above any {@code seq} seen (and
 * above a floor the caller knows of), stored with {@code cas} on the seen {@code seq}; one CAS conflict is retried
 * after looking again. Republishing re-puts an item as signed, counting 302 answers as already held.
 */
final class ItemPublisher {
    private static final int MAX_ATTEMPTS = 2;

    private final SaltedItemStore store;
    private final InstantSource clock;

    /**
     * Creates a publisher.
     *
     * @param store salted items
     * @param clock clock for {@code seq}
     */
    ItemPublisher(final SaltedItemStore store, final InstantSource clock) {
        this.store = Objects.requireNonNull(store, "Salted item store required");
        this.clock = Objects.requireNonNull(clock, "Clock required");
    }

    /**
     * A published item.
     *
     * @param item the signed item stored
     * @param stored nodes that stored it
     */
    record Published(MutableItem item, int stored) {
    }

    /**
     * Looks up the current item under a key and salt.
     *
     * @param publicKey 32-byte key
     * @param salt salt
     * @return item or empty
     * @throws SignatureException when the store vouches for an item that does not verify
     * @throws IOException when the lookup failed
     * @throws InterruptedException when interrupted
     */
    Optional<MutableItem> current(final byte[] publicKey, final byte[] salt)
            throws IOException, SignatureException, InterruptedException {
        return store.get(publicKey, salt).value();
    }

    /**
     * Signs and stores a new value under the seed's key and a salt.
     *
     * @param seed 32-byte Ed25519 seed
     * @param salt salt
     * @param value value
     * @param minimumSeq lowest {@code seq} acceptable (such as one above a stored item's), or 0
     * @return the stored item
     * @throws DhtException when no node stored it (301 after the retry, 302, or no answer)
     * @throws IOException when the value does not fit or the network failed
     * @throws InterruptedException when interrupted
     */
    Published publish(final SecretBytes seed, final byte[] salt, final BencodeValue value, final long minimumSeq)
            throws IOException, InterruptedException {
        final byte[] key = Ed25519.publicKey(seed);
        PutResult last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            final Optional<MutableItem> seen;
            try {
                seen = current(key, salt);
            } catch (final SignatureException e) {
                throw new IOException("Lookup returned an item that does not verify", e);
            }
            long seq = Math.max(clock.instant().getEpochSecond(), minimumSeq);
            if (seen.isPresent()) {
                seq = Math.max(seq, Math.addExact(seen.get().seq(), 1));
            }
            final MutableItem item = MutableItem.sign(seed, salt, seq, value);
            last = store.put(item, seen.map(found -> OptionalLong.of(found.seq())).orElse(OptionalLong.empty()));
            if (last.stored() > 0) {
                return new Published(item, last.stored());
            }
            if (last.errors(DhtException.CAS_MISMATCH) == 0) {
                break;
            }
        }
        throw refused(last, PublicKeys.toZ32(key));
    }

    /**
     * Stores a signed item again, unchanged, to renew it.
     *
     * @param item signed item
     * @return nodes that stored it or already held it (or a newer one: 302)
     * @throws DhtException when no node stored or held it
     * @throws IOException when the network failed
     * @throws InterruptedException when interrupted
     */
    int republish(final MutableItem item) throws IOException, InterruptedException {
        final PutResult put = store.put(item, OptionalLong.empty());
        final int held = put.stored() + put.errors(DhtException.SEQ_TOO_OLD);
        if (held == 0) {
            throw new DhtException(String.format("No node stored or held the item of [%s] ([%d] asked)",
                    PublicKeys.toZ32(item.publicKey()), put.attempted()));
        }
        return held;
    }

    private static DhtException refused(final PutResult put, final String key) {
        if (put.errors(DhtException.CAS_MISMATCH) > 0) {
            return new DhtException(DhtException.CAS_MISMATCH, String.format(
                    "Item of [%s] changed concurrently twice; [%d] nodes reported a CAS mismatch", key,
                    put.errors(DhtException.CAS_MISMATCH)));
        }
        if (put.errors(DhtException.SEQ_TOO_OLD) > 0) {
            return new DhtException(DhtException.SEQ_TOO_OLD, String.format(
                    "[%d] nodes hold a more recent item of [%s]", put.errors(DhtException.SEQ_TOO_OLD), key));
        }
        return new DhtException(String.format("No node stored the item of [%s] ([%d] asked)", key,
                put.attempted()));
    }
}
