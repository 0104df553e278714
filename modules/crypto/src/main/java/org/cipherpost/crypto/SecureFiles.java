package org.cipherpost.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/** Private directories and atomic, permission-correct file writes for key material. */
public final class SecureFiles {
    /** Owner read and write only (0600). */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    /** Owner read, write and search only (0700). */
    public static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureFiles() {
    }

    /**
     * Creates a directory and any missing parents, each new one with mode 0700.
     *
     * @param directory directory to create
     * @return the directory
     * @throws IOException when a component cannot be created or is not a directory
     */
    public static Path createPrivateDirectories(final Path directory) throws IOException {
        Objects.requireNonNull(directory, "Directory required");
        final Path absolute = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return directory;
        }
        final Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        } catch (final FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw new IOException("Path [%s] exists and is not a directory".formatted(absolute), e);
            }
        }
        return directory;
    }

    /**
     * Writes a file atomically: a temporary file created with the final permissions in the same
     * directory, written and synced, then renamed over the target, then the directory synced.
     *
     * @param target file to write
     * @param content bytes to write
     * @param permissions permissions of the new file, set at creation
     * @throws IOException when writing fails; the target is then unchanged
     */
    public static void writeAtomically(final Path target, final byte[] content,
                                       final Set<PosixFilePermission> permissions) throws IOException {
        Objects.requireNonNull(target, "Target required");
        Objects.requireNonNull(content, "Content required");
        Objects.requireNonNull(permissions, "Permissions required");
        final Path directory = target.toAbsolutePath().getParent();
        final Path temp = directory.resolve("." + target.getFileName() + ".tmp-" + randomSuffix());
        final FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(permissions);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attribute)) {
                final ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (final AtomicMoveNotSupportedException e) {
                throw new IOException("File system of [%s] does not support atomic rename".formatted(directory), e);
            }
            moved = true;
            syncDirectory(directory);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Flushes a directory's entries to stable storage, where the platform allows it.
     *
     * @param directory directory to sync
     */
    public static void syncDirectory(final Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final IOException ignored) {
            // Some file systems refuse to open or sync directories; the rename is still atomic.
        }
    }

    /**
     * Returns the POSIX permissions of a file, following links.
     *
     * @param path file
     * @return permissions
     * @throws IOException when they cannot be read
     */
    public static Set<PosixFilePermission> permissions(final Path path) throws IOException {
        return Files.getPosixFilePermissions(path);
    }

    /**
     * Tells whether a file is readable or writable by group or others.
     *
     * @param path file to check, links not followed
     * @return true when any group or other permission bit is set
     * @throws IOException when the permissions cannot be read
     */
    public static boolean isAccessibleByOthers(final Path path) throws IOException {
        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        for (final PosixFilePermission permission : permissions) {
            switch (permission) {
                case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> {
                }
                default -> {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Formats permissions as an octal mode such as {@code 0600}.
     *
     * @param permissions permissions
     * @return octal mode
     */
    public static String octal(final Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (final PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return "0%03o".formatted(mode);
    }

    private static String randomSuffix() {
        final byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
