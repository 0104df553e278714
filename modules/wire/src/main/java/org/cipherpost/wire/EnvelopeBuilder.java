package org.cipherpost.wire;

import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/**
 * Builds an {@link Envelope}; the purpose is normalized here, once, as SPEC D-WIRE-05 requires at send time.
 *
 * <p>The builder copies the material when it is given and hands that copy to the envelope it builds.
 */
public final class EnvelopeBuilder {
    private boolean burnAfterRead;
    private Long createdAt;
    private Material material;
    private String purpose;

    EnvelopeBuilder() {
    }

    /**
     * Sets the creation time; use the same value as the outer record's {@code created_at}.
     *
     * @param unixSeconds UNIX seconds
     * @return this builder
     */
    public EnvelopeBuilder createdAt(final long unixSeconds) {
        this.createdAt = unixSeconds;
        return this;
    }

    /**
     * Sets the material from a copy of the given bytes.
     *
     * @param kind material kind
     * @param bytes material bytes, at most {@link Material#MAX_BYTES}
     * @return this builder
     */
    public EnvelopeBuilder material(final MaterialKind kind, final byte[] bytes) {
        replace(Material.copyOf(kind, bytes));
        return this;
    }

    /**
     * Sets the material from a copy of the given secret.
     *
     * @param kind material kind
     * @param bytes material bytes, at most {@link Material#MAX_BYTES}
     * @return this builder
     */
    public EnvelopeBuilder material(final MaterialKind kind, final SecretBytes bytes) {
        replace(Material.copyOf(kind, bytes));
        return this;
    }

    /**
     * Sets the purpose; C0, DEL and C1 control characters are removed.
     *
     * @param text purpose as typed
     * @return this builder
     */
    public EnvelopeBuilder purpose(final String text) {
        this.purpose = Purpose.normalize(text);
        return this;
    }

    /**
     * Marks the share single-consumption ({@code burn_after_read}); false by default.
     *
     * @param burn true to burn after read
     * @return this builder
     */
    public EnvelopeBuilder burnAfterRead(final boolean burn) {
        this.burnAfterRead = burn;
        return this;
    }

    /**
     * Builds the envelope, which takes over the material; the builder can be reused only after new material.
     *
     * @return envelope
     */
    public Envelope build() {
        if (createdAt == null) {
            throw new IllegalStateException("Created At required");
        }
        if (material == null) {
            throw new IllegalStateException("Material required");
        }
        if (purpose == null) {
            throw new IllegalStateException("Purpose required");
        }
        final Envelope envelope = new Envelope(burnAfterRead, createdAt, material, purpose);
        material = null;
        return envelope;
    }

    private void replace(final Material next) {
        if (material != null) {
            material.close();
        }
        material = Objects.requireNonNull(next, "Material required");
    }
}
