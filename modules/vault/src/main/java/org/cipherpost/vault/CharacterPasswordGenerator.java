package org.cipherpost.vault;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cipherpost.crypto.SecretBytes;

/**
 * Generates passwords of uniformly drawn characters. When each class is required, whole passwords missing a class
 * are rejected and drawn again, which keeps every acceptable password equally likely.
 */
final class CharacterPasswordGenerator implements PasswordGenerator {
    private static final int MAXIMUM_ATTEMPTS = 1_000_000;

    private final PasswordPolicy policy;
    private final UniformIndex index;
    private final List<CharacterClass> classes;
    private final byte[] alphabet;

    /**
     * Creates a generator.
     *
     * @param policy length and character classes
     * @param index uniform index source
     */
    CharacterPasswordGenerator(final PasswordPolicy policy, final UniformIndex index) {
        this.policy = policy;
        this.index = index;
        this.classes = List.copyOf(policy.classes());
        final StringBuilder characters = new StringBuilder();
        for (final CharacterClass characterClass : classes) {
            characters.append(characterClass.characters());
        }
        this.alphabet = characters.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public SecretBytes generate() {
        final byte[] password = new byte[policy.length()];
        for (int attempt = 0; attempt < MAXIMUM_ATTEMPTS; attempt++) {
            for (int i = 0; i < password.length; i++) {
                password[i] = alphabet[index.next(alphabet.length)];
            }
            if (!policy.requiresEachClass() || hasEachClass(password)) {
                return SecretBytes.wrap(password);
            }
        }
        throw new IllegalStateException("Attempts [%d] exhausted without a password holding each class"
                .formatted(MAXIMUM_ATTEMPTS));
    }

    /** Returns log2 of the number of acceptable passwords, counted exactly by inclusion and exclusion. */
    @Override
    public double entropyBits() {
        final int length = policy.length();
        if (!policy.requiresEachClass()) {
            return Log2.of(BigInteger.valueOf(alphabet.length).pow(length));
        }
        BigInteger count = BigInteger.ZERO;
        for (int excluded = 0; excluded < 1 << classes.size(); excluded++) {
            int size = alphabet.length;
            for (int c = 0; c < classes.size(); c++) {
                if ((excluded & 1 << c) != 0) {
                    size -= classes.get(c).size();
                }
            }
            final BigInteger term = BigInteger.valueOf(size).pow(length);
            count = Integer.bitCount(excluded) % 2 == 0 ? count.add(term) : count.subtract(term);
        }
        return Log2.of(count);
    }

    /** Tells whether the password holds at least one character of every class. */
    private boolean hasEachClass(final byte[] password) {
        for (final CharacterClass characterClass : classes) {
            boolean found = false;
            for (final byte b : password) {
                found |= characterClass.contains(b);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
