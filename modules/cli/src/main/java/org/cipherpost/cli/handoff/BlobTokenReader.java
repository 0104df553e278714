package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;

/** Reads a blob store's bearer token: {@code --blob-token-file} (mode 0600 or 0400), else CIPHERPOST_BLOB_TOKEN. */
final class BlobTokenReader {
    /** The environment variable holding a token. */
    static final String ENVIRONMENT_VARIABLE = "CIPHERPOST_BLOB_TOKEN";

    private static final int MAXIMUM_LENGTH = 4096;
    private static final Set<PosixFilePermission> OWNER_READ = Set.of(PosixFilePermission.OWNER_READ);

    private BlobTokenReader() {
    }

    /**
     * Reads the token.
     *
     * @param file token file, or null
     * @param environment the process environment
     * @return token, or empty when neither source gives one
     * @throws CliException exit 1 for a file with loose permissions or unreadable
     */
    static Optional<SecretBytes> read(final Path file, final java.util.Map<String, String> environment)
            throws CliException {
        if (file != null) {
            return Optional.of(fromFile(file));
        }
        final String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SecretBytes.wrap(value.strip().getBytes(StandardCharsets.US_ASCII)));
    }

    private static SecretBytes fromFile(final Path file) throws CliException {
        try {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!permissions.equals(SecureFiles.PRIVATE_FILE) && !permissions.equals(OWNER_READ)) {
                throw new CliException(ExitCodes.GENERIC, ("blob token file [%s] has mode [%s]; it must be 0600 or"
                        + " 0400").formatted(file, SecureFiles.octal(permissions)));
            }
            final byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAXIMUM_LENGTH + 1);
            }
            try {
                int start = 0;
                int end = bytes.length;
                while (end > start && Character.isWhitespace(bytes[end - 1])) {
                    end--;
                }
                while (start < end && Character.isWhitespace(bytes[start])) {
                    start++;
                }
                if (end - start > MAXIMUM_LENGTH || end == start) {
                    throw new CliException(ExitCodes.GENERIC, "blob token file [%s] is empty or longer than %d bytes"
                            .formatted(file, MAXIMUM_LENGTH));
                }
                return SecretBytes.copyOf(bytes, start, end - start);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "blob token file [%s] does not exist".formatted(file), e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read blob token file [%s]".formatted(file), e);
        }
    }
}
