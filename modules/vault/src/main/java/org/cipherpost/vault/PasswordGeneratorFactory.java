package org.cipherpost.vault;

import java.security.SecureRandom;
import java.util.Objects;

/** Creates password and passphrase generators backed by {@link SecureRandom}. */
public final class PasswordGeneratorFactory {
    private PasswordGeneratorFactory() {
    }

    /**
     * Creates a generator of character passwords.
     *
     * @param policy length and character classes
     * @return generator
     */
    public static PasswordGenerator newCharacterGenerator(final PasswordPolicy policy) {
        return newCharacterGenerator(policy, new SecureRandom());
    }

    /**
     * Creates a generator of passphrases from the built-in word list.
     *
     * @param policy number of words and separator
     * @return generator
     */
    public static PasswordGenerator newPassphraseGenerator(final PassphrasePolicy policy) {
        return newPassphraseGenerator(policy, new SecureRandom());
    }

    /**
     * Creates a generator of character passwords drawing from the given source.
     *
     * @param policy length and character classes
     * @param random random source
     * @return generator
     */
    static PasswordGenerator newCharacterGenerator(final PasswordPolicy policy, final SecureRandom random) {
        Objects.requireNonNull(policy, "Password Policy required");
        return new CharacterPasswordGenerator(policy, new UniformIndex(random));
    }

    /**
     * Creates a generator of passphrases drawing from the given source.
     *
     * @param policy number of words and separator
     * @param random random source
     * @return generator
     */
    static PasswordGenerator newPassphraseGenerator(final PassphrasePolicy policy, final SecureRandom random) {
        Objects.requireNonNull(policy, "Passphrase Policy required");
        return new PassphrasePasswordGenerator(policy, WordList.builtIn(), new UniformIndex(random));
    }
}
