package org.cipherpost.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;

/**
 * The passphrase contract: {@code --passphrase-fd} > {@code --passphrase-file} > {@code CIPHERPOST_PASSPHRASE}
 * > a prompt on the terminal. Exactly one trailing LF or CRLF is stripped from non-terminal sources.
 */
public final class PassphraseReader {
    /** Environment variable holding a passphrase for scripts. */
    public static final String ENVIRONMENT_VARIABLE = "CIPHERPOST_PASSPHRASE";

    /** Longest passphrase accepted, in bytes. */
    static final int MAXIMUM_LENGTH = 4096;

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = SecureFiles.PRIVATE_FILE;
    private static final Set<PosixFilePermission> OWNER_READ = Set.of(PosixFilePermission.OWNER_READ);

    private final CliContext context;
    private final PassphraseOptions options;
    private final String variable;
    private final String optionPrefix;

    /**
     * Creates a reader over a command's options.
     *
     * @param context command context
     * @param options the command's passphrase options
     */
    public PassphraseReader(final CliContext context, final PassphraseOptions options) {
        this(context, options, ENVIRONMENT_VARIABLE, "--passphrase");
    }

    /**
     * Creates a reader over a second set of sources, e.g. the new passphrase of {@code identity passwd}.
     *
     * @param context command context
     * @param options the sources (descriptor, file)
     * @param variable environment variable to read when neither is set
     * @param optionPrefix the options' name prefix for messages, e.g. {@code --new-passphrase}
     */
    public PassphraseReader(final CliContext context, final PassphraseOptions options, final String variable,
                            final String optionPrefix) {
        this.context = Objects.requireNonNull(context, "Context required");
        this.options = Objects.requireNonNull(options, "Options required");
        this.variable = Objects.requireNonNull(variable, "Variable required");
        this.optionPrefix = Objects.requireNonNull(optionPrefix, "Option prefix required");
    }

    /**
     * Reads an existing passphrase, prompting once on the terminal when no other source is set.
     *
     * @param what what the passphrase unlocks, for the prompt
     * @return passphrase bytes
     * @throws CliException with exit 4 when no source is usable or a source is refused
     */
    public SecretBytes read(final String what) throws CliException {
        return obtain(what, false);
    }

    /**
     * Reads a new passphrase, prompting twice on the terminal when no other source is set.
     *
     * @param what what the passphrase will protect, for the prompt
     * @return passphrase bytes
     * @throws CliException with exit 4 when no source is usable, a source is refused or entries differ
     */
    public SecretBytes readNew(final String what) throws CliException {
        return obtain(what, true);
    }

    private SecretBytes obtain(final String what, final boolean confirm) throws CliException {
        rejectInline();
        final SecretBytes passphrase;
        if (options.fd != null) {
            passphrase = fromDescriptor(options.fd);
        } else if (options.file != null) {
            passphrase = fromFile(options.file);
        } else if (context.environment().get(variable) != null) {
            final byte[] bytes = context.environment().get(variable).getBytes(StandardCharsets.UTF_8);
            passphrase = stripNewline(bytes, variable);
        } else {
            passphrase = fromTerminal(what, confirm);
        }
        if (passphrase.length() == 0) {
            passphrase.close();
            throw new CliException(ExitCodes.PASSPHRASE, "the passphrase is empty");
        }
        return passphrase;
    }

    private void rejectInline() throws CliException {
        if (options.inline != null) {
            Arrays.fill(options.inline, '\0');
            options.inline = null;
            throw new CliException(ExitCodes.PASSPHRASE, "--passphrase is refused: other users can read the command line;"
                    + " use --passphrase-file, --passphrase-fd or " + ENVIRONMENT_VARIABLE);
        }
    }

    private static SecretBytes fromDescriptor(final int fd) throws CliException {
        if (fd < 0) {
            throw new CliException(ExitCodes.PASSPHRASE, "--passphrase-fd [%d] is not a file descriptor".formatted(fd));
        }
        final Path path = Path.of("/dev/fd/" + fd);
        try (InputStream in = Files.newInputStream(path)) {
            return stripNewline(readBounded(in), "--passphrase-fd " + fd);
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "--passphrase-fd [%d] is not open".formatted(fd), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read --passphrase-fd [%d]: %s".formatted(fd, reason(e)), e);
        }
    }

    private static SecretBytes fromFile(final Path file) throws CliException {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!permissions.equals(OWNER_READ_WRITE) && !permissions.equals(OWNER_READ)) {
                throw new CliException(ExitCodes.PASSPHRASE, "passphrase file [%s] has mode [%s]; it must be 0600 or 0400 (chmod 600 %s)"
                        .formatted(file, SecureFiles.octal(permissions), file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                return stripNewline(readBounded(in), "--passphrase-file");
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "passphrase file [%s] does not exist".formatted(file), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot read passphrase file [%s]: %s".formatted(file, reason(e)), e);
        }
    }

    private SecretBytes fromTerminal(final String what, final boolean confirm) throws CliException {
        final Terminal terminal = context.terminal();
        if (!terminal.available()) {
            throw new CliException(ExitCodes.PASSPHRASE, "no passphrase: no terminal to prompt on; use " + optionPrefix
                    + "-file, " + optionPrefix + "-fd or " + variable);
        }
        try {
            final SecretBytes first = terminal.readSecret("Passphrase for " + what + ": ");
            if (first == null) {
                throw new CliException(ExitCodes.PASSPHRASE, "no passphrase entered");
            }
            if (!confirm) {
                return first;
            }
            try (SecretBytes second = terminal.readSecret("Repeat passphrase: ")) {
                if (second == null || !first.contentEquals(second)) {
                    first.close();
                    throw new CliException(ExitCodes.PASSPHRASE, "the passphrases do not match");
                }
            }
            return first;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "cannot prompt on the terminal: " + reason(e), e);
        }
    }

    private static byte[] readBounded(final InputStream in) throws IOException {
        final byte[] bytes = in.readNBytes(MAXIMUM_LENGTH + 3);
        if (bytes.length > MAXIMUM_LENGTH + 2) {
            Arrays.fill(bytes, (byte) 0);
            throw new IOException("passphrase longer than " + MAXIMUM_LENGTH + " bytes");
        }
        return bytes;
    }

    /**
     * Strips exactly one trailing LF or CRLF and takes ownership of the result.
     *
     * @param bytes raw bytes, wiped by this method
     * @param source where they came from, for messages
     * @return passphrase
     * @throws CliException when the passphrase is too long
     */
    static SecretBytes stripNewline(final byte[] bytes, final String source) throws CliException {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        try {
            if (end > MAXIMUM_LENGTH) {
                throw new CliException(ExitCodes.PASSPHRASE, "passphrase from %s is longer than %d bytes".formatted(source, MAXIMUM_LENGTH));
            }
            return SecretBytes.copyOf(bytes, 0, end);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String reason(final IOException e) {
        final String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
