package org.cipherpost.vault.internal;

import java.util.List;
import java.util.Objects;
import org.cipherpost.vault.HookRejectedException;
import org.cipherpost.vault.VaultEvent;
import org.cipherpost.vault.VaultHook;
import org.cipherpost.vault.WarningListener;

/** Calls the storage hooks: a failing pre-hook vetoes, a failing post-hook becomes a warning. */
final class Hooks {
    private final List<VaultHook> hooks;
    private final WarningListener warnings;

    /**
     * Creates the caller.
     *
     * @param hooks hooks in call order
     * @param warnings receiver of post-hook failures
     */
    Hooks(final List<VaultHook> hooks, final WarningListener warnings) {
        this.hooks = List.copyOf(Objects.requireNonNull(hooks, "Hooks required"));
        this.warnings = Objects.requireNonNull(warnings, "Warning Listener required");
    }

    /**
     * Runs every pre-hook.
     *
     * @param event change about to happen
     * @throws HookRejectedException when a hook fails; later hooks do not run
     */
    void before(final VaultEvent event) throws HookRejectedException {
        for (final VaultHook hook : hooks) {
            try {
                hook.before(event);
            } catch (final Exception e) {
                throw new HookRejectedException(event.change(), e);
            }
        }
    }

    /**
     * Runs every post-hook, reporting failures.
     *
     * @param event change just done
     */
    void after(final VaultEvent event) {
        for (final VaultHook hook : hooks) {
            try {
                hook.after(event);
            } catch (final Exception e) {
                warnings.warn("Post-hook failed after [%s]: %s".formatted(event.change(), e.getMessage()));
            }
        }
    }
}
