package org.cipherpost.cli.vault;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;

/**
 * Reads the entries of a pass (GnuPG) or passage (age) store by running {@code gpg --decrypt} or {@code age -d -i
 * <identities>} on each file; the plaintext comes back on a pipe into a wiped buffer. Hidden files and directories
 * ({@code .git}, {@code .gpg-id}, {@code .age-recipients}) are skipped.
 */
final class StoreImporter {
    /** Largest entry read from a store. */
    static final int MAXIMUM_ENTRY = 16 << 20;

    /** The two store formats. */
    enum Kind {
        /** pass: GnuPG files. */
        PASS(".gpg"),
        /** passage: age files. */
        PASSAGE(".age");

        private final String extension;

        Kind(final String extension) {
            this.extension = extension;
        }

        /**
         * Returns the file extension of entries.
         *
         * @return extension with its dot
         */
        String extension() {
            return extension;
        }
    }

    private final CliContext context;
    private final Kind kind;
    private final Path store;

    /**
     * Creates an importer.
     *
     * @param context command context (environment, PATH)
     * @param kind store format
     * @param store store directory
     */
    StoreImporter(final CliContext context, final Kind kind, final Path store) {
        this.context = Objects.requireNonNull(context, "Context required");
        this.kind = Objects.requireNonNull(kind, "Kind required");
        this.store = Objects.requireNonNull(store, "Store required").toAbsolutePath().normalize();
    }

    /**
     * Lists the entry files of the store, sorted.
     *
     * @return files
     * @throws IOException when the store cannot be walked
     */
    List<Path> files() throws IOException {
        final List<Path> files = new ArrayList<>();
        Files.walkFileTree(store, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path directory, final BasicFileAttributes attributes) {
                return !directory.equals(store) && hidden(directory) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file) && file.getFileName().toString().endsWith(kind.extension())) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * Returns the entry name of a store file: its path relative to the store, '/'-separated, without the extension.
     *
     * @param file store file
     * @return name
     */
    String name(final Path file) {
        final String relative = store.relativize(file).toString().replace(File.separatorChar, '/');
        return relative.substring(0, relative.length() - kind.extension().length());
    }

    /**
     * Decrypts one store file with the store's own tool.
     *
     * @param file store file
     * @return plaintext, owned by the caller
     * @throws CliException with exit 1 when the tool is missing, 4 when it fails
     */
    SecretBytes decrypt(final Path file) throws CliException {
        final List<String> command = command(file);
        final ProcessBuilder builder = Executables.withEnvironment(new ProcessBuilder(command), context.environment())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            final Process process = builder.start();
            final SecretBytes plaintext;
            try (InputStream in = process.getInputStream()) {
                plaintext = SecretBuffer.readAll(in, MAXIMUM_ENTRY);
            }
            final boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended || process.exitValue() != 0) {
                plaintext.close();
                process.destroyForcibly();
                throw new CliException(ExitCodes.PASSPHRASE, "cannot decrypt [" + name(file) + "]: " + command.get(0)
                        + (ended ? " exited with [" + process.exitValue() + "]" : " did not finish") + "; nothing was imported");
            }
            return plaintext;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot run [" + command.get(0) + "]: " + VaultFailures.line(e), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "interrupted while decrypting the store", e);
        }
    }

    /** Returns the decryption command for a file. */
    private List<String> command(final Path file) throws CliException {
        final Map<String, String> environment = context.environment();
        if (kind == Kind.PASS) {
            final Path gpg = Executables.find("gpg", environment)
                    .orElseThrow(() -> new CliException(ExitCodes.GENERIC, "gpg is not installed: it is needed to read a pass store"));
            return List.of(gpg.toString(), "--quiet", "--yes", "--batch", "--decrypt", "--", file.toString());
        }
        final Path age = Executables.find("age", environment)
                .orElseThrow(() -> new CliException(ExitCodes.GENERIC, "age is not installed: it is needed to read a passage store"));
        return List.of(age.toString(), "--decrypt", "--identity", identities().toString(), file.toString());
    }

    /**
     * Returns the passage identities file: {@code PASSAGE_IDENTITIES_FILE}, else {@code ~/.passage/identities}.
     *
     * @return identities file
     * @throws CliException when it does not exist
     */
    Path identities() throws CliException {
        final String configured = context.environment().get("PASSAGE_IDENTITIES_FILE");
        final String home = context.environment().getOrDefault("HOME", System.getProperty("user.home"));
        final Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(home, ".passage", "identities");
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.GENERIC, "no passage identities at [" + file + "]; set PASSAGE_IDENTITIES_FILE");
        }
        return file;
    }

    /** Tells whether a path's last element is hidden. */
    private static boolean hidden(final Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith(".");
    }
}
