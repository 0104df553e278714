package org.cipherpost.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Strict BEP 3 decoder: accepts only the canonical encoding, so re-encoding a decoded value gives the input back.
 *
 * <p>Rejects trailing data, unsorted or duplicate dictionary keys, non-byte-string keys, leading zeros,
 * {@code i-0e}, empty integers, integers outside a signed 64-bit range, lengths past the end of the input
 * and nesting deeper than {@link Bencode#MAX_DEPTH}. Every failure is a {@link BencodeException}.
 */
final class BencodeDecoder {
    private final byte[] input;
    private int position;

    private BencodeDecoder(final byte[] input) {
        this.input = input;
    }

    /**
     * Decodes exactly one value spanning the whole input.
     *
     * @param input bencoded bytes
     * @return decoded value
     * @throws BencodeException when the input is not one canonical bencoded value
     */
    static BencodeValue decode(final byte[] input) throws BencodeException {
        final BencodeDecoder decoder = new BencodeDecoder(input);
        final BencodeValue value = decoder.readValue(0);
        if (decoder.position != input.length) {
            throw new BencodeException(String.format("Trailing data [%d bytes]", input.length - decoder.position),
                    decoder.position);
        }
        return value;
    }

    private BencodeValue readValue(final int depth) throws BencodeException {
        final int current = peek();
        if (current == 'i') {
            return new BencodeInteger(readInteger());
        } else if (current == 'l') {
            return readList(depth + 1);
        } else if (current == 'd') {
            return readDictionary(depth + 1);
        } else if (isDigit(current)) {
            return readBytes();
        }
        throw new BencodeException(String.format("Unexpected byte [0x%02x]", current), position);
    }

    private BencodeList readList(final int depth) throws BencodeException {
        checkDepth(depth);
        position++;
        final List<BencodeValue> values = new ArrayList<>();
        while (peek() != 'e') {
            values.add(readValue(depth));
        }
        position++;
        return new BencodeList(values);
    }

    private BencodeDictionary readDictionary(final int depth) throws BencodeException {
        checkDepth(depth);
        position++;
        final TreeMap<BencodeBytes, BencodeValue> entries = new TreeMap<>();
        BencodeBytes previous = null;
        while (peek() != 'e') {
            final int keyOffset = position;
            if (!isDigit(peek())) {
                throw new BencodeException("Dictionary key is not a byte string", keyOffset);
            }
            final BencodeBytes key = readBytes();
            if (previous != null) {
                final int order = previous.compareTo(key);
                if (order == 0) {
                    throw new BencodeException("Duplicate dictionary key", keyOffset);
                } else if (order > 0) {
                    throw new BencodeException("Dictionary keys not sorted", keyOffset);
                }
            }
            entries.put(key, readValue(depth));
            previous = key;
        }
        position++;
        return BencodeDictionary.of(entries);
    }

    private long readInteger() throws BencodeException {
        final int start = position;
        position++;
        final boolean negative = peek() == '-';
        if (negative) {
            position++;
        }
        if (!isDigit(peek())) {
            throw new BencodeException("Integer without digits", start);
        }
        if (peek() == '0' && (negative || isDigitAt(position + 1))) {
            throw new BencodeException(negative ? "Negative zero integer" : "Integer with leading zero", start);
        }
        // Accumulate negatively so that Long.MIN_VALUE is reachable, as Long.parseLong does.
        final long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        final long multiplyLimit = limit / 10;
        long result = 0;
        while (isDigit(peek())) {
            final int digit = input[position] - '0';
            if (result < multiplyLimit || result * 10 < limit + digit) {
                throw new BencodeException("Integer outside signed 64-bit range", start);
            }
            result = result * 10 - digit;
            position++;
        }
        if (peek() != 'e') {
            throw new BencodeException("Integer not terminated by [e]", position);
        }
        position++;
        return negative ? result : -result;
    }

    private BencodeBytes readBytes() throws BencodeException {
        final int start = position;
        if (peek() == '0' && isDigitAt(position + 1)) {
            throw new BencodeException("Byte string length with leading zero", start);
        }
        long length = 0;
        while (isDigit(peek())) {
            length = length * 10 + (input[position] - '0');
            if (length > input.length) {
                throw new BencodeException(String.format("Byte string length greater than input [%d bytes]",
                        input.length), start);
            }
            position++;
        }
        if (peek() != ':') {
            throw new BencodeException("Byte string length not terminated by [:]", position);
        }
        position++;
        final int remaining = input.length - position;
        if (length > remaining) {
            throw new BencodeException(String.format("Byte string length [%d] greater than remaining input [%d]",
                    length, remaining), start);
        }
        final int end = position + (int) length;
        final byte[] content = Arrays.copyOfRange(input, position, end);
        position = end;
        return BencodeBytes.wrap(content);
    }

    private void checkDepth(final int depth) throws BencodeException {
        if (depth > Bencode.MAX_DEPTH) {
            throw new BencodeException(String.format("Nesting deeper than maximum [%d]", Bencode.MAX_DEPTH), position);
        }
    }

    private int peek() throws BencodeException {
        if (position >= input.length) {
            throw new BencodeException("Unexpected end of input", position);
        }
        return input[position] & 0xff;
    }

    private boolean isDigitAt(final int index) {
        return index < input.length && isDigit(input[index] & 0xff);
    }

    private static boolean isDigit(final int value) {
        return value >= '0' && value <= '9';
    }
}
