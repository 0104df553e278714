package org.cipherpost.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Earlier versions of a vault's files, as a version-keeping {@link StorageHook} recorded them (e.g. git commits):
 * the host uses it for {@code vault history} and {@code vault show --version}. It hands out ciphertext only; the
 * host decrypts with the vault's current keys.
 */
public interface StorageHistory extends ExtensionPoint {
    /**
     * Lists the recorded versions of one file of the vault, oldest first; versions where the file was deleted are
     * left out.
     *
     * @param vaultDirectory the vault directory
     * @param file the file's path relative to the vault directory, with {@code /} separators
     *     (e.g. {@code entries/age1....age})
     * @return versions, oldest first; empty when nothing was recorded
     * @throws IOException when the history cannot be read
     */
    List<StoredVersion> versions(Path vaultDirectory, String file) throws IOException;

    /**
     * Reads one recorded version of a file.
     *
     * @param vaultDirectory the vault directory
     * @param file the file's path relative to the vault directory
     * @param revision a revision as {@link StoredVersion#revision()} gives it
     * @return the file's bytes at that revision (ciphertext)
     * @throws IOException when the revision or the file in it does not exist
     */
    byte[] read(Path vaultDirectory, String file, String revision) throws IOException;
}
