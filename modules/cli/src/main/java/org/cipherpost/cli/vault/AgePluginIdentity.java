package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A plugin identity as an age plugin prints it ({@code AGE-PLUGIN-NAME-1...}) with its recipient
 * ({@code age1name1...}, from a {@code # recipient: age1...} comment of the identity file), and the plugin's name.
 *
 * @param plugin plugin name, lower case
 * @param identity the identity string
 * @param recipient the recipient string
 */
record AgePluginIdentity(String plugin, String identity, String recipient) {
    /**
     * Validates the components.
     *
     * @param plugin plugin name
     * @param identity identity
     * @param recipient recipient
     */
    AgePluginIdentity {
        Objects.requireNonNull(plugin, "Plugin required");
        Objects.requireNonNull(identity, "Identity required");
        Objects.requireNonNull(recipient, "Recipient required");
    }

    /**
     * Parses an identity file: one {@code AGE-PLUGIN-...} line and a comment naming the recipient.
     *
     * @param file identity file contents
     * @return identity
     * @throws IOException when the file has no plugin identity or no recipient comment
     */
    static AgePluginIdentity parse(final byte[] file) throws IOException {
        String identity = null;
        String recipient = null;
        for (final String raw : new String(file, StandardCharsets.UTF_8).split("\n")) {
            final String line = raw.strip();
            if (line.startsWith("#")) {
                final int at = line.toLowerCase(Locale.ROOT).indexOf("recipient:");
                if (at >= 0 && recipient == null) {
                    recipient = line.substring(at + "recipient:".length()).strip();
                }
            } else if (line.startsWith("AGE-PLUGIN-")) {
                if (identity != null) {
                    throw new IOException("age plugin identity file holds more than one identity");
                }
                identity = line;
            }
        }
        if (identity == null || !AgePluginDeviceKeyBackend.isIdentity(identity)) {
            throw new IOException("age plugin identity file holds no AGE-PLUGIN-... identity");
        }
        if (recipient == null || !AgePluginDeviceKeyBackend.isRecipient(recipient)) {
            throw new IOException("age plugin identity file has no '# recipient: age1...' line; add the plugin's"
                    + " recipient as such a comment");
        }
        final String hrp = identity.substring(0, identity.lastIndexOf('1'));
        final String plugin = hrp.substring("AGE-PLUGIN-".length(), hrp.length() - 1).toLowerCase(Locale.ROOT);
        if (!AgePluginClient.NAME.matcher(plugin).matches() || !hrp.endsWith("-")) {
            throw new IOException("age plugin identity names no valid plugin");
        }
        return new AgePluginIdentity(plugin, identity, recipient);
    }

    @Override
    public String toString() {
        return "AgePluginIdentity[" + plugin + ", " + recipient + "]";
    }
}
