package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.ProgressListener;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault export --plaintext DIR}: every entry as a plain file; refused without the flag. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Write every entry decrypted to a directory (needs --plaintext).",
            "Writes each entry as a file DIR/NAME (attached files as their content), mode 0600 in 0700 directories; '/' in a name makes subdirectories. This defeats the vault's encryption, so it is refused unless --plaintext is given. For a backup, copy the vault directory: it stays encrypted."},
        footer = {"", "Example:", "  cipherpost vault export --plaintext /mnt/usb/vault-plain"})
final class VaultExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--plaintext", description = "Confirm that every secret is written unencrypted.")
    boolean plaintext;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "New or empty directory to write to.")
    Path directory;

    VaultExportCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        if (!plaintext) {
            throw new CliException(ExitCodes.USAGE, "export refused: it writes every secret unencrypted; add --plaintext"
                    + " to confirm, or back up the vault directory itself (it is encrypted)");
        }
        if (directory == null) {
            throw new CliException(ExitCodes.USAGE, "export needs a directory to write to");
        }
        try {
            if (Files.exists(directory)) {
                try (var children = Files.list(directory)) {
                    if (children.findAny().isPresent()) {
                        throw new CliException(ExitCodes.GENERIC, "[" + directory + "] is not empty");
                    }
                }
            }
            SecureFiles.createPrivateDirectories(directory);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot create [" + directory + "]: " + VaultFailures.line(e), e);
        }
        context.err().println("cipherpost: WARNING: writing every secret of the vault UNENCRYPTED to [" + directory
                + "]; delete it securely when done");
        context.err().flush();
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final Listing listing = vault.list();
            for (final var problem : listing.problems()) {
                context.err().println("cipherpost: warning: skipped [" + problem.id() + "]: " + problem.message());
            }
            final List<EntrySummary> entries = listing.entries();
            for (final EntrySummary summary : entries) {
                write(vault, summary);
            }
            context.err().println("cipherpost: exported " + entries.size() + " entries to [" + directory + "]");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Writes one entry (or its attached file) to its file. */
    private void write(final Vault vault, final EntrySummary summary) throws CliException, IOException, GeneralSecurityException {
        final String name = summary.name();
        if (name == null) {
            context.err().println("cipherpost: warning: skipped [" + summary.id() + "]: it has no name");
            return;
        }
        final Path file = target(name);
        SecureFiles.createPrivateDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE));
             OutputStream out = Channels.newOutputStream(channel)) {
            if (summary.attachment()) {
                vault.detach(name, out, ProgressListener.NONE);
            } else {
                try (Entry entry = vault.get(summary.id())) {
                    entry.writeTo(out);
                }
            }
        }
    }

    /** Maps a name to a file below the directory, refusing names that would leave it. */
    private Path target(final String name) throws CliException {
        for (final String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
                throw new CliException(ExitCodes.GENERIC, "entry name [" + name + "] cannot be a file name; rename it first");
            }
        }
        final Path root = directory.toAbsolutePath().normalize();
        final Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new CliException(ExitCodes.GENERIC, "entry name [" + name + "] leaves the export directory");
        }
        return file;
    }
}
