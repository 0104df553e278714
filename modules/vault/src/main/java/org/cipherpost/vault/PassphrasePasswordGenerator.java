package org.cipherpost.vault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cipherpost.crypto.SecretBytes;

/** Generates passphrases of words drawn uniformly and independently from a word list. */
final class PassphrasePasswordGenerator implements PasswordGenerator {
    private final PassphrasePolicy policy;
    private final WordList words;
    private final UniformIndex index;
    private final byte[] separator;

    /**
     * Creates a generator.
     *
     * @param policy number of words and separator
     * @param words word list
     * @param index uniform index source
     */
    PassphrasePasswordGenerator(final PassphrasePolicy policy, final WordList words, final UniformIndex index) {
        this.policy = policy;
        this.words = words;
        this.index = index;
        this.separator = policy.separator().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SecretBytes generate() {
        final int[] picks = new int[policy.words()];
        try {
            int length = separator.length * (picks.length - 1);
            for (int i = 0; i < picks.length; i++) {
                picks[i] = index.next(words.size());
                length += words.word(picks[i]).length;
            }
            final byte[] passphrase = new byte[length];
            int at = 0;
            for (int i = 0; i < picks.length; i++) {
                if (i > 0) {
                    System.arraycopy(separator, 0, passphrase, at, separator.length);
                    at += separator.length;
                }
                final byte[] word = words.word(picks[i]);
                System.arraycopy(word, 0, passphrase, at, word.length);
                at += word.length;
            }
            return SecretBytes.wrap(passphrase);
        } finally {
            Arrays.fill(picks, 0);
        }
    }

    /** Returns words times log2(list size); exact because every word has the same length. */
    @Override
    public double entropyBits() {
        return policy.words() * Math.log(words.size()) / Math.log(2);
    }
}
