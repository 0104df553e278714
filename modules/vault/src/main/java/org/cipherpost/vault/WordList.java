package org.cipherpost.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The built-in passphrase word list: 4096 pronounceable four-letter words, so 12 bits per word.
 *
 * <p>The list is our own, made by a deterministic rule (checked by {@code WordListTest}, which rebuilds it):
 * every consonant-vowel-consonant-vowel word over the consonants {@code bdfgklmnprstv} and the vowels
 * {@code aeiou} (4225 words), less a short block list of slurs and crude words, ranked by
 * SHA-256("cipherpost passphrase words v1 " + word) and cut to the first 4096, then sorted. All words have the
 * same length, so a passphrase splits back into its words whatever the separator.
 */
final class WordList {
    /** Resource holding one word per line. */
    static final String RESOURCE = "passphrase-words.txt";

    /** Number of words the built-in list must hold. */
    static final int SIZE = 4096;

    private final byte[][] words;

    private WordList(final byte[][] words) {
        this.words = words;
    }

    /**
     * Returns the built-in list, loaded once.
     *
     * @return word list
     */
    static WordList builtIn() {
        return Holder.BUILT_IN;
    }

    /**
     * Returns the number of words.
     *
     * @return list size
     */
    int size() {
        return words.length;
    }

    /**
     * Returns the ASCII bytes of one word; callers must not modify them.
     *
     * @param index word index
     * @return word bytes
     */
    byte[] word(final int index) {
        return words[index];
    }

    /**
     * Parses a word list: one lowercase ASCII word per line, LF-terminated, distinct, all of one length.
     *
     * @param content list bytes
     * @param expected number of words required
     * @return word list
     */
    static WordList parse(final byte[] content, final int expected) {
        final String[] lines = new String(content, StandardCharsets.US_ASCII).split("\n");
        if (lines.length != expected) {
            throw new IllegalStateException("Word count [%d] not [%d]".formatted(lines.length, expected));
        }
        final Set<String> seen = new HashSet<>();
        final byte[][] words = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].matches("[a-z]+") || !seen.add(lines[i]) || lines[i].length() != lines[0].length()) {
                throw new IllegalStateException("Word [%d] not a distinct lowercase word of length [%d]"
                        .formatted(i + 1, lines[0].length()));
            }
            words[i] = lines[i].getBytes(StandardCharsets.US_ASCII);
        }
        return new WordList(words);
    }

    /** Loads the built-in list on first use. */
    private static final class Holder {
        private static final WordList BUILT_IN = load();

        /** Reads and checks the resource. */
        private static WordList load() {
            try (InputStream in = WordList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Word list [%s] not found".formatted(RESOURCE));
                }
                return parse(in.readAllBytes(), SIZE);
            } catch (final IOException e) {
                throw new UncheckedIOException("Word list [%s] not readable".formatted(RESOURCE), e);
            }
        }
    }
}
