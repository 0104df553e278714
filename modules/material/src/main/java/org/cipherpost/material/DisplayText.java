package org.cipherpost.material;

/** Makes plugin-supplied text safe to print on a terminal: control and format characters become escapes. */
final class DisplayText {
    /** Longest text kept; the rest is cut and marked. */
    static final int MAX_CHARS = 512;

    private DisplayText() {
    }

    /**
     * Escapes C0, DEL, C1, bidirectional and other format characters as {@code \\uXXXX} and cuts long text.
     *
     * @param text text from a plugin
     * @return printable text
     */
    static String escape(final String text) {
        final StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        int i = 0;
        while (i < text.length() && out.length() < MAX_CHARS) {
            final int cp = text.codePointAt(i);
            final int type = Character.getType(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
