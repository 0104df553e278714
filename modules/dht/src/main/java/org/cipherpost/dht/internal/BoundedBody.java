package org.cipherpost.dht.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an HTTP body up to a limit without buffering more than the limit plus one byte.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    /**
     * Reads a body.
     *
     * @param in body stream, not closed here
     * @param limit largest body accepted in bytes
     * @return body bytes, or null when the body is longer than the limit
     * @throws IOException when reading fails
     */
    static byte[] read(final InputStream in, final int limit) throws IOException {
        final byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
