package org.cipherpost.crypto.internal.age;

import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKey;

/** Destroyable 32-byte ChaCha20 key: the payload key or a stanza wrap key. */
final class PayloadKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private static final int LENGTH = 32;

    private final byte[] encoded;

    private volatile boolean destroyed;

    /**
     * Takes ownership of the key bytes.
     *
     * @param owned 32 key bytes, wiped on {@link #destroy()}
     */
    PayloadKey(final byte[] owned) {
        Objects.requireNonNull(owned, "Key bytes required");
        if (owned.length != LENGTH) {
            throw new IllegalArgumentException("Key length [%d] not [%d]".formatted(owned.length, LENGTH));
        }
        this.encoded = owned;
    }

    @Override
    public String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("Key destroyed");
        }
        return encoded.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(encoded, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "PayloadKey[" + (destroyed ? "destroyed]" : "32 bytes]");
    }
}
