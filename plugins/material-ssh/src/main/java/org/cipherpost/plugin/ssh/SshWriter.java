package org.cipherpost.plugin.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire encoding: length-prefixed strings (used to rebuild a public key blob). */
final class SshWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    /**
     * Writes a length-prefixed string.
     *
     * @param bytes content
     * @return this writer
     */
    SshWriter string(final byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    /**
     * Writes an ASCII name as a string.
     *
     * @param name name
     * @return this writer
     */
    SshWriter string(final String name) {
        return string(name.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Returns what was written.
     *
     * @return bytes
     */
    byte[] toByteArray() {
        return out.toByteArray();
    }
}
