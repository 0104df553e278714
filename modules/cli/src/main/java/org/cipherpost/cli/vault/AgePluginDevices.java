package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.cipherpost.api.KeyBackend;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.plugin.PluginHost;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;

/**
 * Wires device keys held outside Cipherpost into {@code vault init} and into opening: through the age-plugin bridge
 * (any {@code age-plugin-NAME} on PATH) or a PF4J plugin's {@link KeyBackend}.
 */
final class AgePluginDevices {
    private AgePluginDevices() {
    }

    /**
     * Returns options whose new device key is held through an age plugin (identity file) or a plugin's key backend
     * (by name), or the options unchanged when neither is given.
     *
     * @param context command context
     * @param identityFile the age plugin's identity file, or null
     * @param keyBackend the name of a plugin key backend, or null
     * @param deviceName the device's name (the backend's label for the new device), or null for the default
     * @param options vault options
     * @return options
     * @throws CliException with exit 1 when the identity or the backend cannot be used, 64 when both are given
     */
    static VaultOptions forInit(final CliContext context, final Path identityFile, final String keyBackend,
                                final String deviceName, final VaultOptions options) throws CliException {
        if (identityFile != null && keyBackend != null) {
            throw new CliException(ExitCodes.USAGE, "--age-plugin-identity and --key-backend exclude each other");
        }
        if (keyBackend != null) {
            final Provided<KeyBackend> found = keyBackend(context, keyBackend);
            return options.withBackend(new PluginKeyBackend(found, DeviceNames.orDefault(deviceName,
                    context.environment())));
        }
        if (identityFile == null) {
            return options;
        }
        try {
            final AgePluginIdentity identity = AgePluginIdentity.parse(Files.readAllBytes(identityFile));
            final AgePluginClient client = client(context, identity.plugin());
            client.binary();
            return options.withBackend(new AgePluginDeviceKeyBackend(identity, client));
        } catch (final IOException e) {
            throw VaultFailures.map(e);
        }
    }

    /**
     * Opens the vault when this device's key is held through an age plugin, without asking for a passphrase.
     *
     * @param context command context
     * @param options vault options
     * @return open vault, or null when this device's key is not plugin-held (open it with the passphrase)
     * @throws CliException mapped failure of the plugin or the vault
     */
    static Vault open(final CliContext context, final VaultOptions options) throws CliException {
        try {
            return Vaults.open(options.withBackend(new Probe(context)), SecretBytes.wrap(new byte[0]));
        } catch (final NotPluginHeldException e) {
            return null;
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
    }

    /**
     * An unlocked plugin-held device key, for the agent.
     *
     * @param identity {@code AGE-SECRET-KEY-1...} text, owned by the caller
     * @param fingerprint SHA-256 of the device key file it was unlocked from
     */
    record Unlocked(SecretBytes identity, byte[] fingerprint) implements AutoCloseable {
        @Override
        public void close() {
            identity.close();
        }

        @Override
        public String toString() {
            return "Unlocked[device key]";
        }
    }

    /**
     * Unlocks this device's key through its age plugin or key backend (hardware, PIN, touch: once), checks it opens
     * the vault, and returns it for the agent.
     *
     * @param context command context
     * @param options vault options
     * @return the key, or null when this device's key is not plugin-held (unlock it with the passphrase)
     * @throws CliException mapped failure of the plugin or the vault
     */
    static Unlocked unlockForAgent(final CliContext context, final VaultOptions options) throws CliException {
        final Probe probe = new Probe(context);
        try (Vault vault = Vaults.open(options.withBackend(probe), SecretBytes.wrap(new byte[0]))) {
            vault.id();
        } catch (final NotPluginHeldException e) {
            return null;
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            probe.forget();
            throw VaultFailures.map(e);
        }
        if (probe.captured == null) {
            throw new CliException(ExitCodes.GENERIC, "this device's key cannot be handed to the agent");
        }
        return new Unlocked(probe.captured, probe.fingerprint);
    }

    /** Finds a plugin key backend by name. */
    private static Provided<KeyBackend> keyBackend(final CliContext context, final String name) throws CliException {
        final List<Provided<KeyBackend>> backends = PluginHost.of(context).vaultExtensions(context.err()).keyBackends();
        for (final Provided<KeyBackend> backend : backends) {
            final String candidate;
            try {
                candidate = backend.extension().name();
            } catch (final RuntimeException | LinkageError e) {
                continue;
            }
            if (name.equals(candidate)) {
                return backend;
            }
        }
        throw new CliException(ExitCodes.GENERIC, "no plugin provides key backend [" + Printables.clean(name) + "]"
                + (backends.isEmpty() ? "; no key backend is installed" : ""));
    }

    /** Creates the client of one plugin, its messages going to standard error. */
    private static AgePluginClient client(final CliContext context, final String plugin) {
        return new AgePluginClient(plugin, context.environment(), text -> {
            context.err().println("cipherpost: age-plugin-" + plugin + ": " + text);
            context.err().flush();
        });
    }

    /**
     * Accepts every stored key and unlocks the plugin-held ones; the others end the attempt. Keeps an encoded copy of
     * the unlocked key and the stored file's fingerprint for {@link #unlockForAgent}.
     */
    private static final class Probe implements DeviceKeyBackend {
        private final CliContext context;
        private SecretBytes captured;
        private byte[] fingerprint;

        Probe(final CliContext context) {
            this.context = context;
        }

        @Override
        public String name() {
            return "age-plugin";
        }

        @Override
        public boolean recognizes(final byte[] stored) {
            return true;
        }

        @Override
        public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params) throws IOException {
            throw new IOException("The opening probe creates no device keys");
        }

        @Override
        public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret)
                throws IOException, GeneralSecurityException {
            final DeviceKey key = unlockHeld(stored, userSecret);
            forget();
            if (key instanceof HeldDeviceKey held) {
                captured = held.encode();
                fingerprint = Fingerprints.sha256(stored);
            }
            return key;
        }

        /** Wipes a captured key. */
        void forget() {
            if (captured != null) {
                captured.close();
                captured = null;
            }
        }

        /** Unlocks a plugin-held key, or throws {@link NotPluginHeldException}. */
        private DeviceKey unlockHeld(final byte[] stored, final SecretBytes userSecret)
                throws IOException, GeneralSecurityException {
            if (PluginKeyBackend.isStored(stored)) {
                final String backend = PluginKeyBackend.backendOf(stored);
                final Provided<KeyBackend> found;
                try {
                    found = keyBackend(context, backend);
                } catch (final CliException e) {
                    throw new IOException(e.getMessage(), e);
                }
                return new PluginKeyBackend(found, "").unlock(stored, userSecret);
            }
            final AgePluginDeviceKeyBackend held = new AgePluginDeviceKeyBackend(null, client(context, "probe"));
            if (!held.recognizes(stored)) {
                throw new NotPluginHeldException();
            }
            final String plugin = AgePluginDeviceKeyBackend.pluginOf(stored);
            return new AgePluginDeviceKeyBackend(null, client(context, plugin)).unlock(stored, userSecret);
        }
    }

    /** This device's key is not held through an age plugin. */
    private static final class NotPluginHeldException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        NotPluginHeldException() {
            super("Device key is not held through an age plugin");
        }
    }
}
