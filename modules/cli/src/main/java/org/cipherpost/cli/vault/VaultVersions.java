package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import org.cipherpost.api.StorageHistory;
import org.cipherpost.api.StoredVersion;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.plugin.PluginHost;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.cli.plugin.VaultExtensions;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.Vault;

/**
 * An entry's earlier versions as a storage-history plugin (hook-git) recorded them, numbered from 1 (the oldest);
 * a version is decrypted with the entry's current key.
 */
final class VaultVersions {
    private final Provided<StorageHistory> history;
    private final Vault vault;

    /**
     * Creates the versions of a vault as one history keeps them.
     *
     * @param history storage history and its plugin
     * @param vault open vault
     */
    VaultVersions(final Provided<StorageHistory> history, final Vault vault) {
        this.history = history;
        this.vault = vault;
    }

    /**
     * Finds the first storage history the plugins provide.
     *
     * @param context command context
     * @param vault open vault
     * @return versions of that vault
     * @throws CliException with exit 1 when no plugin keeps history
     */
    static VaultVersions of(final CliContext context, final Vault vault) throws CliException {
        Objects.requireNonNull(vault, "Vault required");
        final List<Provided<StorageHistory>> histories = PluginHost.of(context).vaultExtensions(context.err())
                .histories();
        if (histories.isEmpty()) {
            throw new CliException(ExitCodes.GENERIC, "no plugin keeps vault history; the hook-git plugin does"
                    + " (docs/PLUGINS.md)");
        }
        return new VaultVersions(histories.getFirst(), vault);
    }

    /**
     * Returns the path of an entry's file inside the vault.
     *
     * @param id entry id
     * @return {@code entries/<id>.age}
     */
    static String entryFile(final EntryId id) {
        return "entries/" + id.value() + ".age";
    }

    /**
     * Lists an entry's recorded versions, oldest first.
     *
     * @param id entry id
     * @return versions
     * @throws CliException with exit 1 when the plugin fails
     */
    List<StoredVersion> versions(final EntryId id) throws CliException {
        try {
            return List.copyOf(history.extension().versions(vault.directory(), entryFile(id)));
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "plugin [" + history.origin() + "]: "
                    + VaultExtensions.clean(e.getMessage()));
        } catch (final RuntimeException | LinkageError e) {
            throw new CliException(ExitCodes.GENERIC, "plugin [" + history.origin() + "] failed listing versions ("
                    + e.getClass().getName() + ")");
        }
    }

    /**
     * Decrypts version {@code number} (1 is the oldest) of a named entry with its current key.
     *
     * @param name entry name
     * @param number version number
     * @return entry, owned by the caller
     * @throws CliException with exit 1 when there is no such version or the plugin fails
     * @throws IOException when the vault cannot read
     * @throws GeneralSecurityException when the version does not decrypt with the entry's key
     */
    Entry get(final String name, final int number) throws CliException, IOException, GeneralSecurityException {
        final EntryId id = vault.resolve(name);
        final List<StoredVersion> versions = versions(id);
        if (number < 1 || number > versions.size()) {
            throw new CliException(ExitCodes.GENERIC, "entry [" + name + "] has " + (versions.isEmpty()
                    ? "no recorded versions" : "versions [1.." + versions.size() + "]") + ", not [" + number + "]");
        }
        final byte[] file;
        try {
            file = history.extension().read(vault.directory(), entryFile(id), versions.get(number - 1).revision());
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "plugin [" + history.origin() + "]: "
                    + VaultExtensions.clean(e.getMessage()));
        } catch (final RuntimeException | LinkageError e) {
            throw new CliException(ExitCodes.GENERIC, "plugin [" + history.origin() + "] failed reading a version ("
                    + e.getClass().getName() + ")");
        }
        return vault.getVersion(id, file);
    }
}
