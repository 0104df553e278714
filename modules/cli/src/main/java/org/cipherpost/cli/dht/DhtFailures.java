package org.cipherpost.cli.dht;

import java.io.IOException;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.wire.PacketTooLargeException;

/** Maps DHT and relay failures to the documented exit codes. */
final class DhtFailures {
    /** The one message for every signature failure (exit 3). */
    static final String SIGNATURE_FAILED = "signature verification failed";

    private DhtFailures() {
    }

    /**
     * Maps an I/O failure of a DHT or relay operation.
     *
     * @param action what was being done, such as {@code "publish"}
     * @param failure the failure
     * @return exception with exit 5 (packet too large) or 6 (network, DHT, relay)
     */
    static CliException of(final String action, final IOException failure) {
        if (failure instanceof PacketTooLargeException tooLarge) {
            return new CliException(ExitCodes.SIZE, String.format(
                    "%s failed: the records need %d bytes; a PKARR packet holds at most %d", action, tooLarge.size(),
                    tooLarge.limit()), failure);
        }
        final String detail = failure.getMessage() != null ? failure.getMessage() : "network failure";
        return new CliException(ExitCodes.NETWORK, action + " failed: " + detail, failure);
    }

    /**
     * Maps a signature failure.
     *
     * @param failure the failure
     * @return exception with exit 3
     */
    static CliException signature(final Exception failure) {
        return new CliException(ExitCodes.SIGNATURE, SIGNATURE_FAILED, failure);
    }

    /**
     * Maps an interruption.
     *
     * @param failure the interruption
     * @return exception with exit 6
     */
    static CliException interrupted(final InterruptedException failure) {
        Thread.currentThread().interrupt();
        return new CliException(ExitCodes.NETWORK, "interrupted", failure);
    }
}
