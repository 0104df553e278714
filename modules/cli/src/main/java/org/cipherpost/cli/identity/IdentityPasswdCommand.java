package org.cipherpost.cli.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.IdentityFile;
import org.cipherpost.crypto.IdentityStore;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.wire.PublicKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code identity passwd}: re-wrap the identity under a new passphrase, in place, keeping the key. */
@Command(name = "passwd",
        mixinStandardHelpOptions = true,
        header = "Change the passphrase of your identity; the key (and your z-base-32 address) stays the same.",
        description = {"Unlocks the identity with its current passphrase (the usual sources: --passphrase-fd,",
            "--passphrase-file, CIPHERPOST_PASSPHRASE, the terminal), then writes it again under the new one",
            "(--new-passphrase-fd, --new-passphrase-file, CIPHERPOST_NEW_PASSPHRASE, or the terminal, asked",
            "twice), atomically, mode 0600. No copy under the old passphrase is kept; backups that",
            "'identity generate --force' made earlier are still wrapped under their own passphrases.",
            "The Argon2id parameters are kept unless --kdf-* options are given."},
        footer = {"", "Examples:",
            "  cipherpost identity passwd                              # prompts for the old, then twice for the new",
            "  cipherpost identity passwd --passphrase-file old.txt --new-passphrase-file new.txt",
            "  cipherpost identity passwd --kdf-memory 262144          # also strengthen Argon2id"})
public final class IdentityPasswdCommand implements Callable<Integer> {
    /** Environment variable holding the new passphrase for scripts. */
    static final String NEW_VARIABLE = "CIPHERPOST_NEW_PASSPHRASE";

    private final CliContext context;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--new-passphrase-fd", paramLabel = "FD",
            description = "Read the new passphrase from this open file descriptor.")
    Integer newFd;

    @Option(names = "--new-passphrase-file", paramLabel = "PATH",
            description = "Read the new passphrase from this file; it must have mode 0600 or 0400.")
    Path newFile;

    @Option(names = "--kdf-memory", paramLabel = "KIB", description = "New Argon2id memory in KiB (default: kept).")
    Integer memoryKiB;

    @Option(names = "--kdf-iterations", paramLabel = "N", description = "New Argon2id passes (default: kept).")
    Integer iterations;

    @Option(names = "--kdf-parallelism", paramLabel = "N", description = "New Argon2id lanes (default: kept).")
    Integer parallelism;

    IdentityPasswdCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final IdentityStore store = new IdentityStore(context.home());
        final Path file = store.file();
        final Argon2Params params = params(store);
        try (Identity identity = new IdentityLoader(context).unlock(passphrase)) {
            try (SecretBytes fresh = new PassphraseReader(context, PassphraseOptions.of(newFd, newFile), NEW_VARIABLE,
                    "--new-passphrase").readNew("the identity (new)")) {
                final byte[] sealed = IdentityFile.seal(identity.seed(), fresh, params);
                SecureFiles.writeAtomically(file, sealed, SecureFiles.PRIVATE_FILE);
            }
            context.err().printf("cipherpost: identity [%s] now uses the new passphrase (Argon2id m=%d KiB, t=%d,"
                    + " p=%d)%n", PublicKeys.toZ32(identity.publicKey()), params.memoryKiB(), params.iterations(), params.parallelism());
            return ExitCodes.OK;
        } catch (final GeneralSecurityException e) {
            throw new CliException(ExitCodes.GENERIC, "key derivation failed; the identity file is unchanged", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write identity file [" + file + "]: " + e.getMessage()
                    + "; the old file is unchanged", e);
        }
    }

    /** The file's own Argon2id parameters, with any --kdf-* option applied. */
    private Argon2Params params(final IdentityStore store) throws CliException {
        final Argon2Params current;
        try {
            current = IdentityFile.header(store.read()).params();
        } catch (final IOException e) {
            return null; // missing, insecure or corrupted: IdentityLoader.unlock reports it with its exit code next
        }
        final int memory = memoryKiB != null ? memoryKiB : current.memoryKiB();
        if (memoryKiB != null && memory < 8192) {
            throw new CliException(ExitCodes.USAGE, "--kdf-memory [" + memory + "] below the minimum [8192] KiB");
        }
        try {
            return new Argon2Params(memory, iterations != null ? iterations : current.iterations(),
                    parallelism != null ? parallelism : current.parallelism());
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
