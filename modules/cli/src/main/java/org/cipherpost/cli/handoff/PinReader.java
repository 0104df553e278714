package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;

/**
 * Reads a PIN with the rules of the passphrase sources: descriptor, then file (0600 or 0400 only), then the terminal
 * without echo (twice for a new PIN); one trailing LF or CRLF is stripped; never from the environment or the command
 * line. The PIN stays in {@link SecretBytes}.
 */
final class PinReader {
    private static final int MAXIMUM_LENGTH = 1024;
    private static final Set<PosixFilePermission> OWNER_READ = Set.of(PosixFilePermission.OWNER_READ);

    private final CliContext context;
    private final PinOptions options;

    /**
     * Creates a reader.
     *
     * @param context command context
     * @param options the command's PIN options
     */
    PinReader(final CliContext context, final PinOptions options) {
        this.context = Objects.requireNonNull(context, "Context required");
        this.options = Objects.requireNonNull(options, "PIN options required");
    }

    /**
     * Reads the PIN.
     *
     * @param confirm true to prompt twice (a new PIN at send)
     * @return PIN bytes
     * @throws CliException with exit 4 when no source is usable, a source is refused, or the entries differ
     */
    SecretBytes read(final boolean confirm) throws CliException {
        final SecretBytes pin;
        if (options.fd != null) {
            pin = fromDescriptor(options.fd);
        } else if (options.file != null) {
            pin = fromFile(options.file);
        } else {
            pin = fromTerminal(confirm);
        }
        if (pin.length() == 0) {
            pin.close();
            throw new CliException(ExitCodes.PASSPHRASE, "the PIN is empty");
        }
        return pin;
    }

    private static SecretBytes fromDescriptor(final int fd) throws CliException {
        if (fd < 0) {
            throw new CliException(ExitCodes.PASSPHRASE, "--pin-fd [%d] is not a file descriptor".formatted(fd));
        }
        try (InputStream in = Files.newInputStream(Path.of("/dev/fd/" + fd))) {
            return strip(in.readNBytes(MAXIMUM_LENGTH + 3));
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "--pin-fd [%d] is not open".formatted(fd), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read --pin-fd [%d]".formatted(fd), e);
        }
    }

    private static SecretBytes fromFile(final Path file) throws CliException {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!permissions.equals(SecureFiles.PRIVATE_FILE) && !permissions.equals(OWNER_READ)) {
                throw new CliException(ExitCodes.PASSPHRASE, "PIN file [%s] has mode [%s]; it must be 0600 or 0400"
                        .formatted(file, SecureFiles.octal(permissions)));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return strip(in.readNBytes(MAXIMUM_LENGTH + 3));
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "PIN file [%s] does not exist".formatted(file), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read PIN file [%s]".formatted(file), e);
        }
    }

    private SecretBytes fromTerminal(final boolean confirm) throws CliException {
        if (!context.terminal().available()) {
            throw new CliException(ExitCodes.PASSPHRASE, "no PIN: no terminal to prompt on; use --pin-file or"
                    + " --pin-fd");
        }
        try {
            final SecretBytes first = context.terminal().readSecret(confirm ? "New PIN for this share: " : "PIN: ");
            if (first == null) {
                throw new CliException(ExitCodes.PASSPHRASE, "no PIN entered");
            }
            if (!confirm) {
                return first;
            }
            try (SecretBytes second = context.terminal().readSecret("Repeat PIN: ")) {
                if (second == null || !first.contentEquals(second)) {
                    first.close();
                    throw new CliException(ExitCodes.PASSPHRASE, "the PINs do not match");
                }
            }
            return first;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot prompt on the terminal", e);
        }
    }

    /** Takes ownership of the bytes, strips one trailing LF or CRLF, and wipes the input. */
    private static SecretBytes strip(final byte[] bytes) throws CliException {
        try {
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            if (end > MAXIMUM_LENGTH) {
                throw new CliException(ExitCodes.PASSPHRASE, "the PIN is longer than %d bytes".formatted(
                        MAXIMUM_LENGTH));
            }
            return SecretBytes.copyOf(bytes, 0, end);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
