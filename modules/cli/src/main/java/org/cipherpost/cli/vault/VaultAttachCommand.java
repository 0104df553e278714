package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault attach}: store a file of any size as an entry. */
@Command(name = "attach",
        mixinStandardHelpOptions = true,
        description = {"Store a file of any size as an entry.",
            "The file is streamed and encrypted to its own Entry Key. FILE '-' reads standard input. A progress bar is drawn on stderr for large files when it is a terminal."},
        footer = {"", "Examples:", "  cipherpost vault attach passport.pdf ~/scans/passport.pdf", "  tar c docs | ciphey attach docs.tar -"})
final class VaultAttachCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "File to store, or '-' for standard input.")
    String file;

    VaultAttachCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final boolean fromStdin = "-".equals(file);
        final Path path = fromStdin ? null : Path.of(file);
        if (path != null && !Files.isRegularFile(path)) {
            throw new CliException(ExitCodes.GENERIC, "[" + file + "] is not a readable file");
        }
        try (Vault vault = new VaultOpener(context, location, passphrase).open();
             InputStream in = fromStdin ? context.stdin() : Files.newInputStream(path);
             ProgressBar bar = ProgressBar.forSize(context.err(), "attach", fromStdin ? -1 : Files.size(path))) {
            final EntryId id = vault.attach(name, in, bar);
            bar.finish();
            context.err().println("cipherpost: attached [" + name + "] as [" + id + "]");
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "[" + file + "] does not exist", e);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
