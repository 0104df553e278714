package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.api.AgeStanza;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Hkdf;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.DeviceKey;
import org.cipherpost.vault.DeviceKeyBackend;
import org.cipherpost.vault.GeneratedDeviceKey;

/**
 * Device keys held through an age plugin ({@code age-plugin-yubikey}, {@code -tpm}, {@code -se}, ...): the device's
 * X25519 key is sealed under a file key that only the plugin can unwrap, so every unlock goes through the plugin
 * and its hardware. The stored form (in {@code <home>/vault-devices/}, never in the vault) is text:
 *
 * <pre>
 * cipherpost age-plugin device key v1
 * plugin: NAME
 * identity: AGE-PLUGIN-NAME-1...
 * recipient: age1name1...
 * -&gt; stanza from recipient-v1 (one or more)
 * base64 body
 * --- base64(nonce || ChaCha20-Poly1305(HKDF(file key, nonce, "age-plugin-device"), X25519 secret, header))
 * </pre>
 */
final class AgePluginDeviceKeyBackend implements DeviceKeyBackend {
    /** First line of the stored form. */
    static final String MAGIC = "cipherpost age-plugin device key v1\n";

    private static final String CONTEXT = "age-plugin-device";
    private static final int FILE_KEY = 16;
    private static final int NONCE = 12;
    private static final int SECRET = 32;
    private static final int MAXIMUM_STORED = 64 * 1024;
    private static final Pattern RECIPIENT = Pattern.compile("age1[a-z0-9._-]+1[02-9ac-hj-np-z]+");
    private static final Pattern IDENTITY = Pattern.compile("AGE-PLUGIN-[A-Z0-9._-]+-1[02-9AC-HJ-NP-Z]+");
    private static final Pattern ARGUMENT = Pattern.compile("[\\x21-\\x7e]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgePluginIdentity identity;
    private final AgePluginClient client;

    /**
     * Creates the backend for one plugin identity.
     *
     * @param identity the plugin identity and recipient (used to create a key; unlocking uses the stored ones)
     * @param client client of the plugin binary
     */
    AgePluginDeviceKeyBackend(final AgePluginIdentity identity, final AgePluginClient client) {
        this.identity = identity;
        this.client = Objects.requireNonNull(client, "Client required");
    }

    @Override
    public String name() {
        return "age-plugin";
    }

    @Override
    public boolean recognizes(final byte[] stored) {
        final byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        return stored.length >= magic.length && Arrays.equals(stored, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * Tells the plugin name a stored key needs.
     *
     * @param stored stored form
     * @return plugin name
     * @throws IOException when the stored form is malformed
     */
    static String pluginOf(final byte[] stored) throws IOException {
        return Stored.parse(stored).plugin();
    }

    @Override
    public GeneratedDeviceKey generate(final SecretBytes userSecret, final Argon2Params params)
            throws IOException, GeneralSecurityException {
        if (identity == null) {
            throw new IOException("No age plugin identity given to create a device key with");
        }
        return generateSealed(MAGIC, "plugin: " + identity.plugin() + "\nidentity: " + identity.identity()
                + "\nrecipient: " + identity.recipient() + "\n", fileKey -> client.wrap(identity.recipient(), fileKey));
    }

    @Override
    public DeviceKey unlock(final byte[] stored, final SecretBytes userSecret) throws IOException, GeneralSecurityException {
        final Stored parsed = Stored.parse(stored);
        try (SecretBytes fileKey = SecretBytes.wrap(client.unwrap(parsed.identity(), parsed.stanzas()))) {
            return openSealed(parsed, fileKey);
        }
    }

    /**
     * Opens the sealed device key of a stored form with its file key.
     *
     * @param parsed stored form
     * @param fileKey the unwrapped file key
     * @return the device key, owned by the caller
     * @throws GeneralSecurityException when the key does not open
     */
    static DeviceKey openSealed(final Stored parsed, final SecretBytes fileKey) throws GeneralSecurityException {
        final byte[] sealed = parsed.sealed();
        final byte[] nonce = Arrays.copyOf(sealed, NONCE);
        try (SecretBytes raw = SecretBytes.wrap(open(fileKey, nonce, Arrays.copyOfRange(sealed, NONCE, sealed.length),
                parsed.header()))) {
            if (raw.length() != SECRET) {
                throw new GeneralSecurityException("Device key length [%d] not [%d]".formatted(raw.length(), SECRET));
            }
            return new HeldDeviceKey(AgeIdentity.fromX25519SecretKey(raw));
        }
    }

    /**
     * Creates a new X25519 device key sealed under a new file key that {@code wrapper} wraps.
     *
     * @param fields the header after the magic line: three {@code name: value} lines
     * @param magic the magic line
     * @param wrapper wraps the file key into stanzas
     * @return stored form and unlocked key
     * @throws IOException when wrapping fails
     * @throws GeneralSecurityException when wrapping or sealing fails
     */
    static GeneratedDeviceKey generateSealed(final String magic, final String fields, final Wrapper wrapper)
            throws IOException, GeneralSecurityException {
        final byte[] fileKey = new byte[FILE_KEY];
        final byte[] secret = new byte[SECRET];
        RANDOM.nextBytes(fileKey);
        RANDOM.nextBytes(secret);
        try (SecretBytes key = SecretBytes.wrap(fileKey); SecretBytes raw = SecretBytes.wrap(secret)) {
            final StringBuilder header = new StringBuilder(magic).append(fields);
            for (final AgeStanza stanza : wrapper.wrap(key.bytes())) {
                appendStanza(header, stanza);
            }
            final byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            final byte[] sealed = seal(key, nonce, raw.bytes(), header.toString());
            final byte[] stored = (header + "--- " + Base64.getEncoder().withoutPadding().encodeToString(sealed) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            return new GeneratedDeviceKey(stored, new HeldDeviceKey(AgeIdentity.fromX25519SecretKey(raw)));
        }
    }

    /** Wraps a file key into stanzas. */
    interface Wrapper {
        /**
         * Wraps a file key.
         *
         * @param fileKey file key (not to be kept)
         * @return stanzas
         * @throws IOException when wrapping fails
         * @throws GeneralSecurityException when wrapping fails
         */
        List<AgeStanza> wrap(byte[] fileKey) throws IOException, GeneralSecurityException;
    }

    /** Appends one stanza in age header form, refusing arguments that would break the format. */
    private static void appendStanza(final StringBuilder text, final AgeStanza stanza) throws IOException {
        if (!ARGUMENT.matcher(stanza.type()).matches()
                || !stanza.arguments().stream().allMatch(argument -> ARGUMENT.matcher(argument).matches())) {
            throw new IOException("Wrapped device key stanza is not valid");
        }
        text.append("-> ").append(stanza.type());
        stanza.arguments().forEach(argument -> text.append(' ').append(argument));
        text.append('\n');
        final String body = Base64.getEncoder().withoutPadding().encodeToString(stanza.body());
        int at = 0;
        while (body.length() - at >= 64) {
            text.append(body, at, at + 64).append('\n');
            at += 64;
        }
        text.append(body, at, body.length()).append('\n');
    }

    /** Encrypts the device key under the file key, bound to the header. */
    private static byte[] seal(final SecretBytes fileKey, final byte[] nonce, final byte[] secret, final String header)
            throws GeneralSecurityException {
        final byte[] out = cipher(Cipher.ENCRYPT_MODE, fileKey, nonce, header).doFinal(secret);
        final byte[] sealed = Arrays.copyOf(nonce, NONCE + out.length);
        System.arraycopy(out, 0, sealed, NONCE, out.length);
        return sealed;
    }

    /** Decrypts the device key. */
    private static byte[] open(final SecretBytes fileKey, final byte[] nonce, final byte[] ciphertext, final String header)
            throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, fileKey, nonce, header).doFinal(ciphertext);
    }

    /** ChaCha20-Poly1305 keyed from the file key and nonce, the header as associated data. */
    private static Cipher cipher(final int mode, final SecretBytes fileKey, final byte[] nonce, final String header)
            throws GeneralSecurityException {
        try (SecretBytes key = Hkdf.derive(nonce, fileKey, CONTEXT, 32)) {
            final Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(mode, new SecretKeySpec(key.bytes(), "ChaCha20"), new IvParameterSpec(nonce));
            cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            return cipher;
        }
    }

    /**
     * A parsed stored form.
     *
     * @param plugin first field (plugin or backend name)
     * @param identity second field (plugin identity or device id)
     * @param stanzas the wrapped file key
     * @param header the text the seal is bound to
     * @param sealed nonce and sealed device key
     */
    record Stored(String plugin, String identity, List<AgeStanza> stanzas, String header, byte[] sealed) {
        static Stored parse(final byte[] stored) throws IOException {
            final Stored parsed = parse(stored, MAGIC, "plugin: ", "identity: ");
            if (!AgePluginClient.NAME.matcher(parsed.plugin()).matches() || !IDENTITY.matcher(parsed.identity()).matches()) {
                throw new IOException("Device key file names no valid age plugin identity");
            }
            return parsed;
        }

        /**
         * Parses a stored form with a magic line and three fields, the last one {@code recipient: }.
         *
         * @param stored stored bytes
         * @param magic magic line
         * @param first prefix of the first field
         * @param second prefix of the second field
         * @return parsed form
         * @throws IOException when malformed
         */
        static Stored parse(final byte[] stored, final String magic, final String first, final String second)
                throws IOException {
            if (stored.length > MAXIMUM_STORED) {
                throw new IOException("Device key file larger than [%d] bytes".formatted(MAXIMUM_STORED));
            }
            final String text = new String(stored, StandardCharsets.US_ASCII);
            final List<String> lines = List.of(text.split("\n", -1));
            if (!text.startsWith(magic) || lines.size() < 7 || !lines.getLast().isEmpty()) {
                throw new IOException("Device key file is not a [" + magic.strip() + "]");
            }
            final String plugin = field(lines.get(1), first);
            final String identity = field(lines.get(2), second);
            field(lines.get(3), "recipient: ");
            final List<AgeStanza> stanzas = new ArrayList<>();
            int at = 4;
            while (at < lines.size() && lines.get(at).startsWith("-> ")) {
                final List<String> words = List.of(lines.get(at).substring(3).split(" ", -1));
                final StringBuilder body = new StringBuilder();
                at++;
                while (true) {
                    if (at >= lines.size()) {
                        throw new IOException("Device key file ends inside a stanza");
                    }
                    final String line = lines.get(at++);
                    body.append(line);
                    if (line.length() < 64) {
                        break;
                    }
                }
                stanzas.add(new AgeStanza(words.getFirst(), words.subList(1, words.size()), decode(body.toString())));
            }
            if (stanzas.isEmpty() || at != lines.size() - 2 || !lines.get(at).startsWith("--- ")) {
                throw new IOException("Device key file is not a [" + magic.strip() + "]");
            }
            final int headerEnd = text.lastIndexOf("\n--- ") + 1;
            final byte[] sealed = decode(lines.get(at).substring(4));
            if (sealed.length <= NONCE) {
                throw new IOException("Device key file holds no sealed key");
            }
            return new Stored(plugin, identity, List.copyOf(stanzas), text.substring(0, headerEnd), sealed);
        }

        private static String field(final String line, final String prefix) throws IOException {
            if (!line.startsWith(prefix)) {
                throw new IOException("Device key file line [" + prefix.strip() + "] missing");
            }
            return line.substring(prefix.length());
        }

        private static byte[] decode(final String text) throws IOException {
            try {
                return Base64.getDecoder().decode(text);
            } catch (final IllegalArgumentException e) {
                throw new IOException("Device key file holds malformed base64", e);
            }
        }
    }

    /**
     * Checks a plugin recipient string.
     *
     * @param recipient candidate
     * @return true when it looks like {@code age1name1...}
     */
    static boolean isRecipient(final String recipient) {
        return RECIPIENT.matcher(recipient).matches();
    }

    /**
     * Checks a plugin identity string.
     *
     * @param identity candidate
     * @return true when it looks like {@code AGE-PLUGIN-NAME-1...}
     */
    static boolean isIdentity(final String identity) {
        return IDENTITY.matcher(identity).matches();
    }
}
