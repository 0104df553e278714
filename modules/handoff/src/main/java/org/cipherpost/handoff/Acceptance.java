package org.cipherpost.handoff;

import java.util.Objects;
import java.util.OptionalLong;
import org.cipherpost.wire.Receipt;

/**
 * A share accepted, as the receive ledger remembers it.
 *
 * @param receipt the signed receipt made at acceptance
 * @param state whether the receipt reached the network
 * @param burnedAt when a burn-after-read share was marked consumed (after its payload was written), else empty
 */
public record Acceptance(Receipt receipt, ReceiptState state, OptionalLong burnedAt) {
    /**
     * Validates the components.
     *
     * @param receipt receipt
     * @param state publication state
     * @param burnedAt burn time or empty
     */
    public Acceptance {
        Objects.requireNonNull(receipt, "Receipt required");
        Objects.requireNonNull(state, "Receipt state required");
        Objects.requireNonNull(burnedAt, "Burned At required (empty when not burned)");
    }

    /**
     * Creates the acceptance of a share that is not burned.
     *
     * @param receipt receipt
     * @param state publication state
     */
    public Acceptance(final Receipt receipt, final ReceiptState state) {
        this(receipt, state, OptionalLong.empty());
    }

    /**
     * Returns when the share was accepted.
     *
     * @return UNIX seconds
     */
    public long acceptedAt() {
        return receipt.acceptedAt();
    }

    /**
     * Tells whether the share was consumed under burn-after-read.
     *
     * @return true when burned
     */
    public boolean burned() {
        return burnedAt.isPresent();
    }

    /**
     * Returns the same acceptance in another publication state.
     *
     * @param next new state
     * @return acceptance
     */
    public Acceptance withState(final ReceiptState next) {
        return new Acceptance(receipt, next, burnedAt);
    }
}
