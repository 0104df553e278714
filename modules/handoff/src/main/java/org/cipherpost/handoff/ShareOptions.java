package org.cipherpost.handoff;

import java.util.Objects;
import java.util.Optional;
import org.cipherpost.crypto.SecretBytes;

/**
 * How a share is sealed beyond the defaults.
 *
 * @param burnAfterRead ask the receiver to consume the share once ({@code Envelope.burn_after_read})
 * @param pin a PIN as a second factor (an extra age layer), owned by the caller, or empty
 */
public record ShareOptions(boolean burnAfterRead, Optional<SecretBytes> pin) {
    /** No burn, no PIN. */
    public static final ShareOptions NONE = new ShareOptions(false, Optional.empty());

    /**
     * Validates the components.
     *
     * @param burnAfterRead burn flag
     * @param pin PIN or empty
     */
    public ShareOptions {
        Objects.requireNonNull(pin, "PIN required (empty for none)");
    }

    @Override
    public String toString() {
        return "ShareOptions[burnAfterRead=" + burnAfterRead + ", pin=" + pin.isPresent() + "]";
    }
}
