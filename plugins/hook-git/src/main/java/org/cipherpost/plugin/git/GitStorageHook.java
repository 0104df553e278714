package org.cipherpost.plugin.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cipherpost.api.StorageEvent;
import org.cipherpost.api.StorageHistory;
import org.cipherpost.api.StorageHook;
import org.cipherpost.api.StoredVersion;
import org.pf4j.Extension;

/**
 * Keeps a vault directory in git once it is a git repository ({@code git init} in it is the opt-in): every change
 * becomes a commit whose message names the kind of change and the entry id (never a name or a secret), optionally
 * pushed to the remote named by {@code git config cipherpost.push}; the commits serve {@code vault history} and
 * {@code vault show --version}. A vault directory that is not a repository is left alone.
 */
@Extension
public final class GitStorageHook implements StorageHook, StorageHistory {
    /** Creates the hook; it keeps no state between calls. */
    public GitStorageHook() {
        // Every call opens the repository of the directory it is given.
    }

    @Override
    public void afterChange(final StorageEvent event) throws IOException {
        Objects.requireNonNull(event, "Storage Event required");
        if (!GitVault.exists(event.vaultDirectory())) {
            return;
        }
        try (GitVault vault = GitVault.open(event.vaultDirectory())) {
            vault.prepare();
            if (vault.commit(CommitMessages.of(event), event.at())) {
                vault.pushIfConfigured();
            }
        }
    }

    @Override
    public List<StoredVersion> versions(final Path vaultDirectory, final String file) throws IOException {
        Objects.requireNonNull(vaultDirectory, "Vault Directory required");
        final String path = VaultPaths.check(file);
        if (!GitVault.exists(vaultDirectory)) {
            return List.of();
        }
        try (GitVault vault = GitVault.open(vaultDirectory)) {
            return vault.versions(path);
        }
    }

    @Override
    public byte[] read(final Path vaultDirectory, final String file, final String revision) throws IOException {
        Objects.requireNonNull(vaultDirectory, "Vault Directory required");
        final String path = VaultPaths.check(file);
        Objects.requireNonNull(revision, "Revision required");
        if (!GitVault.exists(vaultDirectory)) {
            throw new IOException("Vault Directory [" + vaultDirectory + "] has no git history");
        }
        try (GitVault vault = GitVault.open(vaultDirectory)) {
            return vault.read(path, revision);
        }
    }
}
