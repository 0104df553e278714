package org.cipherpost.blob.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cipherpost.blob.UnsafeArchiveException;

/**
 * One 512-byte POSIX ustar header, written and parsed; long names and sizes go into a pax {@code x} header.
 *
 * <pre>
 * offset size field        offset size field
 *      0  100 name            257    6 magic "ustar\0"
 *    100    8 mode (octal)    263    2 version "00"
 *    108    8 uid             265   32 uname
 *    116    8 gid             297   32 gname
 *    124   12 size (octal)    329    8 devmajor
 *    136   12 mtime (octal)   337    8 devminor
 *    148    8 checksum        345  155 prefix
 *    156    1 type            500   12 (padding)
 *    157  100 linkname
 * </pre>
 *
 * @param name entry path (prefix and name joined), or a pax path
 * @param mode permission bits
 * @param size content bytes
 * @param mtime modification time, seconds
 * @param type type flag byte
 * @param linkName symlink target, or empty
 */
record TarHeader(String name, int mode, long size, long mtime, byte type, String linkName) {
    /** Block size of the format. */
    static final int BLOCK = 512;
    /** Regular file. */
    static final byte REGULAR = '0';
    /** Directory. */
    static final byte DIRECTORY = '5';
    /** Symbolic link. */
    static final byte SYMLINK = '2';
    /** pax extended header for the next entry. */
    static final byte PAX = 'x';
    /** Largest size the 11 octal digits hold. */
    static final long MAX_OCTAL_SIZE = 077777777777L;

    /**
     * Writes the header blocks of an entry: a pax header first when the name, link name or size do not fit.
     *
     * @return one or more whole blocks
     */
    byte[] encode() {
        final byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        final byte[] linkBytes = linkName.getBytes(StandardCharsets.UTF_8);
        final Map<String, String> pax = new LinkedHashMap<>();
        String ustarName = name;
        String prefix = "";
        if (nameBytes.length > 100) {
            final int split = splitPoint(name);
            if (split > 0) {
                prefix = name.substring(0, split);
                ustarName = name.substring(split + 1);
            } else {
                pax.put("path", name);
                ustarName = ascii(name, 100);
            }
        }
        if (linkBytes.length > 100) {
            pax.put("linkpath", linkName);
        }
        if (size > MAX_OCTAL_SIZE) {
            pax.put("size", Long.toString(size));
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!pax.isEmpty()) {
            final byte[] records = paxRecords(pax);
            out.writeBytes(block("PaxHeaders/" + ascii(ustarName, 80), "", 0644, records.length, mtime, PAX, ""));
            out.writeBytes(records);
            out.writeBytes(new byte[padding(records.length)]);
        }
        out.writeBytes(block(ustarName, prefix, mode, Math.min(size, MAX_OCTAL_SIZE), mtime, type,
                linkBytes.length > 100 ? ascii(linkName, 100) : linkName));
        return out.toByteArray();
    }

