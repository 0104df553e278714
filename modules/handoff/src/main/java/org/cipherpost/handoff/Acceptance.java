package org.cipherpost.handoff;

import java.util.Objects;
import org.cipherpost.wire.Receipt;

/**
 * A share accepted, as the receive ledger remembers it.
 *
 * @param receipt the signed receipt made at acceptance
 * @param state whether the receipt reached the network
 */
public record Acceptance(Receipt receipt, ReceiptState state) {
    /**
     * Validates the components.
     *
     * @param receipt receipt
     * @param state publication state
     */
    public Acceptance {
        Objects.requireNonNull(receipt, "Receipt required");
        Objects.requireNonNull(state, "Receipt state required");
    }

    /**
     * Returns when the share was accepted.
     *
     * @return UNIX seconds
     */
    public long acceptedAt() {
        return receipt.acceptedAt();
    }
}
