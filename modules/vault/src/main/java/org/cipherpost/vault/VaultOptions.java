package org.cipherpost.vault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.IdentityStore;

/**
 * Where a vault lives and how it is opened.
 *
 * @param directory the vault directory (synced, backed up, shared as plain files)
 * @param home the cipherpost home on this device; device keys live in {@code <home>/vault-devices/}, never in the
 *     vault directory
 * @param argon2 Argon2id cost for new device keys and recovery codes
 * @param backend where device keys live and how they unlock
 * @param hooks storage hooks called around every change
 * @param warnings receiver of non-fatal warnings
 * @param parallelism worker threads for bulk work (re-key, device add, import, index rebuild)
 */
public record VaultOptions(Path directory, Path home, Argon2Params argon2, DeviceKeyBackend backend,
        List<VaultHook> hooks, WarningListener warnings, int parallelism) {
    /** Environment variable that overrides the vault directory. */
    public static final String DIRECTORY_VARIABLE = "CIPHERPOST_VAULT";

    /** Name of the default vault directory inside the cipherpost home. */
    public static final String DEFAULT_DIRECTORY = "vault";

    /**
     * Validates and copies the components.
     *
     * @param directory vault directory
     * @param home cipherpost home
     * @param argon2 Argon2id cost
     * @param backend device key backend
     * @param hooks storage hooks
     * @param warnings warning receiver
     * @param parallelism worker threads, at least 1
     */
    public VaultOptions {
        Objects.requireNonNull(directory, "Vault Directory required");
        Objects.requireNonNull(home, "Home Directory required");
        Objects.requireNonNull(argon2, "Argon2 parameters required");
        Objects.requireNonNull(backend, "Device Key Backend required");
        hooks = List.copyOf(Objects.requireNonNull(hooks, "Hooks required"));
        Objects.requireNonNull(warnings, "Warning Listener required");
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism [%d] less than minimum [1]".formatted(parallelism));
        }
    }

    /**
     * Returns default options for a vault directory and home: default Argon2id cost, passphrase device keys, no
     * hooks, warnings ignored, one worker per core.
     *
     * @param directory vault directory
     * @param home cipherpost home
     * @return options
     */
    public static VaultOptions of(final Path directory, final Path home) {
        return new VaultOptions(directory, home, Argon2Params.DEFAULT, DeviceKeyBackends.passphrase(), List.of(),
                WarningListener.IGNORE, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns default options from the environment: home from {@code CIPHERPOST_HOME} (else {@code ~/.cipherpost}),
     * vault directory from {@value #DIRECTORY_VARIABLE} (else {@code <home>/vault}).
     *
     * @param environment environment variables
     * @return options
     */
    public static VaultOptions fromEnvironment(final Map<String, String> environment) {
        final Path home = IdentityStore.resolveHome(environment);
        final String configured = environment.get(DIRECTORY_VARIABLE);
        final Path directory = configured != null && !configured.isEmpty()
                ? Path.of(configured) : home.resolve(DEFAULT_DIRECTORY);
        return of(directory, home);
    }

    /**
     * Returns these options with another Argon2id cost.
     *
     * @param params Argon2id cost
     * @return new options
     */
    public VaultOptions withArgon2(final Argon2Params params) {
        return new VaultOptions(directory, home, params, backend, hooks, warnings, parallelism);
    }

    /**
     * Returns these options with another device key backend.
     *
     * @param deviceKeyBackend backend
     * @return new options
     */
    public VaultOptions withBackend(final DeviceKeyBackend deviceKeyBackend) {
        return new VaultOptions(directory, home, argon2, deviceKeyBackend, hooks, warnings, parallelism);
    }

    /**
     * Returns these options with one more hook.
     *
     * @param hook hook called after those already present
     * @return new options
     */
    public VaultOptions withHook(final VaultHook hook) {
        final List<VaultHook> more = new ArrayList<>(hooks);
        more.add(Objects.requireNonNull(hook, "Hook required"));
        return new VaultOptions(directory, home, argon2, backend, more, warnings, parallelism);
    }

    /**
     * Returns these options with another warning receiver.
     *
     * @param listener warning receiver
     * @return new options
     */
    public VaultOptions withWarnings(final WarningListener listener) {
        return new VaultOptions(directory, home, argon2, backend, hooks, listener, parallelism);
    }

    /**
     * Returns these options with another number of worker threads.
     *
     * @param threads worker threads
     * @return new options
     */
    public VaultOptions withParallelism(final int threads) {
        return new VaultOptions(directory, home, argon2, backend, hooks, warnings, threads);
    }
}