    /**
     * Parses a header block; pax and GNU overrides are applied by the caller.
     *
     * @param block 512 bytes, not all zero
     * @return header
     * @throws UnsafeArchiveException when the checksum or a numeric field is wrong
     */
    static TarHeader parse(final byte[] block) throws UnsafeArchiveException {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xff;
        }
        if (sum != octal(block, 148, 8)) {
            throw new UnsafeArchiveException("Archive header checksum mismatch");
        }
        String name = text(block, 0, 100);
        final boolean ustar = text(block, 257, 5).equals("ustar");
        if (ustar) {
            final String prefix = text(block, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return new TarHeader(name, (int) octal(block, 100, 8), number(block, 124, 12), number(block, 136, 12),
                block[156], text(block, 157, 100));
    }

    /**
     * Returns the zero bytes that pad content to a whole block.
     *
     * @param length content bytes
     * @return padding bytes, 0 to 511
     */
    static int padding(final long length) {
        return (int) ((BLOCK - length % BLOCK) % BLOCK);
    }

    /**
     * Parses pax records ({@code "<length> <key>=<value>\n"}).
     *
     * @param records record bytes
     * @return keys and values
     * @throws UnsafeArchiveException when a record is malformed
     */
    static Map<String, String> parsePax(final byte[] records) throws UnsafeArchiveException {
        final Map<String, String> values = new LinkedHashMap<>();
        int offset = 0;
        while (offset < records.length) {
            int space = offset;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            final int length;
            try {
                length = Integer.parseInt(new String(records, offset, space - offset, StandardCharsets.US_ASCII));
            } catch (final NumberFormatException e) {
                throw new UnsafeArchiveException("Archive pax record length malformed");
            }
            if (length <= space - offset + 1 || offset + length > records.length || records[offset + length - 1] != '\n') {
                throw new UnsafeArchiveException("Archive pax record malformed");
            }
            final String record = new String(records, space + 1, offset + length - space - 2, StandardCharsets.UTF_8);
            final int equals = record.indexOf('=');
            if (equals < 1) {
                throw new UnsafeArchiveException("Archive pax record without key");
            }
            values.put(record.substring(0, equals), record.substring(equals + 1));
            offset += length;
        }
        return values;
    }

    private static byte[] paxRecords(final Map<String, String> values) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final Map.Entry<String, String> entry : values.entrySet()) {
            final int body = (" " + entry.getKey() + "=" + entry.getValue() + "\n").getBytes(StandardCharsets.UTF_8)
                    .length;
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length = body + Integer.toString(length).length();
            }
            out.writeBytes((length + " " + entry.getKey() + "=" + entry.getValue() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] block(final String name, final String prefix, final int mode, final long size,
            final long mtime, final byte type, final String link) {
        final byte[] block = new byte[BLOCK];
        put(block, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        putOctal(block, 100, 8, mode & 07777);
        putOctal(block, 108, 8, 0);
        putOctal(block, 116, 8, 0);
        putOctal(block, 124, 12, size);
        putOctal(block, 136, 12, Math.max(0, Math.min(mtime, MAX_OCTAL_SIZE)));
        block[156] = type;
        put(block, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(block, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(block, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(block, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        for (int i = 148; i < 156; i++) {
            block[i] = ' ';
        }
        long sum = 0;
        for (final byte b : block) {
            sum += b & 0xff;
        }
        final byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, block, 148, 6);
        block[154] = 0;
        block[155] = ' ';
        return block;
    }

    private static int splitPoint(final String name) {
        for (int i = name.length() - 1; i > 0; i--) {
            if (name.charAt(i) == '/') {
                final int prefixBytes = name.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
                final int nameBytes = name.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
                if (prefixBytes <= 155 && nameBytes <= 100 && nameBytes > 0) {
                    return i;
                }
                if (prefixBytes < 155 && nameBytes > 100) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String ascii(final String text, final int max) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            final char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return out.toString();
    }

    private static void put(final byte[] block, final int offset, final int length, final byte[] value) {
        System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
    }

    private static void putOctal(final byte[] block, final int offset, final int length, final long value) {
        final String digits = String.format("%0" + (length - 1) + "o", value);
        put(block, offset, length - 1, digits.getBytes(StandardCharsets.US_ASCII));
        block[offset + length - 1] = 0;
    }

    private static String text(final byte[] block, final int offset, final int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long number(final byte[] block, final int offset, final int length) throws UnsafeArchiveException {
        if ((block[offset] & 0x80) != 0) {
            // GNU base-256: big-endian two's complement in the remaining bytes; only positive values are accepted.
            if ((block[offset] & 0x40) != 0) {
                throw new UnsafeArchiveException("Archive numeric field negative");
            }
            long value = block[offset] & 0x3f;
            for (int i = offset + 1; i < offset + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new UnsafeArchiveException("Archive numeric field too large");
                }
                value = (value << 8) | (block[i] & 0xff);
            }
            return value;
        }
        return octal(block, offset, length);
    }

    private static long octal(final byte[] block, final int offset, final int length) throws UnsafeArchiveException {
        long value = 0;
        int i = offset;
        final int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        boolean digits = false;
        for (; i < end && block[i] >= '0' && block[i] <= '7'; i++) {
            value = value * 8 + (block[i] - '0');
            digits = true;
        }
        for (; i < end; i++) {
            if (block[i] != 0 && block[i] != ' ') {
                throw new UnsafeArchiveException("Archive numeric field malformed");
            }
        }
        if (!digits) {
            throw new UnsafeArchiveException("Archive numeric field empty");
        }
        return value;
    }
}
