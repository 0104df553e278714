package org.cipherpost.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The BEP 44 salts of the salted layout (layout 2): one mutable item per share under the sender's key and one per
 * receipt under the recipient's key, told apart from the unsalted PKARR packet and from each other by the salt.
 *
 * <pre>
 * share item   : k = sender,    salt = "cipherpost/share/"   share_ref hex (49 bytes), v = OuterRecord JSON | tombstone
 * receipt item : k = recipient, salt = "cipherpost/receipt/" share_ref hex (51 bytes), v = Receipt JSON
 * </pre>
 */
public final class ItemSalts {
    /** Salt prefix of a share item. */
    public static final String SHARE_PREFIX = "cipherpost/share/";

    /** Salt prefix of a receipt item. */
    public static final String RECEIPT_PREFIX = "cipherpost/receipt/";

    private ItemSalts() {
    }

    /**
     * Returns the salt of a share's item under the sender's key.
     *
     * @param shareRef share reference
     * @return 49 ASCII bytes
     */
    public static byte[] share(final ShareRef shareRef) {
        return text(SHARE_PREFIX, shareRef).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the salt of a receipt's item under the recipient's key.
     *
     * @param shareRef share reference the receipt is for
     * @return 51 ASCII bytes
     */
    public static byte[] receipt(final ShareRef shareRef) {
        return text(RECEIPT_PREFIX, shareRef).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns the salt of a receipt's item as text, for messages and listings.
     *
     * @param shareRef share reference
     * @return {@code cipherpost/receipt/<share_ref hex>}
     */
    public static String receiptText(final ShareRef shareRef) {
        return text(RECEIPT_PREFIX, shareRef);
    }

    private static String text(final String prefix, final ShareRef shareRef) {
        return prefix + Objects.requireNonNull(shareRef, "Share reference required").hex();
    }
}
