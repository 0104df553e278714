package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault detach}: write an attached file out, checked against its size and SHA-256. */
@Command(name = "detach",
        mixinStandardHelpOptions = true,
        description = {"Write an attached file out, checked against its SHA-256.",
            "Writes the file to OUT (mode 0600), checking its size and SHA-256; OUT '-' writes to stdout. The file appears only once it checked out: a damaged file leaves nothing behind."},
        footer = {"", "Examples:", "  cipherpost vault detach passport.pdf ~/passport.pdf", "  ciphey detach docs.tar - | tar x"})
final class VaultDetachCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write, or '-' for standard output.")
    String out;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    VaultDetachCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final Path target = "-".equals(out) ? null : Path.of(out).toAbsolutePath();
        if (target != null && Files.exists(target) && !force) {
            throw new CliException(ExitCodes.GENERIC, "[" + out + "] exists; use --force to replace it");
        }
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final long size = expectedSize(vault);
            try (ProgressBar bar = ProgressBar.forSize(context.err(), "detach", size)) {
                final long written = target == null ? toStdout(vault, bar) : toFile(vault, target, bar);
                bar.finish();
                context.err().println("cipherpost: detached [" + name + "] (" + written + " bytes, SHA-256 checked)"
                        + (target == null ? "" : " to [" + target + "]"));
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Returns the attached file's size from the index, or -1 when the index does not know it. */
    private long expectedSize(final Vault vault) throws IOException, GeneralSecurityException {
        return vault.find(EntryQuery.all().withField("name", name)).entries().stream()
                .filter(entry -> name.equals(entry.name()))
                .mapToLong(EntrySummary::attachmentSize).findFirst().orElse(-1);
    }

    /** Streams to standard output. */
    private long toStdout(final Vault vault, final ProgressBar bar) throws IOException, GeneralSecurityException {
        try (OutputStream stream = RawOutput.of(context)) {
            return vault.detach(name, stream, bar);
        }
    }

    /** Streams to a private temporary file beside the target, renamed over it only after the check passed. */
    private long toFile(final Vault vault, final Path target, final ProgressBar bar)
            throws IOException, GeneralSecurityException {
        final Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        boolean moved = false;
        try {
            final long written;
            try (FileChannel channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
                 OutputStream stream = Channels.newOutputStream(channel)) {
                written = vault.detach(name, stream, bar);
                channel.force(true);
            }
            if (force) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
            moved = true;
            return written;
        } catch (final FileAlreadyExistsException e) {
            throw new IOException("[" + target + "] appeared meanwhile; use --force to replace it", e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
