package org.cipherpost.plugin.ssh;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.cipherpost.api.MaterialException;

/**
 * An SSH public key blob (RFC 4253 section 6.6 and its extensions): type, size and fingerprint as
 * {@code ssh-keygen -l} prints them.
 *
 * @param type key type, e.g. {@code ssh-ed25519}
 * @param bits key size as ssh-keygen reports it
 * @param blob the encoded blob
 */
record PublicKeyBlob(String type, int bits, byte[] blob) {
    /**
     * Parses a public key blob, strictly (no trailing bytes).
     *
     * @param blob encoded public key
     * @return parsed key
     * @throws MaterialException when the blob is malformed or of a type not known
     */
    static PublicKeyBlob parse(final byte[] blob) throws MaterialException {
        final SshReader reader = new SshReader(blob);
        final String type = reader.name();
        final int bits;
        switch (type) {
            case "ssh-ed25519" -> {
                bits = ed25519(reader.string());
            }
            case "sk-ssh-ed25519@openssh.com" -> {
                bits = ed25519(reader.string());
                reader.skipString();
            }
            case "ssh-rsa" -> {
                reader.mpint();
                bits = positive(reader.mpint()).bitLength();
            }
            case "ssh-dss" -> {
                bits = positive(reader.mpint()).bitLength();
                reader.mpint();
                reader.mpint();
                reader.mpint();
            }
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                bits = curve(type, reader.name());
                reader.skipString();
            }
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> {
                bits = curve("ecdsa-sha2-nistp256", reader.name());
                reader.skipString();
                reader.skipString();
            }
            default -> throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "SSH key type [" + type + "] not supported");
        }
        if (reader.remaining() != 0) {
            throw SshReader.malformed();
        }
        return new PublicKeyBlob(type, bits, blob.clone());
    }

    /**
     * Returns the SHA-256 fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded Base64.
     *
     * @return fingerprint
     */
    String fingerprint() {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /**
     * Returns the key family as ssh-keygen prints it in parentheses, e.g. {@code ED25519} or {@code ECDSA-SK}.
     *
     * @return family label
     */
    String family() {
        return switch (type) {
            case "ssh-ed25519" -> "ED25519";
            case "sk-ssh-ed25519@openssh.com" -> "ED25519-SK";
            case "ssh-rsa" -> "RSA";
            case "ssh-dss" -> "DSA";
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> "ECDSA-SK";
            default -> "ECDSA";
        };
    }

    /**
     * Tells whether OpenSSH deprecates the key: DSA of any size, RSA below 2048 bits.
     *
     * @return true when deprecated
     */
    boolean deprecated() {
        return "ssh-dss".equals(type) || ("ssh-rsa".equals(type) && bits < 2048);
    }

    /**
     * Returns the line {@code ssh-keygen -l} prints, with {@code [DEPRECATED]} appended when deprecated.
     *
     * <p>Like ssh-keygen, a key without any comment field prints {@code no comment}, an empty comment prints nothing.
     *
     * @param comment key comment, or null when the key has no comment field (or it is encrypted)
     * @return line such as {@code 256 SHA256:... user@host (ED25519)}
     */
    String keygenLine(final String comment) {
        return bits + " " + fingerprint() + " " + (comment == null ? "no comment" : comment) + " (" + family() + ")"
                + (deprecated() ? " [DEPRECATED]" : "");
    }

    /**
     * Returns the blob in {@code authorized_keys} Base64.
     *
     * @return Base64 text
     */
    String base64() {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** Checks an Ed25519 public key length and returns its size in bits. */
    private static int ed25519(final byte[] key) throws MaterialException {
        if (key.length != 32) {
            throw SshReader.malformed();
        }
        return 256;
    }

    /** Checks that a key parameter is positive. */
    private static BigInteger positive(final BigInteger value) throws MaterialException {
        if (value.signum() <= 0) {
            throw SshReader.malformed();
        }
        return value;
    }

    /** Checks that the curve name matches the key type and returns the curve size in bits. */
    private static int curve(final String type, final String curve) throws MaterialException {
        final String expected = type.substring("ecdsa-sha2-".length());
        if (!expected.equals(curve)) {
            throw SshReader.malformed();
        }
        return switch (curve) {
            case "nistp256" -> 256;
            case "nistp384" -> 384;
            default -> 521;
        };
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PublicKeyBlob key && java.util.Arrays.equals(blob, key.blob);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return "PublicKeyBlob[" + type + ", " + bits + " bits]";
    }
}
