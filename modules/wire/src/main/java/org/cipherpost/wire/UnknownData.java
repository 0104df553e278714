package org.cipherpost.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * Data of a record type this module does not model, kept as its raw RDATA (names in canonical form).
 */
public final class UnknownData implements RecordData {
    private final int type;
    private final byte[] rdata;

    /**
     * Creates data of another record type.
     *
     * @param type IANA record type code
     * @param rdata raw RDATA bytes
     */
    public UnknownData(final int type, final byte[] rdata) {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException(String.format("Record type [%d] outside [0, 65535]", type));
        }
        this.type = type;
        this.rdata = Objects.requireNonNull(rdata, "RDATA required").clone();
    }

    /**
     * Returns a copy of the raw RDATA.
     *
     * @return RDATA bytes
     */
    public byte[] rdata() {
        return rdata.clone();
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof UnknownData that && type == that.type && Arrays.equals(rdata, that.rdata);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(rdata);
    }

    @Override
    public String toString() {
        return "TYPE" + type + "[" + rdata.length + " bytes]";
    }
}
