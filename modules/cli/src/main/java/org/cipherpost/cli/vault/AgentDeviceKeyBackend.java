package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * Unlocks passphrase-wrapped device keys through a running agent instead of Argon2id: the agent proves it holds the
 * key of exactly this device key file (by its SHA-256) and then opens age files on request.
 */
final class AgentDeviceKeyBackend implements DeviceKeyBackend {
    private final AgentClient client;

    /**
     * Creates the backend.
     *
     * @param client agent client
     */
    AgentDeviceKeyBackend(final AgentClient client) {
        this.client = Objects.requireNonNull(client, "Agent Client required");
    }

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        // Any stored form: passphrase-wrapped or held by a plugin; the agent decides by the file's fingerprint.
        return true;
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params) throws IOException {
        throw new IOException("The vault agent cannot create device keys");
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws IOException, GeneralSecurityException {
        final AgentClient.Info info;
        try {
            info = client.info(Fingerprints.sha256(stored));
        } catch (final IOException e) {
            throw new AgentRefusedException("No agent answers", e);
        }
        if (info == null) {
            throw new AgentRefusedException("The agent holds another device key", null);
        }
        return new AgentDeviceKey(client, AgeRecipient.parse(info.recipient()));
    }
}
