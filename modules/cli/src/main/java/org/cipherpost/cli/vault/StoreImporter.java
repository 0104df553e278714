package org.cipherpost.cli.vault;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.SecretBytes;

/**
 * Reads the entries of a pass (GnuPG) or passage (age) store. A passage store whose identities file holds plain
 * {@code AGE-SECRET-KEY-1...} lines is decrypted in this process, on every core; any other identities file (a
 * passphrase-protected one, plugin or SSH identities) and every pass store go through the store's own tool, one
 * {@code age -d -i <identities>} or {@code gpg --decrypt} per file, the plaintext on a pipe into a wiped buffer.
 * Hidden files and directories ({@code .git}, {@code .gpg-id}, {@code .age-recipients}) are skipped.
 */
final class StoreImporter {
    /** Largest entry read from a store. */
    static final int MAXIMUM_ENTRY = 16 << 20;

    /** Prefix of the identity lines decrypted in this process. */
    private static final String SECRET_KEY_PREFIX = "AGE-SECRET-KEY-1";

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

    /** Largest identities file read in this process. */
    private static final long MAXIMUM_IDENTITIES = 1 << 20;

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
     * Decrypts every file, in order: in this process on every core when the passage identities allow it, else one
     * tool process per file. Stops at the first file that does not decrypt; nothing decrypted so far is kept.
     *
     * @param files store files
     * @return plaintexts, owned by the caller, in the order of the files
     * @throws CliException with exit 1 when the tool is missing, 4 when a file does not decrypt
     */
    List<SecretBytes> decryptAll(final List<Path> files) throws CliException {
        final List<AgeIdentity> identities = kind == Kind.PASSAGE ? inProcessIdentities() : List.of();
        try {
            if (identities.isEmpty()) {
                final List<SecretBytes> plaintexts = new ArrayList<>(files.size());
                try {
                    for (final Path file : files) {
                        plaintexts.add(decrypt(file));
                    }
                } catch (final CliException | RuntimeException e) {
                    plaintexts.forEach(SecretBytes::close);
                    throw e;
                }
                return plaintexts;
            }
            return decryptInProcess(files, identities);
        } finally {
            identities.forEach(AgeIdentity::close);
        }
    }

    /** Decrypts age files with the given identities on every core. */
    private List<SecretBytes> decryptInProcess(final List<Path> files, final List<AgeIdentity> identities)
            throws CliException {
        final SecretBytes[] plaintexts = new SecretBytes[files.size()];
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<CliException> failure = new AtomicReference<>();
        final Runnable worker = () -> {
            int at;
            while (failure.get() == null && (at = next.getAndIncrement()) < files.size()) {
                final Path file = files.get(at);
                try {
                    final byte[] ciphertext = readLimited(file);
                    plaintexts[at] = Age.decrypt(ciphertext, identities);
                } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                    failure.compareAndSet(null, new CliException(ExitCodes.PASSPHRASE, "cannot decrypt [" + name(file)
                            + "]: " + VaultFailures.line(e) + "; nothing was imported", e));
                }
            }
        };
        final int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        final List<Thread> workers = new ArrayList<>();
        for (int i = 1; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("import-" + i).start(worker));
        }
        worker.run();
        boolean interrupted = false;
        for (final Thread thread : workers) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        final CliException failed = failure.get();
        if (failed != null) {
            for (final SecretBytes plaintext : plaintexts) {
                if (plaintext != null) {
                    plaintext.close();
                }
            }
            throw failed;
        }
        return Arrays.asList(plaintexts);
    }

    /** Reads a store file, refusing one over the entry limit. */
    private static byte[] readLimited(final Path file) throws IOException {
        final long size = Files.size(file);
        if (size > MAXIMUM_ENTRY * 2L) {
            throw new IOException("File of [%d] bytes is larger than an entry may be".formatted(size));
        }
        return Files.readAllBytes(file);
    }

    /**
     * Returns the identities of the passage identities file when every identity in it is a plain
     * {@code AGE-SECRET-KEY-1...} line (comments and blank lines aside), else none: the age CLI handles the rest.
     *
     * @return identities, owned by the caller; empty to use the age CLI
     * @throws CliException when there is no identities file
     */
    List<AgeIdentity> inProcessIdentities() throws CliException {
        final Path file = identities();
        final byte[] content;
        try {
            if (Files.size(file) > MAXIMUM_IDENTITIES) {
                return List.of();
            }
            content = Files.readAllBytes(file);
        } catch (final IOException e) {
            return List.of();
        }
        final List<AgeIdentity> parsed = new ArrayList<>();
        try {
            int start = 0;
            while (start < content.length) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                try (SecretBytes line = SecretBytes.copyOf(content, start, end - start)) {
                    final String head = new String(line.bytes(), 0, Math.min(line.length(), SECRET_KEY_PREFIX.length()),
                            StandardCharsets.US_ASCII).strip();
                    if (!head.isEmpty() && !head.startsWith("#")) {
                        if (!head.startsWith(SECRET_KEY_PREFIX.substring(0, head.length()))) {
                            parsed.forEach(AgeIdentity::close);
                            return List.of();
                        }
                        parsed.add(AgeIdentity.parse(line));
                    }
                }
                start = end + 1;
            }
        } catch (final GeneralSecurityException | RuntimeException e) {
            parsed.forEach(AgeIdentity::close);
            return List.of();
        } finally {
            Arrays.fill(content, (byte) 0);
        }
        return parsed;
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
