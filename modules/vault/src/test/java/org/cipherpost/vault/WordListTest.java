package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in word list is exactly what its documented rule produces, and nothing else. */
class WordListTest {
    private static final String CONSONANTS = "bdfgklmnprstv";
    private static final String VOWELS = "aeiou";
    /** Slurs and crude words that the rule leaves out of passphrases. */
    private static final Set<String> BLOCKED = Set.of("dago", "dike", "faga", "fage", "fagi", "fago", "fagu",
            "fuku", "kaka", "kike", "mofo", "niga", "nige", "nigi", "nigo", "nigu", "nude", "paki", "pedo", "pene",
            "pito", "pube", "puke", "puta", "pute", "puto", "rape", "suka", "vomi");

    @Test
    void resourceIsRebuiltByTheRule() throws IOException, NoSuchAlgorithmException {
        assertArrayEquals(rebuild(), resource());
    }

    @Test
    void resourceDigestIsPinned() throws IOException, NoSuchAlgorithmException {
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(resource());
        assertEquals("fbb376855e3de8fab104af6473cb2fd4f479df6127a6b422d79fde8446db0a9b",
                HexFormat.of().formatHex(digest));
    }

    @Test
    void builtInListHas4096WordsOf12Bits() {
        final WordList list = WordList.builtIn();
        assertEquals(4096, list.size());
        assertEquals(12.0, Math.log(list.size()) / Math.log(2), 1e-12);
        assertEquals("baba", new String(list.word(0), StandardCharsets.US_ASCII));
    }

    @Test
    void parseRejectsListsThatBreakTheEntropyClaim() {
        assertThrows(IllegalStateException.class, () -> WordList.parse(ascii("abcd\nabcd\n"), 2));
        assertThrows(IllegalStateException.class, () -> WordList.parse(ascii("abcd\nAbcd\n"), 2));
        assertThrows(IllegalStateException.class, () -> WordList.parse(ascii("abcd\nabc\n"), 2));
        assertThrows(IllegalStateException.class, () -> WordList.parse(ascii("abcd\nabce\n"), 3));
        assertEquals(2, WordList.parse(ascii("abcd\nabce\n"), 2).size());
    }

    /** Every CVCV word, less the block list, ranked by a salted SHA-256, cut to 4096, sorted, one per line. */
    private static byte[] rebuild() throws NoSuchAlgorithmException {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final List<String> candidates = new ArrayList<>();
        for (final char c1 : CONSONANTS.toCharArray()) {
            for (final char v1 : VOWELS.toCharArray()) {
                for (final char c2 : CONSONANTS.toCharArray()) {
                    for (final char v2 : VOWELS.toCharArray()) {
                        final String word = "" + c1 + v1 + c2 + v2;
                        if (!BLOCKED.contains(word)) {
                            candidates.add(word);
                        }
                    }
                }
            }
        }
        assertEquals(4225 - BLOCKED.size(), candidates.size());
        final Comparator<String> byDigest = Comparator.comparing(
                word -> sha256.digest(ascii("cipherpost passphrase words v1 " + word)), Arrays::compareUnsigned);
        final List<String> chosen = candidates.stream().sorted(byDigest).limit(WordList.SIZE).sorted().toList();
        return ascii(String.join("\n", chosen) + "\n");
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = WordList.class.getResourceAsStream(WordList.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
