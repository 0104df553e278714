package org.cipherpost.handoff;

import java.util.Objects;
import javax.security.auth.Destroyable;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.OuterRecord;

/** A verified, decrypted share: the outer record and the envelope, wiped on close. */
public final class IncomingShare implements Destroyable, AutoCloseable {
    private final OuterRecord record;
    private final Envelope envelope;
    private final byte[] cleartextHash;

    /**
     * Creates the share.
     *
     * @param record verified outer record
     * @param envelope parsed envelope, owned from now on
     * @param cleartextHash SHA-256 of the envelope's canonical bytes
     */
    public IncomingShare(final OuterRecord record, final Envelope envelope, final byte[] cleartextHash) {
        this.record = Objects.requireNonNull(record, "Outer record required");
        this.envelope = Objects.requireNonNull(envelope, "Envelope required");
        this.cleartextHash = Objects.requireNonNull(cleartextHash, "Cleartext hash required").clone();
    }

    /**
     * Returns the verified outer record.
     *
     * @return outer record
     */
    public OuterRecord record() {
        return record;
    }

    /**
     * Returns the envelope.
     *
     * @return envelope, valid until close
     */
    public Envelope envelope() {
        return envelope;
    }

    /**
     * Returns the SHA-256 of the envelope's canonical bytes.
     *
     * @return 32-byte digest
     */
    public byte[] cleartextHash() {
        return cleartextHash.clone();
    }

    @Override
    public void destroy() {
        envelope.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return envelope.isDestroyed();
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public String toString() {
        return "IncomingShare[" + record.shareRef().hex() + "]";
    }
}
