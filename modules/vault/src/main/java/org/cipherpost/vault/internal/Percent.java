package org.cipherpost.vault.internal;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Escapes text for one tab-separated index column: {@code %}, tab, CR, LF, comma and other control characters
 * become {@code %XX}; everything else is kept.
 */
final class Percent {
    private Percent() {
    }

    /**
     * Escapes text.
     *
     * @param text text
     * @return escaped text with no tab, line break or comma
     */
    static String encode(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '%' || c == ',' || c < 0x20 || c == 0x7f) {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Reverses {@link #encode}.
     *
     * @param text escaped text
     * @return original text
     * @throws IOException when an escape is malformed
     */
    static String decode(final String text) throws IOException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
                    || !HexFormat.isHexDigit(text.charAt(i + 2))) {
                throw new IOException("Malformed escape at [%d]".formatted(i));
            }
            out.append((char) HexFormat.fromHexDigits(text, i + 1, i + 3));
            i += 2;
        }
        return out.toString();
    }
}
