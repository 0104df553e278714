package org.cipherpost.wire.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strict RFC 8259 JSON parser for the subset Cipherpost signs.
 *
 * <p>Rejects, with an {@link IOException}: input over the size limit, nesting over the depth limit, invalid UTF-8
 * (overlong, surrogate code points, truncated), a byte order mark, duplicate member names (after unescaping), numbers
 * with a fraction or exponent, leading zeros, integers over 40 characters, unpaired surrogate escapes, raw control
 * characters in strings, and anything after the root value but whitespace.
 */
public final class StrictJsonParser {
    /** Longest integer literal accepted, sign included. */
    static final int MAX_INTEGER_CHARS = 40;

    private final byte[] input;
    private final int maxDepth;
    private int position;

    private StrictJsonParser(final byte[] input, final int maxDepth) {
        this.input = input;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses one JSON text; strings in the result hold their own characters, the input is not kept.
     *
     * @param input UTF-8 JSON text
     * @param maxBytes largest input accepted
     * @param maxDepth deepest nesting of objects and arrays accepted
     * @return root value
     * @throws IOException when the input is not strict JSON within the limits
     */
    public static JsonValue parse(final byte[] input, final int maxBytes, final int maxDepth) throws IOException {
        Objects.requireNonNull(input, "JSON input required");
        if (input.length > maxBytes) {
            throw new IOException(String.format("JSON length [%d] greater than maximum [%d]", input.length, maxBytes));
        }
        final StrictJsonParser parser = new StrictJsonParser(input, maxDepth);
        final JsonValue root = parser.value(0);
        try {
            parser.skipWhitespace();
            if (parser.position != input.length) {
                throw parser.error("content after the root value");
            }
        } catch (final IOException e) {
            root.wipe();
            throw e;
        }
        return root;
    }

    private JsonValue value(final int depth) throws IOException {
        skipWhitespace();
        if (position >= input.length) {
            throw error("end of input where a value was expected");
        }
        final int b = input[position];
        return switch (b) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", JsonLiteral.TRUE);
            case 'f' -> literal("false", JsonLiteral.FALSE);
            case 'n' -> literal("null", JsonLiteral.NULL);
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    yield integer();
                }
                throw error("unexpected character");
            }
        };
    }

    private JsonObject object(final int depth) throws IOException {
        checkDepth(depth);
        position++;
        final Map<String, JsonValue> members = new LinkedHashMap<>();
        try {
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return new JsonObject(members);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("member name expected");
                }
                final int nameStart = position;
                final JsonString nameValue = string();
                final String name = nameValue.text();
                if (members.containsKey(name)) {
                    throw new IOException(String.format("JSON duplicate member name [%s] at byte [%d]",
                            Printable.of(name), nameStart));
                }
                skipWhitespace();
                expect(':');
                members.put(name, value(depth));
                skipWhitespace();
                final int next = peek();
                position++;
                if (next == '}') {
                    return new JsonObject(members);
                }
                if (next != ',') {
                    position--;
                    throw error("',' or '}' expected");
                }
            }
        } catch (final IOException | RuntimeException e) {
            members.values().forEach(JsonValue::wipe);
            throw e;
        }
    }

    private JsonArray array(final int depth) throws IOException {
        checkDepth(depth);
        position++;
        final List<JsonValue> elements = new ArrayList<>();
        try {
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return new JsonArray(elements);
            }
            while (true) {
                elements.add(value(depth));
                skipWhitespace();
                final int next = peek();
                position++;
                if (next == ']') {
                    return new JsonArray(elements);
                }
                if (next != ',') {
                    position--;
                    throw error("',' or ']' expected");
                }
            }
        } catch (final IOException | RuntimeException e) {
            elements.forEach(JsonValue::wipe);
            throw e;
        }
    }

    private JsonString string() throws IOException {
        position++;
        final CharSink out = new CharSink();
        try {
            while (true) {
                if (position >= input.length) {
                    throw error("end of input inside a string");
                }
                final int b = input[position] & 0xff;
                if (b == '"') {
                    position++;
                    return new JsonString(out.take());
                }
                if (b == '\\') {
                    escape(out);
                } else if (b < 0x20) {
                    throw error("control character inside a string");
                } else if (b < 0x80) {
                    out.append((char) b);
                    position++;
                } else {
                    utf8(out, b);
                }
            }
        } finally {
            out.wipe();
        }
    }

    private void escape(final CharSink out) throws IOException {
        position++;
        if (position >= input.length) {
            throw error("end of input inside an escape");
        }
        final int e = input[position++];
        switch (e) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> unicodeEscape(out);
            default -> {
                position--;
                throw error("invalid escape");
            }
        }
    }

    private void unicodeEscape(final CharSink out) throws IOException {
        final char unit = hex4();
        if (Character.isLowSurrogate(unit)) {
            throw error("unpaired low surrogate escape");
        }
        if (Character.isHighSurrogate(unit)) {
            if (position + 1 >= input.length || input[position] != '\\' || input[position + 1] != 'u') {
                throw error("unpaired high surrogate escape");
            }
            position += 2;
            final char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error("unpaired high surrogate escape");
            }
            out.append(unit);
            out.append(low);
            return;
        }
        out.append(unit);
    }

    private char hex4() throws IOException {
        if (position + 4 > input.length) {
            throw error("end of input inside a unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            final int digit = Character.digit(input[position] & 0xff, 16);
            if (digit < 0 || input[position] < 0) {
                throw error("invalid hexadecimal digit in a unicode escape");
            }
            value = (value << 4) | digit;
            position++;
        }
        return (char) value;
    }

    private void utf8(final CharSink out, final int lead) throws IOException {
        final int count;
        final int min;
        int codePoint;
        if (lead >= 0xc2 && lead <= 0xdf) {
            count = 1;
            min = 0x80;
            codePoint = lead & 0x1f;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            count = 2;
            min = 0x800;
            codePoint = lead & 0x0f;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            count = 3;
            min = 0x10000;
            codePoint = lead & 0x07;
        } else {
            throw error("invalid UTF-8 lead byte");
        }
        if (position + count >= input.length) {
            throw error("truncated UTF-8 sequence");
        }
        for (int i = 1; i <= count; i++) {
            final int next = input[position + i] & 0xff;
            if ((next & 0xc0) != 0x80) {
                throw error("invalid UTF-8 continuation byte");
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (codePoint < min || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            throw error("invalid UTF-8 sequence");
        }
        position += count + 1;
        if (codePoint >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            out.append(Character.highSurrogate(codePoint));
            out.append(Character.lowSurrogate(codePoint));
        } else {
            out.append((char) codePoint);
        }
    }

    private JsonInteger integer() throws IOException {
        final int start = position;
        if (input[position] == '-') {
            position++;
        }
        if (position >= input.length || input[position] < '0' || input[position] > '9') {
            throw error("digit expected");
        }
        if (input[position] == '0') {
            position++;
            if (position < input.length && input[position] >= '0' && input[position] <= '9') {
                throw error("leading zero in a number");
            }
        } else {
            while (position < input.length && input[position] >= '0' && input[position] <= '9') {
                position++;
            }
        }
        if (position < input.length && (input[position] == '.' || input[position] == 'e' || input[position] == 'E')) {
            throw error("floating-point number not allowed");
        }
        if (position - start > MAX_INTEGER_CHARS) {
            throw new IOException(String.format("JSON integer of [%d] characters longer than maximum [%d] at byte [%d]",
                    position - start, MAX_INTEGER_CHARS, start));
        }
        return new JsonInteger(new BigInteger(new String(input, start, position - start, StandardCharsets.US_ASCII)));
    }

    private JsonLiteral literal(final String text, final JsonLiteral literal) throws IOException {
        if (position + text.length() > input.length) {
            throw error("invalid literal");
        }
        for (int i = 0; i < text.length(); i++) {
            if (input[position + i] != text.charAt(i)) {
                throw error("invalid literal");
            }
        }
        position += text.length();
        return literal;
    }

    private void checkDepth(final int depth) throws IOException {
        if (depth > maxDepth) {
            throw new IOException(String.format("JSON nesting depth [%d] greater than maximum [%d] at byte [%d]",
                    depth, maxDepth, position));
        }
    }

    private void expect(final char expected) throws IOException {
        if (peek() != expected) {
            throw error("'" + expected + "' expected");
        }
        position++;
    }

    private int peek() throws IOException {
        if (position >= input.length) {
            throw error("unexpected end of input");
        }
        return input[position];
    }

    private void skipWhitespace() {
        while (position < input.length) {
            final byte b = input[position];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            position++;
        }
    }

    private IOException error(final String reason) {
        return new IOException(String.format("JSON %s at byte [%d]", reason, position));
    }
}
