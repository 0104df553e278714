package org.cipherpost.cli.plugin;

import java.util.List;
import org.cipherpost.api.KeyBackend;
import org.cipherpost.api.StorageHistory;
import org.cipherpost.api.StorageHook;

/**
 * What the started plugins provide to the vault, in load order.
 *
 * @param storageHooks storage hooks, called around every change
 * @param histories storage histories, for {@code vault history} and {@code vault show --version}
 * @param keyBackends key backends that can hold device keys
 */
public record VaultExtensions(List<Provided<StorageHook>> storageHooks, List<Provided<StorageHistory>> histories,
                              List<Provided<KeyBackend>> keyBackends) {
    /** No extensions (plugins turned off). */
    public static final VaultExtensions NONE = new VaultExtensions(List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param storageHooks storage hooks
     * @param histories storage histories
     * @param keyBackends key backends
     */
    public VaultExtensions {
        storageHooks = List.copyOf(storageHooks);
        histories = List.copyOf(histories);
        keyBackends = List.copyOf(keyBackends);
    }

    /**
     * Makes a plugin's own message printable: control characters replaced, at most 200 characters.
     *
     * @param text message
     * @return printable text
     */
    public static String clean(final String text) {
        return PluginMessages.clean(String.valueOf(text));
    }
}
