package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The DNS labels of cipherpost/v1 TXT records (SPEC section 3.5); renaming one is a protocol version change.
 *
 * <pre>
 * _cipherpost               OuterRecord JSON, in the sender's PKARR packet
 * _cprcpt-&lt;share_ref hex&gt;   Receipt JSON, in the recipient's PKARR packet
 * </pre>
 */
public final class DhtLabels {
    /** Label of the outer record under the sender's key. */
    public static final String OUTER = "_cipherpost";

    /** Prefix of a receipt label under the recipient's key. */
    public static final String RECEIPT_PREFIX = "_cprcpt-";

    /** DNS TTL of both TXT records, in seconds. */
    public static final long TXT_TTL_SECONDS = 300;

    private DhtLabels() {
    }

    /**
     * Returns the receipt label of a share.
     *
     * @param shareRef share reference
     * @return {@code _cprcpt-<share_ref hex>}
     */
    public static String receipt(final ShareRef shareRef) {
        return RECEIPT_PREFIX + Objects.requireNonNull(shareRef, "Share reference required").hex();
    }

    /**
     * Reads the share reference out of a receipt label, as found in a packet.
     *
     * @param label relative record name
     * @return share reference, or empty when the label is not a well-formed receipt label
     */
    public static Optional<ShareRef> receiptShareRef(final String label) {
        Objects.requireNonNull(label, "Label required");
        if (!label.startsWith(RECEIPT_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShareRef.parse(label.substring(RECEIPT_PREFIX.length())));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }
}
