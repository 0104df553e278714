package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.time.Instant;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.handoff.MaterialTooLargeException;
import org.cipherpost.handoff.ShareExpiredException;
import org.cipherpost.handoff.ShareNotFoundException;
import org.cipherpost.handoff.ShareWithdrawnException;
import org.cipherpost.handoff.WeakPinException;
import org.cipherpost.handoff.WrongRecipientException;
import org.cipherpost.wire.PacketTooLargeException;

/** Maps handoff failures to the documented exit codes, with one message for every signature failure. */
final class HandoffFailures {
    /** The one message of every signature failure (exit 3). */
    static final String SIGNATURE_FAILED = "signature verification failed";

    private HandoffFailures() {
    }

    /**
     * Maps a failure of a handoff flow.
     *
     * @param action what was being done, such as {@code "send"}
     * @param failure the failure
     * @return exception with the exit code
     */
    static CliException of(final String action, final Exception failure) {
        return switch (failure) {
            case SignatureException e -> new CliException(ExitCodes.SIGNATURE, SIGNATURE_FAILED, e);
            case ShareWithdrawnException e -> new CliException(ExitCodes.EXPIRED, "share " + e.shareRef().hex()
                    + " was withdrawn by its sender at " + Instant.ofEpochSecond(e.revokedAt()), e);
            case WeakPinException e -> new CliException(ExitCodes.GENERIC, e.getMessage(), e);
            case ShareExpiredException e -> new CliException(ExitCodes.EXPIRED,
                    "share expired at " + Instant.ofEpochSecond(e.expiresAt()) + "; ask the sender for a new one", e);
            case WrongRecipientException e -> new CliException(ExitCodes.PASSPHRASE,
                    "this share is addressed to another identity; nothing was decrypted", e);
            case GeneralSecurityException e -> new CliException(ExitCodes.PASSPHRASE, "share failed to decrypt", e);
            case MaterialTooLargeException e -> new CliException(ExitCodes.SIZE, String.format(
                    "material is %d bytes; a share holds at most %d", e.size(), e.limit()), e);
            case PacketTooLargeException e -> new CliException(ExitCodes.SIZE, String.format(
                    "%s failed: the share needs %d bytes; a DHT item holds at most %d. Larger shares (and every PIN"
                            + " share) are stored in chunks on the DHT, which a relay cannot carry: through a relay a"
                            + " share holds about 75 bytes of material; send without --relay for up to 64 KiB",
                    action, e.size(), e.limit()), e);
            case ShareNotFoundException e -> new CliException(ExitCodes.NETWORK, action + " failed: "
                    + e.getMessage(), e);
            case InterruptedException e -> {
                Thread.currentThread().interrupt();
                yield new CliException(ExitCodes.NETWORK, "interrupted", e);
            }
            case IOException e -> new CliException(ExitCodes.NETWORK, action + " failed: "
                    + (e.getMessage() != null ? e.getMessage() : "network failure"), e);
            default -> new CliException(ExitCodes.GENERIC, action + " failed", failure);
        };
    }
}
