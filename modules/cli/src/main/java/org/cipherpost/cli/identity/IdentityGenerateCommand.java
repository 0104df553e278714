package org.cipherpost.cli.identity;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.IdentityFile;
import org.cipherpost.crypto.IdentityStore;
import org.cipherpost.crypto.SecretBytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code identity generate}: create a new Ed25519 identity wrapped under a passphrase. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Create a new identity at $CIPHERPOST_HOME/secret_key (default ~/.cipherpost/secret_key).",
            "The file is mode 0600 in a 0700 directory, the key wrapped with Argon2id and age.",
            "An existing identity is never overwritten without --force; with it, the old file is kept as a backup."},
        footer = {"", "Examples:",
            "  cipherpost identity generate                       # prompts twice for a passphrase",
            "  cipherpost identity generate --passphrase-file pass.txt --json",
            "  CIPHERPOST_PASSPHRASE=... cipherpost identity generate --force"})
public final class IdentityGenerateCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--force", description = "Replace an existing identity (a backup of it is kept beside it).")
    boolean force;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Option(names = "--kdf-memory", paramLabel = "KIB", description = "Argon2id memory in KiB (default: ${DEFAULT-VALUE}).")
    int memoryKiB = Argon2Params.DEFAULT.memoryKiB();

    @Option(names = "--kdf-iterations", paramLabel = "N", description = "Argon2id passes (default: ${DEFAULT-VALUE}).")
    int iterations = Argon2Params.DEFAULT.iterations();

    @Option(names = "--kdf-parallelism", paramLabel = "N", description = "Argon2id lanes (default: ${DEFAULT-VALUE}).")
    int parallelism = Argon2Params.DEFAULT.parallelism();

    IdentityGenerateCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final Argon2Params params = kdfParams();
        final IdentityStore store = new IdentityStore(context.home());
        if (store.exists() && !force) {
            throw new CliException(ExitCodes.GENERIC, "an identity already exists at [" + store.file()
                    + "]; use --force to replace it (the old file is kept as a backup)");
        }
        try (SecretBytes secret = new PassphraseReader(context, passphrase).readNew("the new identity");
             Identity identity = Identity.generate()) {
            final byte[] sealed = IdentityFile.seal(identity.seed(), secret, params);
            final Path backup = store.write(sealed, force);
            if (backup != null) {
                context.err().println("cipherpost: previous identity kept at [" + backup + "]");
            }
            final IdentityView view = IdentityView.of(identity, store.file(), params);
            if (json) {
                view.printJson(context.out());
            } else {
                context.err().println("cipherpost: new identity written");
                view.printText(context.out());
            }
        } catch (final FileAlreadyExistsException e) {
            throw new CliException(ExitCodes.GENERIC, "an identity already exists at [" + store.file() + "]", e);
        } catch (final GeneralSecurityException e) {
            throw new CliException(ExitCodes.GENERIC, "key derivation failed", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write identity file [" + store.file() + "]: " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    private Argon2Params kdfParams() throws CliException {
        if (memoryKiB < 8192) {
            throw new CliException(ExitCodes.USAGE, "--kdf-memory [" + memoryKiB + "] below the minimum [8192] KiB");
        }
        try {
            return new Argon2Params(memoryKiB, iterations, parallelism);
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
