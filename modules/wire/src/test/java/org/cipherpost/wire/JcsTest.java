package org.cipherpost.wire;

import static org.cipherpost.wire.WireTestSupport.text;
import static org.cipherpost.wire.WireTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** JCS rules, strict parsing, and differential checks against java-json-canonicalization and Jackson. */
class JcsTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static final String MUTATIONS = " {}[]\":,\\-.e0a\u00ffu";

    private static String canonical(final String json) throws IOException {
        return text(Jcs.canonicalize(utf8(json)));
    }

    private static IOException rejected(final String json) {
        return assertThrows(IOException.class, () -> Jcs.canonicalize(utf8(json)));
    }

    @Test
    void sortsMembersRecursivelyAndDropsWhitespace() throws IOException {
        assertEquals("{\"a\":[3,{\"x\":null,\"y\":true}],\"b\":false}",
                canonical(" { \"b\" : false ,\n\t\"a\" : [ 3 , { \"y\" : true , \"x\" : null } ] }\r\n"));
    }

    /** RFC 8785 3.2.3: UTF-16 code units, so U+FF61 sorts after U+1F600 (a surrogate pair starting 0xD83D). */
    @Test
    void sortsByUtf16CodeUnits() throws IOException {
        assertEquals("{\"\\r\":1,\"1\":2,\"A\":3,\"a\":4,\"\u00e9\":5,\"\ud83d\ude00\":6,\"\uff61\":7}",
                canonical("{\"\uff61\":7,\"\ud83d\ude00\":6,\"\u00e9\":5,\"a\":4,\"A\":3,\"1\":2,\"\\r\":1}"));
    }

    @Test
    void escapesStringsAsRfc8785() throws IOException {
        assertEquals("\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u0080\u2028\ud83d\ude00\"",
                canonical("\"\\u0000\\u001F\\u0008\\u0009\\u000a\\u000C\\u000D\\u0022\\u005c\\/\\u007f\\u0080"
                        + "\\u2028\\uD83D\\uDE00\""));
        assertEquals("\"A\u00e9\"", canonical("\"\\u0041\\u00E9\""));
    }

    /** Cipherpost v1 peers write i64/u64 exactly; RFC 8785 (and the erdtman library) round beyond 2^53. */
    @Test
    void writesIntegersExactly() throws IOException {
        assertEquals("[0,0,-1,9007199254740993,18446744073709551615,-9223372036854775808]",
                canonical("[0,-0,-1,9007199254740993,18446744073709551615,-9223372036854775808]"));
        assertEquals("[9007199254740992]",
                new JsonCanonicalizer("[9007199254740993]").getEncodedString(), "library rounds through double");
    }

    @Test
    void rejectsFloats() {
        for (final String json : new String[] {"1.0", "[1.5]", "{\"t\":1e2}", "{\"t\":1E+2}", "-0.0", "0e0", "[2.]"}) {
            assertTrue(rejected(json).getMessage().contains("floating-point"), json);
        }
    }

    @Test
    void rejectsMalformedNumbers() {
        for (final String json : new String[] {"01", "-01", "-", "[-]", "+1", ".5", "[1 2]", "0x10", "Infinity",
            "NaN", "1".repeat(41)}) {
            rejected(json);
        }
    }

    @Test
    void rejectsDuplicateNamesAfterUnescaping() {
        assertEquals("JSON duplicate member name [a] at byte [7]", rejected("{\"a\":1,\"a\":2}").getMessage());
        rejected("{\"a\":1,\"\\u0061\":2}");
        rejected("{\"x\":{\"b\":1,\"c\":2,\"b\":3}}");
    }

    @Test
    void rejectsBadStrings() {
        rejected("\"\\ud800\"");
        rejected("\"\\udc00\"");
        rejected("\"\\ud800\\u0041\"");
        rejected("\"\\ud800x\"");
        rejected("\"\\x\"");
        rejected("\"\\u12g4\"");
        rejected("\"\\u12\"");
        rejected("\"tab\there\"");
        rejected("\"no end");
        rejected("'single'");
    }

    @Test
    void rejectsBadUtf8() {
        for (final byte[] bad : new byte[][] {
            {'"', (byte) 0xc0, (byte) 0x80, '"'},
            {'"', (byte) 0xe0, (byte) 0x80, (byte) 0x80, '"'},
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
            {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
            {'"', (byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
            {'"', (byte) 0xe2, (byte) 0x82, '"'},
            {'"', (byte) 0x80, '"'},
            {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'},
        }) {
            assertThrows(IOException.class, () -> Jcs.canonicalize(bad));
        }
    }

    @Test
    void rejectsStructuralErrors() {
        for (final String json : new String[] {"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]",
            "{a:1}", "{\"a\":1}{}", "{\"a\":1} x", "tru", "nul", "[true false]", "{\"a\" 1}", "// c\n1",
            "{\"a\":1,\"b\"}"}) {
            rejected(json);
        }
    }

    @Test
    void enforcesDepthAndSize() throws IOException {
        assertEquals("[".repeat(32) + "]".repeat(32), canonical("[".repeat(32) + "]".repeat(32)));
        assertTrue(rejected("[".repeat(33) + "]".repeat(33)).getMessage().contains("depth [33]"));
        final byte[] big = new byte[Jcs.MAX_INPUT_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '1';
        assertEquals("JSON length [1048577] greater than maximum [1048576]",
                assertThrows(IOException.class, () -> Jcs.canonicalize(big)).getMessage());
    }

    @Test
    void isIdempotent() throws IOException {
        final byte[] once = Jcs.canonicalize(utf8("{\"b\":[1,\"\\u00e9\"],\"a\":{\"d\":null,\"c\":-5}}"));
        assertArrayEquals(once, Jcs.canonicalize(once));
    }

    /** On integers within 2^53, object members and escaped strings, our output equals the RFC 8785 library's. */
    @Test
    void matchesRfc8785LibraryOnRandomDocuments() throws IOException {
        final Random random = new Random(8785);
        for (int i = 0; i < 400; i++) {
            final String json = "{\"v\":" + randomValue(random, 0) + "}";
            assertEquals(new JsonCanonicalizer(json).getEncodedString(), canonical(json), json);
        }
    }

    /** Mutated documents: whatever we accept Jackson (strict duplicates) accepts; floats are our only extra rule. */
    @Test
    void acceptsNothingJacksonRejects() throws IOException {
        final Random random = new Random(44);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            final byte[] doc = utf8(randomValue(random, 0));
            final int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                doc[random.nextInt(doc.length)] = (byte) MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
            }
            final boolean ours = acceptsOurs(doc);
            final boolean jackson = acceptsJackson(doc);
            if (ours) {
                accepted++;
                assertTrue(jackson, () -> "accepted what Jackson rejects: " + text(doc));
            } else {
                rejected++;
            }
        }
        assertTrue(accepted > 100 && rejected > 100, "accepted " + accepted + ", rejected " + rejected);
    }

    private static boolean acceptsOurs(final byte[] doc) {
        try {
            Jcs.canonicalize(doc);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static boolean acceptsJackson(final byte[] doc) {
        try (JsonParser parser = JACKSON.createParser(doc)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                    return false;
                }
            }
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private static String randomValue(final Random random, final int depth) {
        final int pick = depth > 3 ? 3 + random.nextInt(4) : random.nextInt(7);
        return switch (pick) {
            case 0, 1 -> {
                final StringBuilder out = new StringBuilder("{");
                final int count = random.nextInt(5);
                final java.util.Set<String> names = new java.util.HashSet<>();
                for (int i = 0; i < count; i++) {
                    final String name = randomString(random);
                    if (names.add(name)) {
                        out.append(out.length() > 1 ? "," : "").append(quote(name, random)).append(':')
                                .append(randomValue(random, depth + 1));
                    }
                }
                yield out.append('}').toString();
            }
            case 2 -> {
                final StringBuilder out = new StringBuilder("[");
                final int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    out.append(i > 0 ? ", " : "").append(randomValue(random, depth + 1));
                }
                yield out.append(']').toString();
            }
            case 3 -> Long.toString(random.nextLong() % (1L << 53));
            case 4 -> quote(randomString(random), random);
            case 5 -> random.nextBoolean() ? "true" : "false";
            default -> "null";
        };
    }

    private static String randomString(final Random random) {
        final String pool = "abcAB_-09 \u0000\u0001\u001f\u007f\u0080\u00e9\u2028\uff61\"\\/\ud83d\ude00";
        final StringBuilder out = new StringBuilder();
        final int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            final char c = pool.charAt(random.nextInt(pool.length()));
            if (Character.isHighSurrogate(c)) {
                out.append("\ud83d\ude00");
            } else if (!Character.isLowSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes a JSON string literal, escaping what must be escaped and sometimes more. */
    private static String quote(final String value, final Random random) {
        final StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            final boolean escape = c == '"' || c == '\\' || c < 0x20 || random.nextInt(8) == 0;
            if (Character.isHighSurrogate(c)) {
                final char low = value.charAt(++i);
                out.append(escape ? String.format("\\u%04X\\u%04x", (int) c, (int) low) : "" + c + low);
            } else if (escape) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
