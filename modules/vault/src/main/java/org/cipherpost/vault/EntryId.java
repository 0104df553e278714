package org.cipherpost.vault;

import java.security.InvalidKeyException;
import java.util.Objects;
import org.cipherpost.crypto.AgeRecipient;

/**
 * The id of a vault entry: the {@code age1...} recipient of its Entry Key, which is also its file name
 * ({@code entries/<id>.age}, {@code keys/<id>.key}). Ids reveal nothing about the entry.
 *
 * @param value the lowercase Bech32 recipient
 */
public record EntryId(String value) implements Comparable<EntryId> {
    private static final String PREFIX = "age1";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int LENGTH = 62;
    /** The Bech32 characters as a lookup table (ids are checked by the thousand when a vault opens). */
    private static final boolean[] BECH32_CHARACTERS = characters();

    /**
     * Validates the id's shape.
     *
     * @param value the lowercase Bech32 recipient
     */
    public EntryId {
        Objects.requireNonNull(value, "Entry Id required");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("Entry Id [%s] is not an age X25519 recipient".formatted(printable(value)));
        }
    }

    /**
     * Returns the id of the entry encrypted to a recipient.
     *
     * @param recipient X25519 recipient of the Entry Key
     * @return id
     */
    public static EntryId of(final AgeRecipient recipient) {
        return new EntryId(Objects.requireNonNull(recipient, "Recipient required").encoded());
    }

    /**
     * Tells whether text has the shape of an id (checksum not verified).
     *
     * @param text candidate
     * @return true when it looks like an {@code age1...} X25519 recipient
     */
    public static boolean isWellFormed(final String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= BECH32_CHARACTERS.length || !BECH32_CHARACTERS[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the Entry Key's recipient, to which the entry file is encrypted.
     *
     * @return recipient
     * @throws InvalidKeyException when the Bech32 checksum or key is not valid
     */
    public AgeRecipient recipient() throws InvalidKeyException {
        return AgeRecipient.parse(value);
    }

    /** Builds the lookup table of {@link #BECH32}. */
    private static boolean[] characters() {
        final boolean[] table = new boolean[128];
        for (int i = 0; i < BECH32.length(); i++) {
            table[BECH32.charAt(i)] = true;
        }
        return table;
    }

    @Override
    public int compareTo(final EntryId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Shortens and masks text for a message. */
    private static String printable(final String text) {
        final String shortened = text.length() > 70 ? text.substring(0, 70) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
