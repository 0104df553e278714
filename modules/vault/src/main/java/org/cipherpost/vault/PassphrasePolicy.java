package org.cipherpost.vault;

import java.util.Objects;

/**
 * What a generated passphrase looks like: how many words from the built-in list and what goes between them.
 *
 * @param words number of words, from 1 to {@link #MAXIMUM_WORDS}
 * @param separator text between words: at most 16 characters, no control characters; may be empty
 */
public record PassphrasePolicy(int words, String separator) {
    /** Words used when none is given: 6 words of 12 bits each carry 72 bits. */
    public static final int DEFAULT_WORDS = 6;

    /** Most words the generator puts in one passphrase. */
    public static final int MAXIMUM_WORDS = 64;

    /** Separator used when none is given. */
    public static final String DEFAULT_SEPARATOR = "-";

    /**
     * Checks the policy.
     *
     * @param words number of words, from 1 to {@link #MAXIMUM_WORDS}
     * @param separator text between words: at most 16 characters, no control characters; may be empty
     */
    public PassphrasePolicy {
        if (words < 1 || words > MAXIMUM_WORDS) {
            throw new IllegalArgumentException("Words [%d] not in range [1, %d]".formatted(words, MAXIMUM_WORDS));
        }
        Objects.requireNonNull(separator, "Separator required");
        if (separator.length() > 16) {
            throw new IllegalArgumentException("Separator length [%d] greater than maximum [16]"
                    .formatted(separator.length()));
        }
        if (separator.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Separator contains a control character");
        }
    }

    /**
     * Returns the default policy for a number of words, joined by {@link #DEFAULT_SEPARATOR}.
     *
     * @param words number of words
     * @return policy
     */
    public static PassphrasePolicy ofWords(final int words) {
        return new PassphrasePolicy(words, DEFAULT_SEPARATOR);
    }
}
