package org.cipherpost.vault.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognizes an age file cut short from its shape alone: a header that stops before its MAC line ends, or a payload
 * shorter than a nonce and one tag. age reports such files as malformed or as failing authentication; telling the
 * user "truncated" (an interrupted copy or sync) is more helpful. A cut inside the last payload chunk cannot be told
 * from tampering by shape; callers that know the file's size compare it as well.
 */
final class AgeShape {
    private static final byte[] VERSION_LINE = "age-encryption.org/v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAC_MARKER = "\n--- ".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_LENGTH = 43;
    private static final int MINIMUM_PAYLOAD = 16 + 16;

    private AgeShape() {
    }

    /**
     * Tells whether binary age file bytes end early.
     *
     * @param file file bytes
     * @return true when the header or the payload is visibly incomplete
     */
    static boolean truncated(final byte[] file) {
        if (file.length < VERSION_LINE.length) {
            return Arrays.equals(file, 0, file.length, VERSION_LINE, 0, file.length);
        }
        if (!Arrays.equals(file, 0, VERSION_LINE.length, VERSION_LINE, 0, VERSION_LINE.length)) {
            return false;
        }
        final int marker = indexOf(file, MAC_MARKER);
        if (marker < 0) {
            return true;
        }
        final int headerEnd = marker + MAC_MARKER.length + MAC_LENGTH + 1;
        return file.length < headerEnd || file.length - headerEnd < MINIMUM_PAYLOAD;
    }

    /**
     * Counts the recipient stanzas of a binary age file's header (the lines starting {@code -> } before the MAC line).
     *
     * @param file file bytes
     * @return stanza count, or -1 when the bytes are not a complete binary age header
     */
    static int stanzas(final byte[] file) {
        if (file.length < VERSION_LINE.length
                || !Arrays.equals(file, 0, VERSION_LINE.length, VERSION_LINE, 0, VERSION_LINE.length)) {
            return -1;
        }
        final int marker = indexOf(file, MAC_MARKER);
        if (marker < 0) {
            return -1;
        }
        int count = 0;
        for (int i = VERSION_LINE.length - 1; i < marker; i++) {
            if (file[i] == '\n' && file[i + 1] == '-' && file[i + 2] == '>') {
                count++;
            }
        }
        return count;
    }

    /** Finds the first occurrence of a pattern. */
    private static int indexOf(final byte[] data, final byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
