package org.cipherpost.wire;

import java.io.IOException;

/** The {@code protocol_version} values this module reads and writes. */
public final class WireVersion {
    /** cipherpost/v1 (v1.0 and v1.1 share it: v1.1 fields are omitted when false). */
    public static final int V1 = 1;

    /** Largest value the u16 field can hold. */
    static final long MAX_U16 = 0xffff;

    private WireVersion() {
    }

    /**
     * Checks that a parsed version is supported.
     *
     * @param version parsed {@code protocol_version}
     * @param structure structure name for messages
     * @return the version
     * @throws IOException when not supported
     */
    static int check(final long version, final String structure) throws IOException {
        if (version != V1) {
            throw new IOException(String.format("Protocol version [%d] of [%s] not supported", version, structure));
        }
        return (int) version;
    }
}
