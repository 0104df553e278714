package org.cipherpost.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/** Where the identity file lives ({@code $CIPHERPOST_HOME/secret_key}) and how it is read and replaced. */
public final class IdentityStore {
    /** Name of the identity file inside the home directory. */
    public static final String FILE_NAME = "secret_key";

    /** Environment variable naming the home directory. */
    public static final String HOME_VARIABLE = "CIPHERPOST_HOME";

    private static final DateTimeFormatter BACKUP_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path home;

    /**
     * Creates a store rooted at a home directory.
     *
     * @param home home directory
     */
    public IdentityStore(final Path home) {
        this.home = Objects.requireNonNull(home, "Home directory required");
    }

    /**
     * Resolves the home directory: {@code CIPHERPOST_HOME}, else {@code ~/.cipherpost}.
     *
     * @param environment environment variables
     * @return home directory
     */
    public static Path resolveHome(final Map<String, String> environment) {
        final String configured = environment.get(HOME_VARIABLE);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        final String userHome = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(userHome, ".cipherpost");
    }

    /**
     * Returns the home directory.
     *
     * @return home directory
     */
    public Path home() {
        return home;
    }

    /**
     * Returns the path of the identity file.
     *
     * @return identity file path
     */
    public Path file() {
        return home.resolve(FILE_NAME);
    }

    /**
     * Tells whether an identity file (or anything by that name) exists.
     *
     * @return true when present
     */
    public boolean exists() {
        return Files.exists(file(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Reads the identity file after checking that only its owner can access it.
     *
     * @return file contents
     * @throws NoSuchFileException when there is no identity yet
     * @throws InsecurePermissionsException when group or others have any access
     * @throws IOException when the file cannot be read or is too large
     */
    public byte[] read() throws IOException {
        final Path file = file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Identity file [%s] is not a regular file".formatted(file));
        }
        if (SecureFiles.isAccessibleByOthers(file)) {
            throw new InsecurePermissionsException(file, SecureFiles.octal(SecureFiles.permissions(file)));
        }
        final long size = Files.size(file);
        if (size > IdentityFile.MAXIMUM_SIZE) {
            throw new IOException("Identity file [%s] size [%d] above maximum [%d]".formatted(file, size, IdentityFile.MAXIMUM_SIZE));
        }
        return Files.readAllBytes(file);
    }

    /**
     * Writes a new identity file atomically with mode 0600 in a 0700 home directory.
     *
     * @param contents sealed identity file contents
     * @param replace whether an existing identity may be replaced (it is kept as a backup first)
     * @return the backup path when an existing file was kept, else null
     * @throws FileAlreadyExistsException when an identity exists and replace is false
     * @throws IOException when writing fails; an existing identity is then unchanged
     */
    public Path write(final byte[] contents, final boolean replace) throws IOException {
        Objects.requireNonNull(contents, "Contents required");
        SecureFiles.createPrivateDirectories(home);
        final Path file = file();
        Path backup = null;
        if (exists()) {
            if (!replace) {
                throw new FileAlreadyExistsException(file.toString());
            }
            backup = backupPath();
            try {
                Files.createLink(backup, file);
            } catch (final UnsupportedOperationException | IOException e) {
                Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            SecureFiles.syncDirectory(home);
        }
        SecureFiles.writeAtomically(file, contents, SecureFiles.PRIVATE_FILE);
        return backup;
    }

    private Path backupPath() {
        final String stamp = BACKUP_TIME.format(Instant.now());
        Path candidate = home.resolve(FILE_NAME + ".bak-" + stamp);
        int counter = 1;
        while (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            candidate = home.resolve(FILE_NAME + ".bak-" + stamp + "-" + counter++);
        }
        return candidate;
    }
}
