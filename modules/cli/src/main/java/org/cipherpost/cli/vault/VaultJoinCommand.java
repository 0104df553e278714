package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vault join}: make this device's key for an existing (synced) vault and print its recipient. */
@Command(name = "join",
        mixinStandardHelpOptions = true,
        description = {"Make this device's key for a synced vault and print its recipient.",
            "Prepares this device to use a vault that reached it by sync or copy: creates its Device Key (wrapped by the passphrase) and prints its recipient on stdout. Then, on a device that already has access: cipherpost vault device add RECIPIENT --name NAME."},
        footer = {"", "Example:", "  cipherpost vault join --vault ~/sync/vault"})
final class VaultJoinCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    KdfOptions kdf;

    VaultJoinCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final VaultOptions options = location.options(context).withArgon2(kdf.params());
        VaultOpener.requireVault(options.directory());
        try (SecretBytes secret = new PassphraseReader(context, passphrase).readNew("this device's vault key")) {
            final String recipient = Vaults.join(options, secret);
            context.out().println(recipient);
            context.out().flush();
            context.err().println("cipherpost: on a device with access, run: cipherpost vault device add " + recipient);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
