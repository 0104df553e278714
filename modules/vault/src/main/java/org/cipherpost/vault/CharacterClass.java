package org.cipherpost.vault;

/** Character classes a generated password draws from: printable ASCII without space, in four groups. */
public enum CharacterClass {
    /** The 26 letters {@code a-z}. */
    LOWERCASE("abcdefghijklmnopqrstuvwxyz"),
    /** The 26 letters {@code A-Z}. */
    UPPERCASE("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    /** The 10 digits {@code 0-9}. */
    DIGITS("0123456789"),
    /** The 32 ASCII punctuation characters. */
    SYMBOLS("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private final String characters;

    CharacterClass(final String characters) {
        this.characters = characters;
    }

    /**
     * Returns the characters of this class.
     *
     * @return characters in ASCII order
     */
    public String characters() {
        return characters;
    }

    /**
     * Returns the number of characters in this class.
     *
     * @return class size
     */
    public int size() {
        return characters.length();
    }

    /**
     * Tells whether the byte is one of this class's characters.
     *
     * @param b byte to test
     * @return true when it belongs to the class
     */
    boolean contains(final byte b) {
        return b >= 0 && characters.indexOf(b) >= 0;
    }
}
