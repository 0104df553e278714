package org.cipherpost.dht.internal;

import java.security.MessageDigest;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.BencodeValue;

/**
 * Takes the first {@code get} response whose value hashes to the target and stops the lookup.
 */
final class ImmutableGetVisitor implements Lookup.Visitor {
    private final byte[] target;
    private BencodeValue value;

    /**
     * Creates a visitor for one target.
     *
     * @param target 20-byte SHA-1 of the wanted value's encoding
     */
    ImmutableGetVisitor(final byte[] target) {
        this.target = target.clone();
    }

    @Override
    public boolean visit(final LookupCandidate candidate, final KrpcResponse response) {
        final BencodeValue candidateValue = response.values().get("v").orElse(null);
        if (candidateValue == null
                || !MessageDigest.isEqual(Bep44.immutableTarget(Bencode.encode(candidateValue)), target)) {
            return false;
        }
        value = candidateValue;
        return true;
    }

    /**
     * Returns the value found.
     *
     * @return value, or null
     */
    BencodeValue value() {
        return value;
    }
}
