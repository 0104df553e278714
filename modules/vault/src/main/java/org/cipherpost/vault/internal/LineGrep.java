package org.cipherpost.vault.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.cipherpost.crypto.SecretBytes;

/**
 * Matches a pattern against each line of decrypted entry bytes without making a String of any line: the bytes are
 * decoded into a char array that is wiped afterwards, and the pattern runs over {@link CharBuffer} views of it.
 */
final class LineGrep {
    private LineGrep() {
    }

    /**
     * Returns the 1-based numbers of the lines in which the pattern finds a match.
     *
     * @param content entry bytes (UTF-8; invalid bytes read as U+FFFD)
     * @param pattern pattern
     * @return line numbers, ascending
     */
    static List<Integer> lines(final SecretBytes content, final Pattern pattern) {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        final char[] chars = new char[content.length()];
        final CharBuffer decoded = CharBuffer.wrap(chars);
        decoder.decode(ByteBuffer.wrap(content.bytes()), decoded, true);
        decoder.flush(decoded);
        final int length = decoded.position();
        final List<Integer> matches = new ArrayList<>();
        try {
            int start = 0;
            int line = 1;
            while (start < length || start == 0 && length == 0) {
                int end = start;
                while (end < length && chars[end] != '\n') {
                    end++;
                }
                final int contentEnd = end > start && chars[end - 1] == '\r' ? end - 1 : end;
                if (pattern.matcher(CharBuffer.wrap(chars, start, contentEnd - start)).find()) {
                    matches.add(line);
                }
                if (end >= length) {
                    break;
                }
                start = end + 1;
                line++;
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
        return matches;
    }
}
