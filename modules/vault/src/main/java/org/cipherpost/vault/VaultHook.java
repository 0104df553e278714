package org.cipherpost.vault;

import java.io.IOException;

/**
 * Storage hook call points around every change: a failing {@link #before} aborts the change, a failing
 * {@link #after} is reported through the {@link WarningListener} and the change stays. Both run while the vault
 * lock is held, so a hook sees the directory as the change leaves it.
 */
public interface VaultHook {
    /**
     * Runs before a change; throwing aborts it and nothing is written.
     *
     * @param event change about to happen
     * @throws IOException to veto the change
     */
    default void before(final VaultEvent event) throws IOException {
    }

    /**
     * Runs after a change was written.
     *
     * @param event change just done
     * @throws IOException reported as a warning; the change stays
     */
    default void after(final VaultEvent event) throws IOException {
    }
}
