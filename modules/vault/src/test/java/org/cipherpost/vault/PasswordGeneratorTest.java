package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;

/** Character passwords and passphrases: alphabet, class rules, entropy figures and policy limits. */
class PasswordGeneratorTest {
    private static final String ALL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    @Test
    void defaultAlphabetIsPrintableAsciiWithoutSpace() {
        assertEquals(94, ALL.length());
        final StringBuilder classes = new StringBuilder();
        for (final CharacterClass c : CharacterClass.values()) {
            classes.append(c.characters());
        }
        assertEquals(ALL, classes.toString());
        for (char c = '!'; c <= '~'; c++) {
            assertTrue(ALL.indexOf(c) >= 0, "missing [" + c + "]");
        }
    }

    @Test
    void passwordsHaveTheLengthAndEveryClass() {
        final PasswordGenerator generator =
                PasswordGeneratorFactory.newCharacterGenerator(PasswordPolicy.ofLength(4), ScriptedRandom.seeded(1));
        for (int i = 0; i < 500; i++) {
            final String password = text(generator.generate());
            assertEquals(4, password.length());
            for (final CharacterClass c : CharacterClass.values()) {
                assertTrue(password.chars().anyMatch(ch -> c.characters().indexOf(ch) >= 0),
                        "class [" + c + "] missing at draw [" + i + "]");
            }
        }
    }

    @Test
    void withoutSymbolsNeverDrawsASymbol() {
        final PasswordPolicy policy = PasswordPolicy.ofLength(32).withoutSymbols();
        assertEquals(EnumSet.of(CharacterClass.LOWERCASE, CharacterClass.UPPERCASE, CharacterClass.DIGITS),
                policy.classes());
        final PasswordGenerator generator =
                PasswordGeneratorFactory.newCharacterGenerator(policy, ScriptedRandom.seeded(2));
        for (int i = 0; i < 500; i++) {
            final String password = text(generator.generate());
            assertTrue(password.chars().allMatch(Character::isLetterOrDigit), "draw [" + i + "]");
        }
    }

    @Test
    void shortPasswordsSkipTheEachClassRule() {
        final PasswordPolicy policy = PasswordPolicy.ofLength(2);
        assertFalse(policy.requiresEachClass());
        final PasswordGenerator generator =
                PasswordGeneratorFactory.newCharacterGenerator(policy, ScriptedRandom.seeded(3));
        assertEquals(2, text(generator.generate()).length());
        assertEquals(2 * Math.log(94) / Math.log(2), generator.entropyBits(), 1e-9);
    }

