package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.api.StoredVersion;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault history}: list an entry's recorded versions (needs the hook-git plugin). */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        description = {"List an entry's recorded versions, oldest first.",
            "Needs a plugin that keeps history (hook-git commits every change to git in the vault directory). Prints one line per version: its number, when it was recorded, the kind of change and the revision. 'vault show NAME --version N' prints one, decrypted with the entry's current key."},
        footer = {"", "Examples:",
            "  cipherpost vault history example.com",
            "  cipherpost vault show example.com --version 1"})
final class VaultHistoryCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    VaultHistoryCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final EntryId id = vault.resolve(name);
            final List<StoredVersion> versions = VaultVersions.of(context, vault).versions(id);
            if (versions.isEmpty()) {
                context.err().println("cipherpost: no recorded versions of [" + name + "]");
            }
            for (int i = 0; i < versions.size(); i++) {
                final StoredVersion version = versions.get(i);
                context.out().println((i + 1) + "\t" + version.at() + "\t" + Printables.clean(version.change())
                        + "\t" + Printables.clean(version.revision()));
            }
            context.out().flush();
            context.err().flush();
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
