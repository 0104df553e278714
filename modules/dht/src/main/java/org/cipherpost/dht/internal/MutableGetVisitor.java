package org.cipherpost.dht.internal;

import java.security.SignatureException;
import java.util.Arrays;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.BencodeInteger;
import org.cipherpost.wire.BencodeValue;
import org.cipherpost.wire.MutableItem;

/**
 * Collects mutable items from {@code get} responses: keeps only items under the requested key that verify,
 * and of those the one with the highest {@code seq} (on equal {@code seq}, the larger encoded value).
 */
final class MutableGetVisitor implements Lookup.Visitor {
    private final byte[] publicKey;
    private final byte[] salt;
    private MutableItem best;
    private int holding;

    /**
     * Creates a visitor for one key and salt.
     *
     * @param publicKey requested 32-byte key
     * @param salt requested salt, empty for none
     */
    MutableGetVisitor(final byte[] publicKey, final byte[] salt) {
        this.publicKey = publicKey.clone();
        this.salt = salt.clone();
    }

    @Override
    public boolean visit(final LookupCandidate candidate, final KrpcResponse response) {
        final MutableItem item = item(response.values());
        if (item == null) {
            return false;
        }
        if (best == null || item.seq() > best.seq() || item.seq() == best.seq()
                && Arrays.compareUnsigned(item.encodedValue(), best.encodedValue()) > 0) {
            best = item;
            holding = 1;
        } else if (item.seq() == best.seq() && Arrays.equals(item.encodedValue(), best.encodedValue())) {
            holding++;
        }
        return false;
    }

    /**
     * Returns the best item found.
     *
     * @return item, or null
     */
    MutableItem best() {
        return best;
    }

    /**
     * Returns how many nodes returned the best item.
     *
     * @return holder count
     */
    int holding() {
        return holding;
    }

    private MutableItem item(final BencodeDictionary values) {
        final BencodeValue value = values.get("v").orElse(null);
        if (value == null
                || !(values.get("k").orElse(null) instanceof BencodeBytes key)
                || !(values.get("sig").orElse(null) instanceof BencodeBytes signature)
                || !(values.get("seq").orElse(null) instanceof BencodeInteger seq)) {
            return null;
        }
        final byte[] keyBytes = key.bytes();
        if (!Arrays.equals(keyBytes, publicKey)) {
            return null;
        }
        try {
            return MutableItem.verify(keyBytes, salt, seq.value(), value, signature.bytes());
        } catch (final Bep44Exception | SignatureException e) {
            return null;
        }
    }
}