    @Test
    void entropyCountsOnlyPasswordsThatHoldEachClass() {
        final PasswordPolicy policy =
                new PasswordPolicy(3, EnumSet.of(CharacterClass.LOWERCASE, CharacterClass.DIGITS), true);
        int count = 0;
        final String alphabet = CharacterClass.LOWERCASE.characters() + CharacterClass.DIGITS.characters();
        for (final char a : alphabet.toCharArray()) {
            for (final char b : alphabet.toCharArray()) {
                for (final char c : alphabet.toCharArray()) {
                    final String s = "" + a + b + c;
                    if (s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter)) {
                        count++;
                    }
                }
            }
        }
        assertEquals(28_080, count);
        final double bits = PasswordGeneratorFactory.newCharacterGenerator(policy).entropyBits();
        assertEquals(Math.log(count) / Math.log(2), bits, 1e-9);
    }

    @Test
    void defaultPasswordEntropy() {
        final PasswordGenerator generator = PasswordGeneratorFactory.newCharacterGenerator(
                PasswordPolicy.ofLength(PasswordPolicy.DEFAULT_LENGTH));
        final double unconstrained = PasswordPolicy.DEFAULT_LENGTH * Math.log(94) / Math.log(2);
        assertTrue(generator.entropyBits() < unconstrained);
        assertTrue(generator.entropyBits() > unconstrained - 0.2, "bits [" + generator.entropyBits() + "]");
        assertEquals(157.21, generator.entropyBits(), 0.01);
    }

    @Test
    void longPasswordEntropyStaysFinite() {
        final PasswordGenerator generator =
                PasswordGeneratorFactory.newCharacterGenerator(PasswordPolicy.ofLength(PasswordPolicy.MAXIMUM_LENGTH));
        assertEquals(PasswordPolicy.MAXIMUM_LENGTH * Math.log(94) / Math.log(2), generator.entropyBits(), 1e-6);
    }

    @Test
    void passwordsDiffer() {
        final PasswordGenerator generator = PasswordGeneratorFactory.newCharacterGenerator(PasswordPolicy.ofLength(20));
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertTrue(seen.add(text(generator.generate())));
        }
    }

    @Test
    void passphrasesAreWordsFromTheList() {
        final PasswordGenerator generator = PasswordGeneratorFactory.newPassphraseGenerator(
                PassphrasePolicy.ofWords(PassphrasePolicy.DEFAULT_WORDS), ScriptedRandom.seeded(4));
        final Set<String> words = new HashSet<>();
        final WordList list = WordList.builtIn();
        for (int i = 0; i < list.size(); i++) {
            words.add(new String(list.word(i), StandardCharsets.US_ASCII));
        }
        final String passphrase = text(generator.generate());
        final String[] parts = passphrase.split("-", -1);
        assertEquals(6, parts.length, passphrase.length() + " characters");
        for (final String part : parts) {
            assertTrue(words.contains(part));
        }
        assertEquals(72.0, generator.entropyBits(), 1e-9);
    }

    @Test
    void passphraseSeparatorMayBeEmptyOrSpace() {
        final String joined = text(PasswordGeneratorFactory.newPassphraseGenerator(
                new PassphrasePolicy(5, ""), ScriptedRandom.seeded(5)).generate());
        assertEquals(20, joined.length());
        final String spaced = text(PasswordGeneratorFactory.newPassphraseGenerator(
                new PassphrasePolicy(3, " "), ScriptedRandom.seeded(5)).generate());
        assertEquals(14, spaced.length());
        assertEquals(36.0, PasswordGeneratorFactory.newPassphraseGenerator(new PassphrasePolicy(3, " "))
                .entropyBits(), 1e-9);
    }

    @Test
    void passphrasesDiffer() {
        final PasswordGenerator generator = PasswordGeneratorFactory.newPassphraseGenerator(PassphrasePolicy.ofWords(4));
        assertNotEquals(text(generator.generate()), text(generator.generate()));
    }

    @Test
    void generatedSecretsFitOnTheSecretLine() {
        final PasswordGenerator generator =
                PasswordGeneratorFactory.newCharacterGenerator(PasswordPolicy.ofLength(64), ScriptedRandom.seeded(6));
        for (int i = 0; i < 100; i++) {
            try (SecretBytes secret = generator.generate(); Entry entry = Entry.create(secret);
                    SecretBytes back = entry.secret()) {
                assertTrue(secret.contentEquals(back));
                assertTrue(entry.fields().isEmpty());
            }
        }
    }

    @Test
    void policiesRejectValuesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> PasswordPolicy.ofLength(0));
        assertThrows(IllegalArgumentException.class, () -> PasswordPolicy.ofLength(1025));
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(8, Set.of(), true));
        assertThrows(IllegalArgumentException.class,
                () -> new PasswordPolicy(8, EnumSet.of(CharacterClass.SYMBOLS), true).withoutSymbols());
        assertThrows(IllegalArgumentException.class, () -> PassphrasePolicy.ofWords(0));
        assertThrows(IllegalArgumentException.class, () -> PassphrasePolicy.ofWords(65));
        assertThrows(IllegalArgumentException.class, () -> new PassphrasePolicy(4, "\n"));
        assertThrows(IllegalArgumentException.class, () -> new PassphrasePolicy(4, "12345678901234567"));
    }

    @Test
    void policyClassesCannotBeChangedAfterwards() {
        final Set<CharacterClass> classes = EnumSet.of(CharacterClass.DIGITS);
        final PasswordPolicy policy = new PasswordPolicy(8, classes, true);
        classes.add(CharacterClass.SYMBOLS);
        assertEquals(Set.of(CharacterClass.DIGITS), policy.classes());
        assertThrows(UnsupportedOperationException.class, () -> policy.classes().add(CharacterClass.SYMBOLS));
    }

    private static String text(final SecretBytes secret) {
        try (secret) {
            return new String(secret.bytes(), StandardCharsets.US_ASCII);
        }
    }
}
