package org.cipherpost.api;

import java.io.IOException;
import org.pf4j.ExtensionPoint;

/**
 * Observes changes to a vault: called before and after each change with its kind and entry id, never with names,
 * plaintext or keys (e.g. to commit the vault directory to git after every change).
 */
public interface StorageHook extends ExtensionPoint {
    /**
     * Called before a change is written; throwing stops the change.
     *
     * @param event the change about to happen
     * @throws IOException to veto the change, with a one-line reason shown to the user
     */
    default void beforeChange(final StorageEvent event) throws IOException {
    }

    /**
     * Called after a change is written and synced; a failure here is reported but does not undo the change.
     *
     * @param event the change that happened
     * @throws IOException when the hook's own work fails
     */
    void afterChange(StorageEvent event) throws IOException;
}
