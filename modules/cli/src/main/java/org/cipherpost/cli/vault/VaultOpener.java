package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.PassphraseReader;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;

/**
 * Opens the vault for a command: through the agent when one holds this device's key (no Argon2id), otherwise with
 * the passphrase from the passphrase contract (fd, file, environment, terminal).
 */
final class VaultOpener {
    /** The vault's manifest file name (docs/VAULT-FORMAT.md), checked before asking for a passphrase. */
    static final String MANIFEST = "vault.manifest";

    private final CliContext context;
    private final VaultLocation location;
    private final PassphraseOptions passphrase;

    /**
     * Creates an opener for a command's options.
     *
     * @param context command context
     * @param location the command's {@code --vault}
     * @param passphrase the command's passphrase options
     */
    VaultOpener(final CliContext context, final VaultLocation location, final PassphraseOptions passphrase) {
        this.context = Objects.requireNonNull(context, "Context required");
        this.location = Objects.requireNonNull(location, "Location required");
        this.passphrase = Objects.requireNonNull(passphrase, "Passphrase Options required");
    }

    /**
     * Returns the resolved vault options.
     *
     * @return options
     */
    VaultOptions options() {
        return PluginHooks.attach(context, location.options(context));
    }

    /**
     * Opens the vault.
     *
     * @return open vault, to be closed by the caller
     * @throws CliException mapped failure: 1 no vault or damaged, 4 passphrase or decryption
     */
    Vault open() throws CliException {
        final VaultOptions options = options();
        requireVault(options.directory());
        final AgentClient agent = new AgentClient(AgentPaths.socket(context.environment(), options));
        if (agent.present()) {
            try {
                return Vaults.open(options.withBackend(new AgentDeviceKeyBackend(agent)), SecretBytes.wrap(new byte[0]));
            } catch (final AgentRefusedException | AgentUnavailableException e) {
                // A stale socket or an agent for another key: fall back to the passphrase.
            } catch (final IOException | GeneralSecurityException | RuntimeException e) {
                throw VaultFailures.map(e);
            }
        }
        final Vault pluginHeld = AgePluginDevices.open(context, options);
        if (pluginHeld != null) {
            return pluginHeld;
        }
        try (SecretBytes secret = readPassphrase(options)) {
            return Vaults.open(options, secret);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
    }

    /**
     * Reads the Primary Passphrase through the passphrase contract.
     *
     * @param options vault options, for the prompt
     * @return passphrase, owned by the caller
     * @throws CliException with exit 4 when no source is usable
     */
    SecretBytes readPassphrase(final VaultOptions options) throws CliException {
        return new PassphraseReader(context, passphrase).read("vault " + options.directory());
    }

    /**
     * Refuses a directory without a vault before any passphrase is asked for.
     *
     * @param directory vault directory
     * @throws CliException with exit 1 when there is no vault
     */
    static void requireVault(final Path directory) throws CliException {
        if (!Files.isRegularFile(directory.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(ExitCodes.GENERIC, "no vault at [" + directory
                    + "]; create one with 'cipherpost vault init' or pass --vault DIR");
        }
    }
}
