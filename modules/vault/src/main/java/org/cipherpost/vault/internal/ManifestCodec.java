package org.cipherpost.vault.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.vault.ManifestAuthenticationException;
import org.cipherpost.vault.TamperedFileException;

/**
 * Reads and writes {@code vault.manifest}: UTF-8 text, LF line ends, fixed line order, the MAC last.
 *
 * <pre>
 * cipherpost-vault-manifest v1
 * vault-id: 5f0c...(32 hex)
 * generation: 0
 * revision: 1
 * rekey-below: 0
 * recovery: age1...
 * keyring: age1...          (format 2 only: header "v2"; the keyring of the generation, key files are wrapped to it)
 * device: 3a9e0c12ab77 age1... laptop
 * mac: (64 hex) HMAC-SHA256 under the generation's manifest MAC key over every byte before this line
 * </pre>
 */
final class ManifestCodec {
    /** First line of format 1 (key files wrapped to every device). */
    static final String HEADER = "cipherpost-vault-manifest v1";

    /** First line of format 2 (key files wrapped to the keyring). */
    static final String HEADER_2 = "cipherpost-vault-manifest v2";

    /** Largest manifest accepted. */
    static final int MAXIMUM_SIZE = 1 << 20;

    private static final String MAC_PREFIX = "mac: ";

    private ManifestCodec() {
    }

    /**
     * A parsed but not yet verified manifest.
     *
     * @param manifest the content
     * @param bytes the file
     * @param macOffset where the MAC line starts (the MAC covers every byte before it)
     * @param mac the MAC found
     */
    record Parsed(Manifest manifest, byte[] bytes, int macOffset, byte[] mac) {
    }

    /**
     * Writes a manifest, MAC'd under its generation.
     *
     * @param manifest manifest
     * @param secrets vault secrets holding the generation
     * @return file bytes
     */
    static byte[] encode(final Manifest manifest, final VaultSecrets secrets) {
        final StringBuilder text = new StringBuilder(256 + manifest.devices().size() * 128);
        text.append(manifest.format() == 2 ? HEADER_2 : HEADER).append('\n');
        text.append("vault-id: ").append(manifest.vaultId()).append('\n');
        text.append("generation: ").append(manifest.generation()).append('\n');
        text.append("revision: ").append(manifest.revision()).append('\n');
        text.append("rekey-below: ").append(manifest.rekeyBelow()).append('\n');
        text.append("recovery: ").append(manifest.recovery().encoded()).append('\n');
        if (manifest.keyring() != null) {
            text.append("keyring: ").append(manifest.keyring().encoded()).append('\n');
        }
        for (final DeviceRecord device : manifest.devices()) {
            text.append("device: ").append(device.id()).append(' ').append(device.recipient().encoded()).append(' ')
                    .append(device.name()).append('\n');
        }
        final byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] mac = secrets.mac(manifest.generation(), VaultSecrets.MANIFEST_MAC, body, body.length);
        final byte[] tail = (MAC_PREFIX + Hashes.hex(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    /**
     * Parses a manifest without verifying its MAC.
     *
     * @param bytes file bytes
     * @param file file name for messages
     * @return parsed manifest
     * @throws TamperedFileException when the file is not a well-formed manifest
     */
    static Parsed parse(final byte[] bytes, final String file) throws TamperedFileException {
        if (bytes.length > MAXIMUM_SIZE) {
            throw new TamperedFileException(file, "larger than [%d] bytes".formatted(MAXIMUM_SIZE));
        }
        try {
            final String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (!text.endsWith("\n")) {
                throw new IOException("does not end with a line feed");
            }
            final String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
            final boolean keyed = HEADER_2.equals(lines[0]);
            if (lines.length < (keyed ? 9 : 8) || !keyed && !HEADER.equals(lines[0])) {
                throw new IOException("not a version 1 or 2 manifest");
            }
            final String vaultId = value(lines[1], "vault-id");
            if (vaultId.length() != 32 || !vaultId.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new IOException("vault id malformed");
            }
            final int generation = Math.toIntExact(number(value(lines[2], "generation")));
            final long revision = number(value(lines[3], "revision"));
            final long rekeyBelow = number(value(lines[4], "rekey-below"));
            final AgeRecipient recovery = AgeRecipient.parse(value(lines[5], "recovery"));
            final AgeRecipient keyring = keyed ? AgeRecipient.parse(value(lines[6], "keyring")) : null;
            if (recovery.isPassphrase() || keyring != null && keyring.isPassphrase()) {
                throw new IOException("recovery and keyring must be X25519 recipients");
            }
            final List<DeviceRecord> devices = new ArrayList<>();
            for (int i = keyed ? 7 : 6; i < lines.length - 1; i++) {
                final String[] parts = value(lines[i], "device").split(" ", 3);
                if (parts.length != 3) {
                    throw new IOException("device line malformed");
                }
                devices.add(new DeviceRecord(parts[0], AgeRecipient.parse(parts[1]), parts[2]));
            }
            final String macLine = lines[lines.length - 1];
            final String macHex = value(macLine, "mac");
            if (macHex.length() != 64) {
                throw new IOException("MAC malformed");
            }
            final byte[] mac = Hashes.unhex(macHex);
            final int macOffset = bytes.length - macLine.length() - 1;
            return new Parsed(new Manifest(vaultId, generation, revision, rekeyBelow, recovery, devices, keyring),
                    bytes,
                    macOffset, mac);
        } catch (final CharacterCodingException e) {
            throw new TamperedFileException(file, "not UTF-8 text");
        } catch (final IOException | InvalidKeyException | IllegalArgumentException | ArithmeticException e) {
            throw new TamperedFileException(file, "manifest malformed (%s)".formatted(e.getMessage()));
        }
    }

    /**
     * Verifies a parsed manifest's MAC.
     *
     * @param parsed parsed manifest
     * @param secrets vault secrets
     * @throws ManifestAuthenticationException when the generation is unknown or the MAC does not match
     */
    static void verify(final Parsed parsed, final VaultSecrets secrets) throws ManifestAuthenticationException {
        final int generation = parsed.manifest().generation();
        if (!secrets.verify(generation, VaultSecrets.MANIFEST_MAC, parsed.bytes(), parsed.macOffset(), parsed.mac())) {
            throw new ManifestAuthenticationException(parsed.manifest().vaultId());
        }
    }

    /** Returns the value of a {@code key: value} line with the expected key. */
    private static String value(final String line, final String key) throws IOException {
        final String prefix = key + ": ";
        if (!line.startsWith(prefix)) {
            throw new IOException("expected [%s] line".formatted(key));
        }
        return line.substring(prefix.length());
    }

    /** Parses a non-negative decimal number without signs or leading zeros. */
    private static long number(final String text) throws IOException {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || text.length() > 1 && text.charAt(0) == '0') {
            throw new IOException("number malformed");
        }
        return Long.parseLong(text);
    }
}
