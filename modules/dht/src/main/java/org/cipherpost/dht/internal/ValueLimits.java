package org.cipherpost.dht.internal;

import org.cipherpost.dht.DhtException;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.Bep44Exception;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;

/**
 * The BEP 44 size rule shared with the wire module's mutable items: a byte string may hold up to 1000 bytes,
 * any other value may be up to 1000 bytes encoded.
 */
final class ValueLimits {
    private ValueLimits() {
    }

    /**
     * Checks a value's size.
     *
     * @param value decoded value
     * @param encoded its canonical encoding
     * @throws Bep44Exception with code 205 when too big
     */
    static void check(final BencodeValue value, final byte[] encoded) throws Bep44Exception {
        final int size = value instanceof BencodeBytes bytes ? bytes.length() : encoded.length;
        if (size > Bep44.MAX_VALUE_BYTES) {
            throw new Bep44Exception(DhtException.VALUE_TOO_BIG, String.format(
                    "Value size [%d] greater than maximum [%d]", size, Bep44.MAX_VALUE_BYTES));
        }
    }
}
