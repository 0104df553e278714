package org.cipherpost.cli.identity;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.IdentityFile;
import org.cipherpost.crypto.IdentityStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code identity show}: unlock the identity and print its public keys and fingerprints. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = {"Print your public key (z-base-32), its OpenSSH fingerprint and your age recipient.",
            "The identity is unlocked first, which proves the passphrase and the file are good."},
        footer = {"", "Examples:",
            "  cipherpost identity show",
            "  cipherpost identity show --json --passphrase-file ~/.cipherpost-pass",
            "  CIPHERPOST_HOME=/srv/bot cipherpost identity show --passphrase-fd 3 3<pass.txt"})
public final class IdentityShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    IdentityShowCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final IdentityStore store = new IdentityStore(context.home());
        try (Identity identity = new IdentityLoader(context).unlock(passphrase)) {
            final IdentityView view = IdentityView.of(identity, store.file(),
                    IdentityFile.header(store.read()).params());
            if (json) {
                view.printJson(context.out());
            } else {
                view.printText(context.out());
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read identity file [" + store.file() + "]", e);
        }
        return ExitCodes.OK;
    }
}
