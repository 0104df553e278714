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
