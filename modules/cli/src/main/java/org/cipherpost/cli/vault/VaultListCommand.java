package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vault ls}: list entries from the encrypted index. */
@Command(name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        description = {"List entries (names, usernames, urls, tags; never secrets).",
            "Reads the encrypted index: no entry is decrypted. Entries that cannot be read are reported on stderr."},
        footer = {"", "Examples:", "  cipherpost vault ls", "  ciphey ls --json"})
final class VaultListCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--json", description = "Print a JSON array for scripts.")
    boolean json;

    VaultListCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final Listing listing = vault.list();
            ListingOutput.print(context, listing.entries(), listing.problems(), json);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
