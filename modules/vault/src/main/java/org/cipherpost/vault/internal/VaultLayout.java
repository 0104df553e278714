package org.cipherpost.vault.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.cipherpost.vault.EntryId;

/**
 * Where everything lives: the synced vault directory and this device's key files under the cipherpost home.
 *
 * <pre>
 * &lt;vault&gt;/vault.manifest          device list, recovery recipient, MAC
 * &lt;vault&gt;/vault.key               vault secrets, age-encrypted to devices + recovery
 * &lt;vault&gt;/index.age               encrypted index, age-encrypted to devices + recovery
 * &lt;vault&gt;/entries/&lt;id&gt;.age        entry, encrypted to its Entry Key
 * &lt;vault&gt;/keys/&lt;id&gt;.key           Entry Key, encrypted to devices + recovery + shares
 * &lt;vault&gt;/blobs/&lt;id&gt;.age          attached file, encrypted to its Entry Key
 * &lt;vault&gt;/.lock                   lock file
 * &lt;home&gt;/vault-devices/&lt;vault-id&gt;.key   this device's key (never in the vault directory)
 * &lt;home&gt;/vault-devices/&lt;vault-id&gt;.pin   last vault key generation this device verified
 * </pre>
 */
final class VaultLayout {
    static final String MANIFEST = "vault.manifest";
    static final String SECRET = "vault.key";
    static final String INDEX = "index.age";
    static final String KEYRING = "keyring.age";
    static final String LOCK = ".lock";
    static final String ENTRIES = "entries";
    static final String KEYS = "keys";
    static final String BLOBS = "blobs";
    static final String DEVICES = "vault-devices";
    static final String ENTRY_SUFFIX = ".age";
    static final String KEY_SUFFIX = ".key";

    private final Path root;
    private final Path home;

    /**
     * Creates the layout.
     *
     * @param root vault directory
     * @param home cipherpost home of this device
     */
    VaultLayout(final Path root, final Path home) {
        this.root = Objects.requireNonNull(root, "Vault Directory required").toAbsolutePath().normalize();
        this.home = Objects.requireNonNull(home, "Home Directory required").toAbsolutePath().normalize();
    }

    /** Returns the vault directory. */
    Path root() {
        return root;
    }

    /** Returns the entries directory. */
    Path entries() {
        return root.resolve(ENTRIES);
    }

    /** Returns the key files directory. */
    Path keys() {
        return root.resolve(KEYS);
    }

    /** Returns the attached files directory. */
    Path blobs() {
        return root.resolve(BLOBS);
    }

    /** Returns the manifest file. */
    Path manifest() {
        return root.resolve(MANIFEST);
    }

    /** Returns the vault secrets file. */
    Path secret() {
        return root.resolve(SECRET);
    }

    /** Returns the keyring file (format 2: the keyring identities for the age CLI; the vault derives them). */
    Path keyring() {
        return root.resolve(KEYRING);
    }

    /** Returns the index file. */
    Path index() {
        return root.resolve(INDEX);
    }

    /** Returns the lock file. */
    Path lock() {
        return root.resolve(LOCK);
    }

    /** Returns an entry file. */
    Path entry(final EntryId id) {
        return entries().resolve(id.value() + ENTRY_SUFFIX);
    }

    /** Returns a key file. */
    Path key(final EntryId id) {
        return keys().resolve(id.value() + KEY_SUFFIX);
    }

    /** Returns an attached file. */
    Path blob(final EntryId id) {
        return blobs().resolve(id.value() + ENTRY_SUFFIX);
    }

    /** Returns the directory of this device's vault keys. */
    Path deviceDirectory() {
        return home.resolve(DEVICES);
    }

    /** Returns this device's key file for a vault. */
    Path deviceKey(final String vaultId) {
        return deviceDirectory().resolve(vaultId + KEY_SUFFIX);
    }

    /** Returns this device's pin file for a vault. */
    Path pin(final String vaultId) {
        return deviceDirectory().resolve(vaultId + ".pin");
    }

    /** Names a file inside the vault for messages: relative to the vault directory. */
    String name(final Path file) {
        final Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
