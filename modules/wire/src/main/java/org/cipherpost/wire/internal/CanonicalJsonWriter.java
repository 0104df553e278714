package org.cipherpost.wire.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;
import org.cipherpost.crypto.SecretBytes;

/**
 * Writes canonical JSON (RFC 8785 for the subset Cipherpost signs) into a buffer that wipes what it discards.
 *
 * <p>No whitespace; member names must come in ascending UTF-16 code unit order (checked); strings escape only
 * {@code "}, {@code \}, and controls below U+0020 ({@code \b \t \n \f \r} short, the others as six-character
 * u00xx escapes in lowercase hexadecimal), everything else as UTF-8; integers in plain decimal, exactly. Floats cannot
 * be written.
 */
public final class CanonicalJsonWriter implements AutoCloseable {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Deque<Frame> frames = new ArrayDeque<>();
    private byte[] buffer;
    private int length;
    private boolean complete;

    /**
     * Creates a writer.
     *
     * @param initialCapacity expected output size in bytes
     */
    public CanonicalJsonWriter(final int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * Opens an object.
     *
     * @return this writer
     */
    public CanonicalJsonWriter beginObject() {
        beforeValue();
        put((byte) '{');
        frames.push(new Frame(true));
        return this;
    }

    /**
     * Closes the innermost object.
     *
     * @return this writer
     */
    public CanonicalJsonWriter endObject() {
        final Frame frame = frames.peek();
        if (frame == null || !frame.object || frame.awaitingValue) {
            throw new IllegalStateException("No object to close");
        }
        frames.pop();
        put((byte) '}');
        afterValue();
        return this;
    }

    /**
     * Opens an array.
     *
     * @return this writer
     */
    public CanonicalJsonWriter beginArray() {
        beforeValue();
        put((byte) '[');
        frames.push(new Frame(false));
        return this;
    }

    /**
     * Closes the innermost array.
     *
     * @return this writer
     */
    public CanonicalJsonWriter endArray() {
        final Frame frame = frames.peek();
        if (frame == null || frame.object) {
            throw new IllegalStateException("No array to close");
        }
        frames.pop();
        put((byte) ']');
        afterValue();
        return this;
    }

    /**
     * Writes a member name; names must ascend in UTF-16 code unit order within an object.
     *
     * @param name member name
     * @return this writer
     */
    public CanonicalJsonWriter name(final String name) {
        Objects.requireNonNull(name, "Member name required");
        final Frame frame = frames.peek();
        if (frame == null || !frame.object || frame.awaitingValue) {
            throw new IllegalStateException("Member name not expected");
        }
        if (frame.lastName != null && frame.lastName.compareTo(name) >= 0) {
            throw new IllegalStateException(String.format("Member name [%s] not after [%s]",
                    Printable.of(name), Printable.of(frame.lastName)));
        }
        if (frame.count > 0) {
            put((byte) ',');
        }
        quoted(name.toCharArray());
        put((byte) ':');
        frame.lastName = name;
        frame.awaitingValue = true;
        return this;
    }

    /**
     * Writes a string value.
     *
     * @param value text
     * @return this writer
     */
    public CanonicalJsonWriter string(final String value) {
        Objects.requireNonNull(value, "String value required");
        beforeValue();
        quoted(value.toCharArray());
        afterValue();
        return this;
    }

    /**
     * Writes a string value from characters, which may be secret; they are not copied into a String.
     *
     * @param value characters
     * @return this writer
     */
    public CanonicalJsonWriter string(final char[] value) {
        Objects.requireNonNull(value, "String value required");
        beforeValue();
        quoted(value);
        afterValue();
        return this;
    }

    /**
     * Writes a string value of printable ASCII that needs no escaping, such as Base64 of a secret.
     *
     * @param ascii ASCII bytes without {@code "} or {@code \}
     * @return this writer
     */
    public CanonicalJsonWriter asciiString(final byte[] ascii) {
        Objects.requireNonNull(ascii, "ASCII value required");
        for (final byte b : ascii) {
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                throw new IllegalArgumentException("ASCII value needs escaping");
            }
        }
        beforeValue();
        put((byte) '"');
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buffer, length, ascii.length);
        length += ascii.length;
        put((byte) '"');
        afterValue();
        return this;
    }

    /**
     * Writes an integer value.
     *
     * @param value integer
     * @return this writer
     */
    public CanonicalJsonWriter integer(final long value) {
        return raw(Long.toString(value));
    }

    /**
     * Writes an integer value of any size, exactly.
     *
     * @param value integer
     * @return this writer
     */
    public CanonicalJsonWriter integer(final BigInteger value) {
        return raw(Objects.requireNonNull(value, "Integer value required").toString());
    }

    /**
     * Writes {@code true} or {@code false}.
     *
     * @param value boolean
     * @return this writer
     */
    public CanonicalJsonWriter bool(final boolean value) {
        return raw(value ? "true" : "false");
    }

    /**
     * Writes {@code null}.
     *
     * @return this writer
     */
    public CanonicalJsonWriter nullValue() {
        return raw("null");
    }

    /**
     * Returns a copy of the complete output.
     *
     * @return canonical JSON bytes
     */
    public byte[] toByteArray() {
        checkComplete();
        return Arrays.copyOf(buffer, length);
    }

    /**
     * Moves the complete output into a secret holder and wipes this writer.
     *
     * @return canonical JSON bytes, owned by the caller
     */
    public SecretBytes toSecretBytes() {
        checkComplete();
        final SecretBytes out = SecretBytes.wrap(Arrays.copyOf(buffer, length));
        close();
        return out;
    }

    @Override
    public void close() {
        Arrays.fill(buffer, (byte) 0);
        length = 0;
    }

    private CanonicalJsonWriter raw(final String token) {
        beforeValue();
        final byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        afterValue();
        return this;
    }

    private void quoted(final char[] chars) {
        put((byte) '"');
        for (int i = 0; i < chars.length; i++) {
            final char c = chars[i];
            if (c == '"' || c == '\\') {
                put((byte) '\\');
                put((byte) c);
            } else if (c < 0x20) {
                control(c);
            } else if (c < 0x80) {
                put((byte) c);
            } else if (c < 0x800) {
                put((byte) (0xc0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3f)));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                final int codePoint = Character.toCodePoint(c, chars[++i]);
                put((byte) (0xf0 | (codePoint >> 18)));
                put((byte) (0x80 | ((codePoint >> 12) & 0x3f)));
                put((byte) (0x80 | ((codePoint >> 6) & 0x3f)));
                put((byte) (0x80 | (codePoint & 0x3f)));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("Unpaired surrogate at index [%d]", i));
            } else {
                put((byte) (0xe0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3f)));
                put((byte) (0x80 | (c & 0x3f)));
            }
        }
        put((byte) '"');
    }

    private void control(final char c) {
        put((byte) '\\');
        switch (c) {
            case '\b' -> put((byte) 'b');
            case '\t' -> put((byte) 't');
            case '\n' -> put((byte) 'n');
            case '\f' -> put((byte) 'f');
            case '\r' -> put((byte) 'r');
            default -> {
                put((byte) 'u');
                put((byte) '0');
                put((byte) '0');
                put(HEX[c >> 4]);
                put(HEX[c & 0xf]);
            }
        }
    }

    private void beforeValue() {
        if (complete) {
            throw new IllegalStateException("Root value already written");
        }
        final Frame frame = frames.peek();
        if (frame == null) {
            return;
        }
        if (frame.object) {
            if (!frame.awaitingValue) {
                throw new IllegalStateException("Member name required before a value");
            }
        } else if (frame.count > 0) {
            put((byte) ',');
        }
    }

    private void afterValue() {
        final Frame frame = frames.peek();
        if (frame == null) {
            complete = true;
            return;
        }
        frame.awaitingValue = false;
        frame.count++;
    }

    private void checkComplete() {
        if (!complete) {
            throw new IllegalStateException("JSON value not complete");
        }
    }

    private void put(final byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(final int extra) {
        if (length + extra > buffer.length) {
            final byte[] bigger = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
            Arrays.fill(buffer, (byte) 0);
            buffer = bigger;
        }
    }

    /** State of one open object or array. */
    private static final class Frame {
        private final boolean object;
        private String lastName;
        private boolean awaitingValue;
        private int count;

        private Frame(final boolean object) {
            this.object = object;
        }
    }
}
