package org.cipherpost.vault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/** Random entry bytes biased to the characters the format treats specially, from a fixed seed. */
final class EntryProperties {
    static final String[] NAMES = {"name", "Name", "NAME", "tag", "tags", "url", "pin", "k:", ":", " x", "\u00fc"};

    private static final byte[] TRICKY = {':', ' ', '\n', '\r', '\t', 0};
    private static final byte[] PLAIN = {'a', 'b', 'k', 'n', 'N', 'x', 'y', '1'};

    private final Random random;

    EntryProperties(final long seed) {
        this.random = new Random(seed);
    }

    /** Returns up to 120 bytes drawn mostly from {@code : SP LF CR TAB NUL} and 0x80-0xff. */
    byte[] anyBytes() {
        final byte[] out = new byte[random.nextInt(121)];
        for (int i = 0; i < out.length; i++) {
            out[i] = anyByte();
        }
        return out;
    }

    /** Returns entry-shaped bytes: a secret line, field lines, maybe a blank line, notes with field-like lines. */
    byte[] entryShaped() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int lines = random.nextInt(8);
        out.writeBytes(lineContent());
        for (int i = 0; i < lines; i++) {
            out.writeBytes(lineEnd());
            switch (random.nextInt(6)) {
                case 0 -> out.writeBytes(new byte[0]);
                case 1 -> out.writeBytes(lineContent());
                default -> {
                    out.writeBytes(NAMES[random.nextInt(NAMES.length)].getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(random.nextInt(8) == 0 ? new byte[] {':'} : new byte[] {':', ' '});
                    out.writeBytes(lineContent());
                }
            }
        }
        if (random.nextBoolean()) {
            out.writeBytes(lineEnd());
        }
        return out.toByteArray();
    }

    /** Returns a field name that the builders accept. */
    String name() {
        return NAMES[random.nextInt(NAMES.length)];
    }

    /** Returns line content the builders accept: no LF, not ending with CR. */
    byte[] lineContent() {
        final byte[] out = new byte[random.nextInt(12)];
        for (int i = 0; i < out.length; i++) {
            byte b;
            do {
                b = anyByte();
            } while (b == '\n' || i == out.length - 1 && b == '\r');
            out[i] = b;
        }
        return out;
    }

    private byte[] lineEnd() {
        return random.nextInt(3) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
    }

    private byte anyByte() {
        final int pick = random.nextInt(10);
        if (pick < 5) {
            return TRICKY[random.nextInt(TRICKY.length)];
        }
        if (pick < 7) {
            return (byte) (0x80 + random.nextInt(0x80));
        }
        return PLAIN[random.nextInt(PLAIN.length)];
    }

    /** Describes a failing case so that it can be replayed. */
    static String describe(final long seed, final int iteration, final byte[] input) {
        return "seed [%d] iteration [%d] input [%s]".formatted(seed, iteration, HexFormat.of().formatHex(input));
    }
}
