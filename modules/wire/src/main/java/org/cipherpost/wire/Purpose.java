package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;

/**
 * The sender-attested purpose text: signed by the sender, never verified by anyone (SPEC D-WIRE-05).
 *
 * <p>Normalization removes the Unicode control characters (general category Cc): C0 U+0000..U+001F, DEL U+007F and
 * C1 U+0080..U+009F, once, at send time. Nothing else changes: no trimming, no Unicode normalization.
 */
public final class Purpose {
    private Purpose() {
    }

    /**
     * Removes control characters.
     *
     * @param text purpose as typed
     * @return purpose without C0, DEL or C1 characters
     * @throws IllegalArgumentException when the text holds an unpaired surrogate
     */
    public static String normalize(final String text) {
        Objects.requireNonNull(text, "Purpose required");
        checkWellFormed(text);
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (!isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Checks that a purpose read from the wire is normalized.
     *
     * @param text purpose
     * @param structure structure name for messages
     * @throws IOException when the text holds a control character
     */
    static void checkNormalized(final String text, final String structure) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                throw new IOException(String.format("Member [purpose] of [%s] holds control character U+%04X",
                        structure, (int) text.charAt(i)));
            }
        }
    }

    /**
     * Checks that text is well-formed UTF-16, as it must be to have a UTF-8 encoding.
     *
     * @param text text
     * @throws IllegalArgumentException at the first unpaired surrogate
     */
    static void checkWellFormed(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("Purpose holds an unpaired surrogate at [%d]", i));
            }
        }
    }

    private static boolean isControl(final char c) {
        return c <= 0x1f || (c >= 0x7f && c <= 0x9f);
    }
}
