package org.cipherpost.wire.internal;

import java.util.Arrays;

/** A growable character buffer that wipes every array it discards. */
final class CharSink {
    private char[] buffer = new char[32];
    private int length;

    /**
     * Appends one character.
     *
     * @param c character
     */
    void append(final char c) {
        if (length == buffer.length) {
            final char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
            Arrays.fill(buffer, '\0');
            buffer = bigger;
        }
        buffer[length++] = c;
    }

    /**
     * Returns an exact-length copy of the content and empties this sink.
     *
     * @return characters the caller owns
     */
    char[] take() {
        final char[] out = Arrays.copyOf(buffer, length);
        wipe();
        return out;
    }

    /** Zeroes the buffer and empties this sink. */
    void wipe() {
        Arrays.fill(buffer, '\0');
        length = 0;
    }
}
