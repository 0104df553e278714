package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Randomized checks of the decoder: only BencodeException escapes, and decode/encode are inverse. */
class BencodeFuzzTest {
    private static final long SEED = 0x5eed_b3c0deL;
    private static final byte[] ALPHABET = "ilde0123456789:-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void decodeOfEncodeIsIdentity() throws Exception {
        final Random random = new Random(SEED);
        for (int i = 0; i < 3_000; i++) {
            final BencodeValue value = randomValue(random, 0);
            final byte[] encoded = Bencode.encode(value);
            assertEquals(value, Bencode.decode(encoded));
            assertArrayEquals(encoded, Bencode.encode(Bencode.decode(encoded)));
        }
    }

    @Test
    void randomInputOnlyThrowsBencodeException() {
        final Random random = new Random(SEED + 1);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            final byte[] input = new byte[random.nextInt(24)];
            for (int j = 0; j < input.length; j++) {
                input[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            accepted += decodeCanonicalOrReject(input);
        }
        assertTrue(accepted > 0, "some random inputs should be valid bencode");
    }

    @Test
    void mutatedInputOnlyThrowsBencodeException() {
        final Random random = new Random(SEED + 2);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            final byte[] input = mutate(Bencode.encode(randomValue(random, 0)), random);
            accepted += decodeCanonicalOrReject(input);
        }
        assertTrue(accepted > 0, "some mutations should stay valid bencode");
    }

    /** Decodes; an accepted input must re-encode to itself (the decoder accepts only canonical bencode). */
    private static int decodeCanonicalOrReject(final byte[] input) {
        try {
            final BencodeValue value = Bencode.decode(input);
            assertArrayEquals(input, Bencode.encode(value));
            return 1;
        } catch (final BencodeException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
            return 0;
        } catch (final RuntimeException e) {
            fail("Unchecked exception for input " + java.util.HexFormat.of().formatHex(input), e);
            return 0;
        }
    }

    private static byte[] mutate(final byte[] original, final Random random) {
        final List<Byte> bytes = new ArrayList<>();
        for (final byte b : original) {
            bytes.add(b);
        }
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            final int kind = random.nextInt(5);
            final int index = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
            switch (kind) {
                case 0 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(index, (byte) random.nextInt(256));
                    }
                }
                case 1 -> {
                    if (!bytes.isEmpty()) {
                        bytes.remove(index);
                    }
                }
                case 2 -> bytes.add(index, ALPHABET[random.nextInt(ALPHABET.length)]);
                case 3 -> {
                    if (!bytes.isEmpty()) {
                        bytes.set(index, ALPHABET[random.nextInt(ALPHABET.length)]);
                    }
                }
                default -> {
                    while (bytes.size() > index) {
                        bytes.remove(bytes.size() - 1);
                    }
                }
            }
        }
        final byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    static BencodeValue randomValue(final Random random, final int depth) {
        final int kind = depth >= 4 ? random.nextInt(2) : random.nextInt(4);
        switch (kind) {
            case 0 -> {
                final long value = switch (random.nextInt(4)) {
                    case 0 -> random.nextLong();
                    case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> random.nextInt(2001) - 1000;
                };
                return BencodeInteger.of(value);
            }
            case 1 -> {
                final byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                return BencodeBytes.of(bytes);
            }
            case 2 -> {
                final List<BencodeValue> values = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    values.add(randomValue(random, depth + 1));
                }
                return new BencodeList(values);
            }
            default -> {
                final TreeMap<BencodeBytes, BencodeValue> entries = new TreeMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    final byte[] key = new byte[random.nextInt(4)];
                    random.nextBytes(key);
                    entries.put(BencodeBytes.of(key), randomValue(random, depth + 1));
                }
                return BencodeDictionary.of(entries);
            }
        }
    }
}
