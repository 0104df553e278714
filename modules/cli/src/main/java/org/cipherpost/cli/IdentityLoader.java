package org.cipherpost.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.IdentityFile;
import org.cipherpost.crypto.IdentityStore;
import org.cipherpost.crypto.InsecurePermissionsException;
import org.cipherpost.crypto.PhcArgon2;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.WrongPassphraseException;

/** Unlocks the user's identity for any command, with the identity file's error messages in one place. */
public final class IdentityLoader {
    private final CliContext context;

    /**
     * Creates a loader.
     *
     * @param context command context
     */
    public IdentityLoader(final CliContext context) {
        this.context = context;
    }

    /**
     * Reads and unlocks the identity, asking for its passphrase through the passphrase contract.
     *
     * @param passphraseOptions the command's passphrase options
     * @return unlocked identity, to be closed by the caller
     * @throws CliException with exit 1 (missing, unreadable, corrupted, insecure) or 4 (passphrase)
     */
    public Identity unlock(final PassphraseOptions passphraseOptions) throws CliException {
        final IdentityStore store = new IdentityStore(context.home());
        final Path file = store.file();
        final byte[] contents = readFile(store);
        final PhcArgon2 header;
        try {
            header = IdentityFile.header(contents);
        } catch (final IOException e) {
            throw corrupted(file, e);
        }
        if (header.hasHash()) {
            context.err().println("cipherpost: warning: identity file [" + file + "] was written by cipherpost v1 and holds"
                    + " its Argon2id output, from which the key can be recovered without the passphrase;"
                    + " re-create it or keep the file private");
        }
        try (SecretBytes passphrase = new PassphraseReader(context, passphraseOptions).read("identity " + file);
             SecretBytes seed = IdentityFile.open(contents, passphrase)) {
            return Identity.fromSeed(seed);
        } catch (final WrongPassphraseException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "wrong passphrase for identity file [" + file + "]", e);
        } catch (final GeneralSecurityException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "identity file [" + file + "] failed to decrypt: it was modified or damaged", e);
        } catch (final IOException e) {
            throw corrupted(file, e);
        }
    }

    private static byte[] readFile(final IdentityStore store) throws CliException {
        final Path file = store.file();
        try {
            return store.read();
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "no identity at [" + file + "]; create one with 'cipherpost identity generate'", e);
        } catch (final InsecurePermissionsException e) {
            throw new CliException(ExitCodes.GENERIC, "identity file [" + file + "] has mode " + e.mode()
                    + "; only its owner may access it (chmod 600 " + file + ")", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read identity file [" + file + "]: " + e.getMessage(), e);
        }
    }

    private static CliException corrupted(final Path file, final IOException cause) {
        return new CliException(ExitCodes.GENERIC, "identity file [" + file + "] is corrupted or truncated", cause);
    }
}
