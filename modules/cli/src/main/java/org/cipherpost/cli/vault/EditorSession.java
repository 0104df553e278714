package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;

/**
 * Runs {@code $EDITOR} (else {@code $VISUAL}, else {@code vi}) on a private copy of an entry: a 0600 file in a fresh
 * 0700 directory on {@code /dev/shm} when it exists (memory, not disk), else in the runtime or temporary directory.
 * Afterwards every file in that directory (the editor's swap and backup files too) is overwritten with zeros, synced
 * and deleted, then the directory.
 */
final class EditorSession {
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final int MAXIMUM_NAME = 48;

    private final CliContext context;

    /**
     * Creates a session for a command.
     *
     * @param context command context (its environment and streams)
     */
    EditorSession(final CliContext context) {
        this.context = Objects.requireNonNull(context, "Context required");
    }

    /**
     * Lets the user edit content and returns what the editor saved.
     *
     * @param name entry name, for the file name
     * @param content current content; the caller keeps and closes it
     * @return edited content, owned by the caller
     * @throws CliException when the editor fails or the file cannot be handled
     */
    SecretBytes edit(final String name, final SecretBytes content) throws CliException {
        final Path directory;
        try {
            directory = Files.createTempDirectory(base(), "cipherpost-edit-",
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_DIRECTORY));
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot create a private directory to edit in: " + VaultFailures.line(e), e);
        }
        try {
            final Path file = directory.resolve(fileName(name));
            try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE))) {
                final ByteBuffer buffer = ByteBuffer.wrap(content.bytes());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            runEditor(file);
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.GENERIC, "the editor removed the file; nothing saved");
            }
            return SecretBytes.wrap(Files.readAllBytes(file));
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot edit: " + VaultFailures.line(e), e);
        } finally {
            wipeTree(directory);
        }
    }

    /** Returns where the private directory goes. */
    private Path base() {
        if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)) {
            return SHARED_MEMORY;
        }
        final String runtime = context.environment().get(AgentPaths.RUNTIME_VARIABLE);
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Runs the editor through the shell (so that {@code EDITOR="code --wait"} works) and waits for it. */
    private void runEditor(final Path file) throws CliException, IOException {
        final Map<String, String> environment = new HashMap<>(context.environment());
        final String editor = firstSet(environment.get("EDITOR"), environment.get("VISUAL"), "vi");
        environment.put("EDITOR", editor);
        final ProcessBuilder builder = Executables.withEnvironment(
                new ProcessBuilder("/bin/sh", "-c", "exec $EDITOR \"$1\"", "cipherpost-edit", file.toString()), environment)
                .inheritIO();
        final int exit;
        try {
            exit = builder.start().waitFor();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "interrupted while waiting for the editor; nothing saved", e);
        }
        if (exit != 0) {
            throw new CliException(ExitCodes.GENERIC, "the editor [" + editor + "] exited with [" + exit + "]; nothing saved");
        }
    }

    /** Returns a file name from the entry name: safe characters only, so editors pick a text mode. */
    private static String fileName(final String name) {
        final StringBuilder safe = new StringBuilder();
        for (int i = 0; i < name.length() && safe.length() < MAXIMUM_NAME; i++) {
            final char c = name.charAt(i);
            safe.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        return (safe.isEmpty() ? "entry" : safe) + ".txt";
    }

    /** Returns the first argument that is neither null nor blank. */
    private static String firstSet(final String... values) {
        for (final String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return values[values.length - 1];
    }

    /** Overwrites every file below a directory with zeros, syncs and deletes it, then deletes the directories. */
    private void wipeTree(final Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        overwrite(file, attributes.size());
                    }
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path visited, final IOException failure) throws IOException {
                    Files.delete(visited);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException e) {
            context.err().println("cipherpost: warning: could not wipe [" + directory + "]: " + VaultFailures.line(e)
                    + "; delete it yourself");
        }
    }

    /** Overwrites a file's bytes with zeros in place and syncs it. */
    private static void overwrite(final Path file, final long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 65536));
            long written = 0;
            while (written < size) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), size - written));
                written += channel.write(zeros, written);
            }
            channel.force(true);
        }
    }
}
