package org.cipherpost.wire;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.cipherpost.crypto.SecretBytes;

/** The typed secret an envelope carries: a kind and the bytes, held in {@link SecretBytes} and wiped on close. */
public final class Material implements Destroyable, AutoCloseable {
    /** Largest material, in bytes: the 64 KiB plaintext cap (SPEC PAYL-03). */
    public static final int MAX_BYTES = 65536;

    private final MaterialKind kind;
    private final SecretBytes bytes;

    private Material(final MaterialKind kind, final SecretBytes bytes) {
        this.kind = kind;
        this.bytes = bytes;
    }

    /**
     * Creates material from a copy of the given bytes; the caller keeps (and should wipe) its array.
     *
     * @param kind material kind
     * @param bytes material bytes, at most {@link #MAX_BYTES}
     * @return material
     */
    public static Material copyOf(final MaterialKind kind, final byte[] bytes) {
        Objects.requireNonNull(bytes, "Material bytes required");
        checkLength(bytes.length);
        return new Material(Objects.requireNonNull(kind, "Material kind required"), SecretBytes.copyOf(bytes));
    }

    /**
     * Creates material from a copy of the given secret; the caller keeps (and should close) its holder.
     *
     * @param kind material kind
     * @param bytes material bytes, at most {@link #MAX_BYTES}
     * @return material
     */
    public static Material copyOf(final MaterialKind kind, final SecretBytes bytes) {
        Objects.requireNonNull(bytes, "Material bytes required");
        return copyOf(kind, bytes.bytes());
    }

    /**
     * Creates material owning the given holder.
     *
     * @param kind material kind
     * @param owned holder, owned from now on
     * @return material
     */
    static Material own(final MaterialKind kind, final SecretBytes owned) {
        return new Material(kind, owned);
    }

    /**
     * Returns the kind.
     *
     * @return kind
     */
    public MaterialKind kind() {
        return kind;
    }

    /**
     * Returns the bytes, owned by this material; callers must not close or keep them past {@link #close()}.
     *
     * @return live secret bytes
     */
    public SecretBytes bytes() {
        return bytes;
    }

    /**
     * Returns the number of bytes.
     *
     * @return length
     */
    public int length() {
        return bytes.length();
    }

    @Override
    public void destroy() {
        bytes.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return bytes.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "Material[" + kind.wireName() + ", " + bytes.length() + " bytes"
                + (isDestroyed() ? ", destroyed]" : "]");
    }

    private static void checkLength(final int length) {
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException(String.format("Material length [%d] greater than maximum [%d]",
                    length, MAX_BYTES));
        }
    }
}
