package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Size, modification time and file key of a file: cheap evidence that it did not change since it was read.
 *
 * @param size size in bytes
 * @param modified modification time in nanoseconds since the epoch
 * @param fileKey file system identity (inode), or null when the platform has none
 */
record FileStamp(long size, long modified, Object fileKey) {
    /**
     * Reads the stamp of a file.
     *
     * @param file file
     * @return stamp, or null when the file does not exist
     * @throws IOException when the attributes cannot be read
     */
    static FileStamp of(final Path file) throws IOException {
        try {
            return of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (final NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Builds a stamp from attributes already read.
     *
     * @param attributes file attributes
     * @return stamp
     */
    static FileStamp of(final BasicFileAttributes attributes) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                attributes.fileKey());
    }

    /**
     * Tells whether two possibly absent stamps are equal.
     *
     * @param a first stamp or null
     * @param b second stamp or null
     * @return true when both are absent or equal
     */
    static boolean same(final FileStamp a, final FileStamp b) {
        return Objects.equals(a, b);
    }
}
