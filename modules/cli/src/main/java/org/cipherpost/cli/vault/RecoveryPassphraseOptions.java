package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import picocli.CommandLine.Option;

/**
 * Where a Recovery Passphrase other than the Primary Passphrase comes from ({@code init}, {@code recover}): a
 * descriptor or a file (0600 or 0400), else, when the primary one is typed on the terminal, a question there.
 */
public final class RecoveryPassphraseOptions {
    /** Longest passphrase read, in bytes (as the Primary Passphrase). */
    static final int MAXIMUM_LENGTH = 4096;

    private static final Set<PosixFilePermission> OWNER_READ = Set.of(PosixFilePermission.OWNER_READ);

    @Option(names = "--recovery-passphrase-fd", paramLabel = "FD",
            description = "Read the Recovery Passphrase from this open file descriptor (default: the passphrase).")
    Integer fd;

    @Option(names = "--recovery-passphrase-file", paramLabel = "PATH",
            description = "Read the Recovery Passphrase from this file, mode 0600 or 0400 (default: the passphrase).")
    Path file;

    /**
     * Tells whether a descriptor or a file was given.
     *
     * @return true when the Recovery Passphrase has its own source
     */
    boolean given() {
        return fd != null || file != null;
    }

    /**
     * Reads the Recovery Passphrase from the descriptor or the file.
     *
     * @return passphrase, owned by the caller
     * @throws CliException with exit 4 when the source is unusable or empty
     */
    SecretBytes read() throws CliException {
        final SecretBytes passphrase = fd != null ? fromDescriptor(fd) : fromFile(file);
        if (passphrase.length() == 0) {
            passphrase.close();
            throw new CliException(ExitCodes.PASSPHRASE, "the Recovery Passphrase is empty");
        }
        return passphrase;
    }

    /**
     * Asks on the terminal whether to use a Recovery Passphrase of its own and, if so, reads it twice.
     *
     * @param context command context with the terminal
     * @return the passphrase, owned by the caller, or null to use the Primary Passphrase
     * @throws CliException with exit 4 when the entries differ or the terminal fails
     */
    static SecretBytes askOnTerminal(final CliContext context) throws CliException {
        try {
            final String answer = context.terminal().readLine(
                    "Use a different passphrase for the recovery code (the Recovery Passphrase)? [y/N]: ");
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                return null;
            }
            final SecretBytes first = context.terminal().readSecret("Recovery Passphrase: ");
            if (first == null || first.length() == 0) {
                if (first != null) {
                    first.close();
                }
                throw new CliException(ExitCodes.PASSPHRASE, "no Recovery Passphrase entered");
            }
            try (SecretBytes second = context.terminal().readSecret("Repeat Recovery Passphrase: ")) {
                if (second == null || !first.contentEquals(second)) {
                    first.close();
                    throw new CliException(ExitCodes.PASSPHRASE, "the Recovery Passphrases do not match");
                }
            }
            return first;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot prompt on the terminal: " + VaultFailures.line(e), e);
        }
    }

    /** Reads a descriptor. */
    private static SecretBytes fromDescriptor(final int descriptor) throws CliException {
        if (descriptor < 0) {
            throw new CliException(ExitCodes.PASSPHRASE, "--recovery-passphrase-fd [%d] is not a file descriptor"
                    .formatted(descriptor));
        }
        try (InputStream in = Files.newInputStream(Path.of("/dev/fd/" + descriptor))) {
            return bounded(in);
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "--recovery-passphrase-fd [%d] is not open".formatted(descriptor), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read --recovery-passphrase-fd [%d]: %s"
                    .formatted(descriptor, VaultFailures.line(e)), e);
        }
    }

    /** Reads a private file. */
    private static SecretBytes fromFile(final Path path) throws CliException {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (!permissions.equals(SecureFiles.PRIVATE_FILE) && !permissions.equals(OWNER_READ)) {
                throw new CliException(ExitCodes.PASSPHRASE, "recovery passphrase file [%s] has mode [%s]; it must be 0600 or 0400 (chmod 600 %s)"
                        .formatted(path, SecureFiles.octal(permissions), path));
            }
            try (InputStream in = Files.newInputStream(path)) {
                return bounded(in);
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "recovery passphrase file [%s] does not exist".formatted(path), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read recovery passphrase file [%s]: %s"
                    .formatted(path, VaultFailures.line(e)), e);
        }
    }

    /** Reads at most the limit and drops one trailing line end (LF or CRLF). */
    private static SecretBytes bounded(final InputStream in) throws IOException {
        final byte[] bytes = in.readNBytes(MAXIMUM_LENGTH + 3);
        try {
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            if (length > MAXIMUM_LENGTH) {
                throw new IOException("passphrase longer than " + MAXIMUM_LENGTH + " bytes");
            }
            return SecretBytes.copyOf(bytes, 0, length);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
