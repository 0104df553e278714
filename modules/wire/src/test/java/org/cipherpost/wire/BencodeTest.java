package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeTest {

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesEachType() throws Exception {
        assertEquals(BencodeInteger.of(42), Bencode.decode(ascii("i42e")));
        assertEquals(BencodeInteger.of(-7), Bencode.decode(ascii("i-7e")));
        assertEquals(BencodeInteger.of(0), Bencode.decode(ascii("i0e")));
        assertEquals(BencodeBytes.utf8("spam"), Bencode.decode(ascii("4:spam")));
        assertEquals(BencodeBytes.of(new byte[0]), Bencode.decode(ascii("0:")));
        assertEquals(BencodeList.of(BencodeBytes.utf8("spam"), BencodeInteger.of(42)),
                Bencode.decode(ascii("l4:spami42ee")));
        final BencodeDictionary dictionary = (BencodeDictionary) Bencode.decode(ascii("d3:bar4:spam3:fooi42ee"));
        assertEquals(2, dictionary.size());
        assertEquals(42, dictionary.requireInteger("foo"));
        assertEquals(BencodeBytes.utf8("spam"), dictionary.requireBytes("bar"));
    }

    @Test
    void keepsBinaryBytes() throws Exception {
        final byte[] raw = {0, (byte) 0xff, (byte) 0x80, '\n', ':', 'e'};
        final byte[] encoded = Bencode.encode(BencodeBytes.of(raw));
        assertArrayEquals(raw, ((BencodeBytes) Bencode.decode(encoded)).bytes());
    }

    @Test
    void encodesCanonically() {
        final BencodeDictionary dictionary = BencodeDictionary.builder()
                .put("zeta", 1)
                .put("a", BencodeList.of(BencodeInteger.of(-1), BencodeBytes.utf8("x")))
                .put(BencodeBytes.of(new byte[] {(byte) 0x80}), BencodeInteger.of(2))
                .put("B", new byte[] {'y'})
                .build();
        // Raw-byte order: "B" (0x42) < "a" (0x61) < "zeta" < 0x80 (unsigned).
        assertArrayEquals(ascii("d1:B1:y1:ali-1e1:xe4:zetai1e1:\u0080i2ee"), Bencode.encode(dictionary));
    }

    @Test
    void readsLongExtremes() throws Exception {
        assertEquals(BencodeInteger.of(Long.MAX_VALUE), Bencode.decode(ascii("i9223372036854775807e")));
        assertEquals(BencodeInteger.of(Long.MIN_VALUE), Bencode.decode(ascii("i-9223372036854775808e")));
        assertArrayEquals(ascii("i-9223372036854775808e"), Bencode.encode(BencodeInteger.of(Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "i03e|0", "i-0e|0", "ie|0", "i-e|0", "i1|2", "i1xe|2", "i9223372036854775808e|0",
        "i-9223372036854775809e|0", "i99999999999999999999999e|0", "03:abc|0", "00:|0", "4:abc|0",
        "99999999999:a|0", "4294967296:a|0", "5|0", "1x|1", "i1ei2e|3", "l|1", "li1e|4", "d|1",
        "di1ei2ee|1", "d1:b0:1:a0:e|6", "d1:a0:1:a0:e|6", "d1:ae|4", "x|0", "-1:|0", "''|0", "d1:ali1eeee|10",
    })
    void rejectsNonCanonicalOrMalformed(final String input, final int offset) {
        final BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(ascii(input)));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("offset [" + offset + "]"), e.getMessage());
    }

    @Test
    void rejectsAbsurdLengthWithoutHugeAllocation() {
        // A length claim far past the input must fail before any allocation of that size.
        final BencodeException e = assertThrows(BencodeException.class,
                () -> Bencode.decode(ascii("2147483647:x")));
        assertTrue(e.getMessage().contains("greater than"), e.getMessage());
    }

    @Test
    void limitsNesting() throws Exception {
        final String deepest = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
        Bencode.decode(ascii(deepest));
        final String tooDeep = "l".repeat(Bencode.MAX_DEPTH + 1) + "e".repeat(Bencode.MAX_DEPTH + 1);
        final BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(ascii(tooDeep)));
        assertEquals(Bencode.MAX_DEPTH, e.offset());
        final String hostile = "d1:a".repeat(100_000);
        assertThrows(BencodeException.class, () -> Bencode.decode(ascii(hostile)));
        BencodeValue nested = BencodeList.of();
        for (int i = 0; i < Bencode.MAX_DEPTH; i++) {
            nested = BencodeList.of(nested);
        }
        final BencodeValue overDeep = nested;
        assertThrows(IllegalArgumentException.class, () -> Bencode.encode(overDeep));
    }

    @Test
    void dictionaryHelpersNameTheKey() throws Exception {
        final BencodeDictionary dictionary = (BencodeDictionary) Bencode.decode(ascii("d1:ai1e1:b1:xe"));
        final BencodeException missing = assertThrows(BencodeException.class, () -> dictionary.requireBytes("c"));
        assertEquals("Dictionary key [c] not found", missing.getMessage());
        final BencodeException wrongType = assertThrows(BencodeException.class, () -> dictionary.requireBytes("a"));
        assertEquals("Dictionary key [a] is not a byte string", wrongType.getMessage());
        assertTrue(dictionary.get("b").isPresent());
        assertEquals(List.of(), ((BencodeList) Bencode.decode(ascii("le"))).values());
    }

    @Test
    void bytesEqualityIsByContent() {
        final byte[] content = {1, 2, 3};
        final BencodeBytes first = BencodeBytes.of(content);
        content[0] = 9;
        assertEquals(BencodeBytes.of(new byte[] {1, 2, 3}), first);
        assertEquals(BencodeBytes.of(new byte[] {1, 2, 3}).hashCode(), first.hashCode());
        assertTrue(BencodeBytes.of(new byte[] {(byte) 0x80}).compareTo(BencodeBytes.of(new byte[] {0x7f})) > 0);
    }
}
