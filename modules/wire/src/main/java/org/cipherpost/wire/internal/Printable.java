package org.cipherpost.wire.internal;

/** Renders untrusted text for messages: printable ASCII kept, everything else as U+XXXX, long text cut. */
public final class Printable {
    private static final int MAX_CHARS = 40;

    private Printable() {
    }

    /**
     * Returns a safe rendering of untrusted text.
     *
     * @param text untrusted text
     * @return printable rendering, at most about 40 characters of input
     */
    public static String of(final String text) {
        final StringBuilder out = new StringBuilder();
        final int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            final char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("U+%04X", (int) c));
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
