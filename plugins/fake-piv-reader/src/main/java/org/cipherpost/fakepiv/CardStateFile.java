package org.cipherpost.fakepiv;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A card's state as a properties file, written 0600 through a temp file and an atomic rename:
 *
 * <pre>
 * serial=12345678
 * pin-sha256=&lt;hex of SHA-256 of the 0xff-padded PIN&gt;
 * retries=3
 * agreements=0
 * slot.82.policies=&lt;pin policy&gt;,&lt;touch policy&gt;
 * slot.82.public=&lt;base64 X.509 SubjectPublicKeyInfo&gt;
 * slot.82.private=&lt;base64 PKCS#8&gt;
 * </pre>
 *
 * <p>The private keys are in the file: it is a fake for tests, never a place for real keys.
 */
final class CardStateFile {
    private static final Pattern SLOT = Pattern.compile("slot\\.([0-9a-f]{2})\\.policies");

    private CardStateFile() {
    }

    /**
     * Writes a card's state, replacing the file atomically.
     *
     * @param file state file
     * @param card card
     * @throws IOException when it cannot be written
     */
    static void write(final Path file, final FakePivCard card) throws IOException {
        Objects.requireNonNull(card, "Card required");
        final Map<String, String> lines = new TreeMap<>();
        lines.put("serial", Long.toString(card.serial()));
        lines.put("pin-sha256", HexFormat.of().formatHex(card.pinDigest()));
        lines.put("retries", Integer.toString(card.retries()));
        lines.put("agreements", Integer.toString(card.agreements()));
        card.keys().forEach((slot, key) -> {
            final String prefix = "slot." + HexFormat.of().toHexDigits(slot.byteValue()) + ".";
            lines.put(prefix + "policies", key.pinPolicy() + "," + key.touchPolicy());
            lines.put(prefix + "public", Base64.getEncoder().encodeToString(key.pair().getPublic().getEncoded()));
            lines.put(prefix + "private", Base64.getEncoder().encodeToString(key.pair().getPrivate().getEncoded()));
        });
        final StringBuilder text = new StringBuilder("# Cipherpost fake PIV card (tests only)\n");
        lines.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        final Path directory = file.toAbsolutePath().getParent();
        final Path temp = Files.createTempFile(directory, ".card-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                final ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a card's state.
     *
     * @param file state file
     * @return the card, in a new session
     * @throws IOException when missing or malformed
     */
    static FakePivCard read(final Path file) throws IOException {
        final Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        try {
            final Map<Integer, SlotKey> keys = new HashMap<>();
            final KeyFactory factory = KeyFactory.getInstance("EC");
            for (final String name : properties.stringPropertyNames()) {
                final Matcher slot = SLOT.matcher(name);
                if (!slot.matches()) {
                    continue;
                }
                final String prefix = "slot." + slot.group(1) + ".";
                final String[] policies = required(properties, name).split(",", -1);
                final KeyPair pair = new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(
                                Base64.getDecoder().decode(required(properties, prefix + "public")))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(
                                Base64.getDecoder().decode(required(properties, prefix + "private")))));
                keys.put(HexFormat.fromHexDigits(slot.group(1)),
                        new SlotKey(pair, Byte.parseByte(policies[0]), Byte.parseByte(policies[1])));
            }
            return new FakePivCard(Long.parseLong(required(properties, "serial")),
                    HexFormat.of().parseHex(required(properties, "pin-sha256")),
                    Integer.parseInt(required(properties, "retries")),
                    Integer.parseInt(required(properties, "agreements")), keys);
        } catch (final GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("Fake card state [" + file + "] malformed", e);
        }
    }

    /** Returns a property or fails naming it. */
    private static String required(final Properties properties, final String name) throws IOException {
        final String value = properties.getProperty(name);
        if (value == null) {
            throw new IOException("Fake card state lacks [" + name + "]");
        }
        return value;
    }
}
