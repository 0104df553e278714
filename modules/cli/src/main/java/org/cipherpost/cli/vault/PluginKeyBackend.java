package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cipherpost.api.AgeStanza;
import org.cipherpost.api.DeviceInfo;
import org.cipherpost.api.KeyBackend;
import org.cipherpost.cli.plugin.Provided;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * A plugin's {@link KeyBackend} as the vault's {@link DeviceKeyBackend}: the device's X25519 vault key is sealed
 * under a file key that the backend wraps to one of its devices ({@link KeyBackend#wrap}) and must unwrap at every
 * open ({@link KeyBackend#unwrap}); the backend never sees the vault key, a passphrase or another key. Failures of
 * plugin code are reported naming the plugin, by exception type only.
 */
final class PluginKeyBackend implements DeviceKeyBackend {
    /** First line of the stored form (then {@code backend:}, {@code device:}, {@code recipient:}, stanzas, seal). */
    static final String MAGIC = "cipherpost key-backend device key v1\n";

    private static final Pattern FIELD = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final int FILE_KEY = 16;

    private final Provided<KeyBackend> backend;
    private final String label;

    /**
     * Creates the adapter.
     *
     * @param backend the plugin's backend and its origin
     * @param label label of a device created by {@link #generate}
     */
    PluginKeyBackend(final Provided<KeyBackend> backend, final String label) {
        this.backend = Objects.requireNonNull(backend, "Backend required");
        this.label = Objects.requireNonNull(label, "Label required");
    }

    @Override
    public String name() {
        return "key-backend";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        return isStored(stored);
    }

    /**
     * Tells whether a device key file is held by a key backend.
     *
     * @param stored device key file contents
     * @return true for this adapter's stored form
     */
    static boolean isStored(final byte[] stored) {
        final byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        return stored.length >= magic.length && Arrays.equals(stored, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * Returns the backend name a stored key needs.
     *
     * @param stored device key file contents
     * @return backend name
     * @throws IOException when malformed
     */
    static String backendOf(final byte[] stored) throws IOException {
        return AgePluginDeviceKeyBackend.Stored.parse(stored, MAGIC, "backend: ", "device: ").plugin();
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params)
            throws IOException, GeneralSecurityException {
        final DeviceInfo device = call("createDevice", () -> backend.extension().createDevice(label));
        final String name = call("name", () -> backend.extension().name());
        for (final String field : List.of(name, device.id(), device.recipient())) {
            if (!FIELD.matcher(field).matches()) {
                throw new IOException("key backend [" + backend.origin() + "] returned a device that is not valid");
            }
        }
        return AgePluginDeviceKeyBackend.generateSealed(MAGIC, "backend: " + name + "\ndevice: " + device.id()
                + "\nrecipient: " + device.recipient() + "\n",
                fileKey -> {
                    // The plugin gets its own copy, wiped when it returns (the host wipes what it hands out).
                    final byte[] copy = fileKey.clone();
                    try {
                        return List.of(call("wrap", () -> backend.extension().wrap(device.id(), copy)));
                    } finally {
                        Arrays.fill(copy, (byte) 0);
                    }
                });
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws IOException, GeneralSecurityException {
        final AgePluginDeviceKeyBackend.Stored parsed =
                AgePluginDeviceKeyBackend.Stored.parse(stored, MAGIC, "backend: ", "device: ");
        GeneralSecurityException last = null;
        for (final AgeStanza stanza : parsed.stanzas()) {
            final byte[] key;
            try {
                key = call("unwrap", () -> backend.extension().unwrap(parsed.identity(), stanza));
            } catch (final GeneralSecurityException e) {
                last = e;
                continue;
            }
            try (SecretBytes fileKey = SecretBytes.wrap(key)) {
                if (fileKey.length() != FILE_KEY) {
                    throw new GeneralSecurityException("key backend [" + backend.origin() + "] returned a file key of ["
                            + fileKey.length() + "] bytes");
                }
                return AgePluginDeviceKeyBackend.openSealed(parsed, fileKey);
            }
        }
        throw last != null ? last : new GeneralSecurityException("Device key file holds no stanza");
    }

    /** A call into plugin code. */
    private interface Call<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    /** Runs plugin code: its checked exceptions keep a cleaned message, anything else names the plugin only. */
    private <T> T call(final String operation, final Call<T> call) throws IOException, GeneralSecurityException {
        final T result;
        try {
            result = call.run();
        } catch (final GeneralSecurityException e) {
            throw new GeneralSecurityException("key backend [" + backend.origin() + "] " + operation + ": "
                    + Printables.clean(String.valueOf(e.getMessage())), e);
        } catch (final IOException e) {
            throw new IOException("key backend [" + backend.origin() + "] " + operation + ": "
                    + Printables.clean(String.valueOf(e.getMessage())), e);
        } catch (final RuntimeException | LinkageError e) {
            throw new IOException("key backend [" + backend.origin() + "] failed during " + operation + " ("
                    + e.getClass().getName() + ")");
        }
        if (result == null) {
            throw new IOException("key backend [" + backend.origin() + "] returned nothing from " + operation);
        }
        return result;
    }
}
