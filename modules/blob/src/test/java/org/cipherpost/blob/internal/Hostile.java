package org.cipherpost.blob.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds tar archives by hand, including ones no honest writer produces. */
final class Hostile {
    private Hostile() {
    }

    /** Joins entries and adds the two zero blocks. */
    static byte[] archive(final byte[]... entries) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] entry : entries) {
            out.writeBytes(entry);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** A regular file entry with its content and padding; names are written raw (a pax path when long). */
    static byte[] file(final String name, final String content) {
        final byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new TarHeader(name, 0644, bytes.length, 0, TarHeader.REGULAR, "").encode());
        out.writeBytes(bytes);
        out.writeBytes(new byte[TarHeader.padding(bytes.length)]);
        return out.toByteArray();
    }

    /** A directory entry. */
    static byte[] directory(final String name) {
        return new TarHeader(name, 0755, 0, 0, TarHeader.DIRECTORY, "").encode();
    }

    /** A symbolic link entry. */
    static byte[] symlink(final String name, final String target) {
        return new TarHeader(name, 0777, 0, 0, TarHeader.SYMLINK, target).encode();
    }

    /** A bare header of any type (no content follows unless size says so and the caller adds it). */
    static byte[] header(final String name, final long size, final byte type, final String link) {
        return new TarHeader(name, 0644, size, 0, type, link).encode();
    }
}
