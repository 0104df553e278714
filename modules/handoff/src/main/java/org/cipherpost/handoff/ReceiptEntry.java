package org.cipherpost.handoff;

import java.util.Objects;
import java.util.Optional;
import org.cipherpost.wire.Receipt;

/**
 * One receipt found (a salted receipt item or a v1 {@code _cprcpt-*} record), verified or not.
 *
 * @param label where it was found: {@code cipherpost/receipt/<share_ref>} or the v1 record name
 * @param receipt the receipt when it parsed and verified against the recipient's key and the label
 */
public record ReceiptEntry(String label, Optional<Receipt> receipt) {
    /**
     * Validates the components.
     *
     * @param label where it was found: {@code cipherpost/receipt/<share_ref>} or the v1 record name
     * @param receipt verified receipt or empty
     */
    public ReceiptEntry {
        Objects.requireNonNull(label, "Label required");
        Objects.requireNonNull(receipt, "Receipt required (empty when invalid)");
    }

    /**
     * Tells whether the receipt verified.
     *
     * @return true when valid
     */
    public boolean valid() {
        return receipt.isPresent();
    }
}
