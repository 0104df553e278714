package org.cipherpost.handoff;

import java.io.Serial;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.wire.ShareRef;

/** The sender withdrew the share (its item is a signed tombstone): its lifetime ended early; nothing was decrypted. */
public final class ShareWithdrawnException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ShareRef shareRef;
    private final long revokedAt;

    /**
     * Creates the exception.
     *
     * @param shareRef share reference
     * @param revokedAt UNIX seconds of the withdrawal, as signed by the sender
     */
    public ShareWithdrawnException(final ShareRef shareRef, final long revokedAt) {
        super(String.format("Share [%s] withdrawn at [%d]", Objects.requireNonNull(shareRef, "Share reference required")
                .hex(), revokedAt));
        this.shareRef = shareRef;
        this.revokedAt = revokedAt;
    }

    /**
     * Returns the withdrawn share.
     *
     * @return share reference
     */
    public ShareRef shareRef() {
        return shareRef;
    }

    /**
     * Returns when the share was withdrawn.
     *
     * @return UNIX seconds
     */
    public long revokedAt() {
        return revokedAt;
    }
}
