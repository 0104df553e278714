package org.cipherpost.plugin.ssh;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.cipherpost.api.MaterialException;

/**
 * Recognises the text forms of SSH keys and gives their canonical bytes.
 *
 * <p>Private keys: OpenSSH v1 PEM, canonical = the same binary body re-wrapped at 70 columns with LF line ends
 * (what {@code ssh-keygen} writes). Public keys: one {@code type base64 [comment]} line, canonical = that line with
 * single spaces and one LF. Other formats get a hint naming the {@code ssh-keygen} command that converts them.
 */
final class SshKeyText {
    /** First line of an OpenSSH v1 private key. */
    static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    /** Last line of an OpenSSH v1 private key. */
    static final String END = "-----END OPENSSH PRIVATE KEY-----";

    private static final int LINE = 70;
    private static final List<String> LEGACY_PRIVATE = List.of("-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN DSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----");

    private SshKeyText() {
    }

    /**
     * Decodes input text; private key bodies are returned as binary, public keys as their blob.
     *
     * @param input input bytes
     * @return parsed key
     * @throws MaterialException with a curated reason or a conversion hint
     */
    static SshKey parse(final byte[] input) throws MaterialException {
        final String text = ascii(input).strip();
        for (final String legacy : LEGACY_PRIVATE) {
            if (text.startsWith(legacy)) {
                throw new MaterialException(MaterialException.Reason.UNSUPPORTED_FORMAT,
                        "legacy PEM private key: convert it to the OpenSSH format first with"
                                + " 'ssh-keygen -p -o -f <keyfile>' (rewrites the file in place), then send it again");
            }
        }
        if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
            throw new MaterialException(MaterialException.Reason.UNSUPPORTED_FORMAT,
                    "RFC 4716 public key: convert it with 'ssh-keygen -i -f <keyfile>', then send the output");
        }
        if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            throw new MaterialException(MaterialException.Reason.UNSUPPORTED_FORMAT,
                    "PKCS#8 public key: convert it with 'ssh-keygen -i -m PKCS8 -f <keyfile>', then send the output");
        }
        if (text.startsWith(BEGIN)) {
            return privateKey(text);
        }
        if (text.startsWith("-----BEGIN ")) {
            throw new MaterialException(MaterialException.Reason.UNSUPPORTED_FORMAT,
                    "not an OpenSSH key; private keys must be in the OpenSSH format ('ssh-keygen -p -o -f <keyfile>'"
                            + " converts one)");
        }
        return publicKey(text);
    }

    /** Decodes an OpenSSH v1 PEM block (already stripped of surrounding whitespace). */
    private static SshKey privateKey(final String text) throws MaterialException {
        final int end = text.indexOf(END);
        if (end < 0) {
            throw SshReader.malformed();
        }
        if (end + END.length() != text.length()) {
            throw new MaterialException(MaterialException.Reason.TRAILING_DATA, "trailing bytes after OpenSSH v1 blob");
        }
        final StringBuilder base64 = new StringBuilder(text.length());
        for (int i = BEGIN.length(); i < end; i++) {
            final char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                base64.append(c);
            }
        }
        final byte[] binary;
        try {
            binary = Base64.getDecoder().decode(base64.toString());
        } catch (final IllegalArgumentException e) {
            throw SshReader.malformed();
        }
        return new SshKey(OpenSshPrivateKey.parse(binary), null, binary);
    }

    /** Decodes one authorized_keys-style line without options. */
    private static SshKey publicKey(final String text) throws MaterialException {
        if (text.isEmpty()) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "no SSH key in the input");
        }
        if (text.indexOf('\n') >= 0) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "more than one line: send one public key at a time");
        }
        final String[] fields = text.split("[ \t]+", 3);
        if (fields.length < 2) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not an OpenSSH key");
        }
        final byte[] blob;
        try {
            blob = Base64.getDecoder().decode(fields[1]);
        } catch (final IllegalArgumentException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not an OpenSSH key");
        }
        final PublicKeyBlob key;
        try {
            key = PublicKeyBlob.parse(blob);
        } catch (final MaterialException e) {
            if (e.reason() == MaterialException.Reason.NOT_SUPPORTED) {
                throw e;
            }
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not an OpenSSH key");
        }
        if (!key.type().equals(fields[0])) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "key type [" + fields[0] + "] does not match the key (authorized_keys options are not accepted)");
        }
        final String comment = fields.length == 3 ? fields[2].strip() : null;
        return new SshKey(null, new PublicKeyLine(key, comment), null);
    }

    /**
     * Wraps an OpenSSH v1 binary body as ssh-keygen does: 70-column Base64, LF line ends, final LF.
     *
     * @param binary binary body
     * @return PEM text bytes
     */
    static byte[] armor(final byte[] binary) {
        final String base64 = Base64.getEncoder().encodeToString(binary);
        final StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE + 80);
        out.append(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        out.append(END).append('\n');
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Decodes the input as UTF-8 text, refusing binary input. */
    private static String ascii(final byte[] input) throws MaterialException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (final CharacterCodingException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "not an OpenSSH key (binary input; expected key text)");
        }
    }

    /**
     * A parsed key: exactly one of the two halves is set.
     *
     * @param privateKey private key description, or null
     * @param publicKey public key line, or null
     * @param binary private key binary body, or null
     */
    record SshKey(OpenSshPrivateKey privateKey, PublicKeyLine publicKey, byte[] binary) {
    }

    /**
     * A public key line.
     *
     * @param key the key
     * @param comment the comment, or null when the line has none
     */
    record PublicKeyLine(PublicKeyBlob key, String comment) {
        /**
         * Returns the canonical line.
         *
         * @return {@code type base64[ comment]\n}
         */
        byte[] canonical() {
            return (key.type() + " " + key.base64() + (comment == null ? "" : " " + comment) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
