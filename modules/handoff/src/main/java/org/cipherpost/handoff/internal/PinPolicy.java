package org.cipherpost.handoff.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.handoff.WeakPinException;

/**
 * The PIN entropy floor (cipherpost v1.1 PIN-02): at least 8 characters, not one character repeated, not a run of
 * consecutive characters up or down, not a well-known PIN (case-insensitive). Checked before any Argon2id work.
 */
final class PinPolicy {
    /** Fewest characters a PIN may have. */
    static final int MINIMUM_CHARACTERS = 8;

    private static final List<String> BLOCKLIST = List.of("password", "qwerty", "letmein", "12345678", "87654321",
            "qwertyui", "asdfghjk");

    private PinPolicy() {
    }

    /**
     * Checks a PIN.
     *
     * @param pin PIN bytes, UTF-8
     * @throws WeakPinException when refused
     */
    static void check(final SecretBytes pin) throws WeakPinException {
        final int[] points = codePoints(pin);
        try {
            if (points.length < MINIMUM_CHARACTERS) {
                throw new WeakPinException(WeakPinException.Reason.TOO_SHORT);
            }
            boolean same = true;
            boolean up = true;
            boolean down = true;
            for (int i = 1; i < points.length; i++) {
                same &= points[i] == points[0];
                up &= points[i] == points[i - 1] + 1;
                down &= points[i] == points[i - 1] - 1;
            }
            if (same) {
                throw new WeakPinException(WeakPinException.Reason.ALL_SAME);
            }
            if (up || down) {
                throw new WeakPinException(WeakPinException.Reason.MONOTONIC);
            }
            for (final String blocked : BLOCKLIST) {
                if (equalsIgnoreCase(points, blocked)) {
                    throw new WeakPinException(WeakPinException.Reason.BLOCKLISTED);
                }
            }
        } finally {
            Arrays.fill(points, 0);
        }
    }

    private static boolean equalsIgnoreCase(final int[] points, final String text) {
        if (points.length != text.length()) {
            return false;
        }
        boolean equal = true;
        for (int i = 0; i < points.length; i++) {
            equal &= Character.toLowerCase(points[i]) == text.charAt(i);
        }
        return equal;
    }

    /** Decodes strict UTF-8 into code points; undecodable bytes count as one character each (never shown). */
    private static int[] codePoints(final SecretBytes pin) {
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(pin.bytes()));
            final int[] points = new int[Character.codePointCount(chars, 0, chars.limit())];
            int index = 0;
            for (int offset = 0; offset < chars.limit(); ) {
                final int point = Character.codePointAt(chars, offset);
                points[index++] = point;
                offset += Character.charCount(point);
            }
            return points;
        } catch (final CharacterCodingException e) {
            final byte[] bytes = pin.bytes();
            final int[] points = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                points[i] = bytes[i] & 0xff;
            }
            return points;
        } finally {
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
