package org.cipherpost.cli;

/** Makes untrusted text (from the network, from records) safe to print on a terminal. */
public final class Printable {
    private Printable() {
    }

    /**
     * Escapes control, formatting (bidi overrides included) and unassigned characters as {@code \\u{XXXX}}, and
     * backslashes as {@code \\\\}.
     *
     * @param text untrusted text
     * @return printable text
     */
    public static String escape(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            final int type = Character.getType(codePoint);
            if (codePoint == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                out.append(String.format("\\u{%04X}", codePoint));
            } else {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }
}
