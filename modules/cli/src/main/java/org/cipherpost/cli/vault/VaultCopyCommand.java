package org.cipherpost.cli.vault;

import java.io.IOException;
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

/** {@code vault cp}: copy an entry under a new name with a new key. */
@Command(name = "cp",
        aliases = "copy",
        mixinStandardHelpOptions = true,
        description = "Copy an entry (and its attached file) under a new name, encrypted to a new Entry Key.",
        footer = {"", "Example:", "  cipherpost vault cp mail mail-backup"})
final class VaultCopyCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "FROM", description = "Existing name.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "Name of the copy.")
    String to;

    VaultCopyCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final EntryId id = vault.copy(from, to);
            context.err().println("cipherpost: copied [" + from + "] to [" + to + "] as [" + id + "]");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
