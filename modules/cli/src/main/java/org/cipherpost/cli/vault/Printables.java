package org.cipherpost.cli.vault;

/** Makes text read from a vault (names, tags, device names) safe to print on a terminal. */
final class Printables {
    private Printables() {
    }

    /**
     * Replaces control characters (escape sequences, line breaks) with {@code ?}.
     *
     * @param text text from the vault, or null
     * @return printable text, or null for null
     */
    static String clean(final String text) {
        if (text == null) {
            return null;
        }
        final StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                clean.append('?');
            } else {
                clean.appendCodePoint(c);
            }
        });
        return clean.toString();
    }
}
