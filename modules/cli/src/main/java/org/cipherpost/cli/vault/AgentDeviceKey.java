package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;

/** A Device Key held by the vault agent: every decryption is a request to the agent; this process holds no key. */
final class AgentDeviceKey implements DeviceKey {
    private final AgentClient client;
    private final AgeRecipient recipient;

    /**
     * Creates the key.
     *
     * @param client agent client
     * @param recipient the recipient the agent reported
     */
    AgentDeviceKey(final AgentClient client, final AgeRecipient recipient) {
        this.client = Objects.requireNonNull(client, "Agent Client required");
        this.recipient = Objects.requireNonNull(recipient, "Recipient required");
    }

    @Override
    public AgeRecipient recipient() {
        return recipient;
    }

    @Override
    public SecretBytes decrypt(final byte[] ageFile) throws IOException, GeneralSecurityException {
        return client.decrypt(Objects.requireNonNull(ageFile, "Age File required"));
    }

    @Override
    public void close() {
        // The key lives in the agent; 'vault lock' or its timeout wipes it.
    }

    @Override
    public String toString() {
        return "AgentDeviceKey[" + recipient.encoded() + "]";
    }
}
