package org.cipherpost.plugin.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.cipherpost.api.MaterialException;

/**
 * The binary body of an OpenSSH private key, format v1 (OpenSSH PROTOCOL.key), checked strictly.
 *
 * <pre>
 * "openssh-key-v1\0" string ciphername, string kdfname, string kdfoptions, uint32 N (= 1 here),
 * string publickey, string private-section [AEAD tag for *-gcm / chacha20-poly1305]
 * private-section (ciphername "none") = uint32 check, uint32 check, string keytype, key fields,
 *                                       string comment, padding 1 2 3 ... up to the block size 8
 * </pre>
 *
 * @param publicKey the public half (from the unencrypted header)
 * @param cipher cipher name, {@code none} when not passphrase-protected
 * @param kdf KDF name and rounds, e.g. {@code bcrypt, 16 rounds}, or {@code none}
 * @param comment the comment, or null when encrypted (it lives inside the encrypted section)
 */
record OpenSshPrivateKey(PublicKeyBlob publicKey, String cipher, String kdf, String comment) {
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> AEAD_CIPHERS = Set.of("aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");
    private static final Set<String> CIPHERS = Set.of("none", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc",
            "aes192-cbc", "aes256-cbc", "3des-cbc", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");
    private static final int AEAD_TAG = 16;

    /**
     * Parses the binary body.
     *
     * @param binary decoded Base64 body
     * @return key description (no private material is kept)
     * @throws MaterialException when the structure is malformed or holds more than one key
     */
    static OpenSshPrivateKey parse(final byte[] binary) throws MaterialException {
        if (binary.length < MAGIC.length || !Arrays.equals(binary, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw SshReader.malformed();
        }
        final SshReader reader = new SshReader(Arrays.copyOfRange(binary, MAGIC.length, binary.length));
        final String cipher = reader.name();
        final String kdfName = reader.name();
        final SshReader kdfOptions = reader.nested();
        if (!CIPHERS.contains(cipher)) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "OpenSSH cipher [" + cipher + "] not supported");
        }
        final String kdf;
        if ("none".equals(cipher)) {
            if (!"none".equals(kdfName) || kdfOptions.remaining() != 0) {
                throw SshReader.malformed();
            }
            kdf = "none";
        } else {
            if (!"bcrypt".equals(kdfName)) {
                throw SshReader.malformed();
            }
            kdfOptions.skipString();
            final long rounds = kdfOptions.uint32();
            if (kdfOptions.remaining() != 0) {
                throw SshReader.malformed();
            }
            kdf = "bcrypt, " + rounds + " rounds";
        }
        final long count = reader.uint32();
        if (count != 1) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "file holds " + count + " keys; send one key at a time");
        }
        final byte[] publicBlob = reader.string();
        final PublicKeyBlob publicKey = PublicKeyBlob.parse(publicBlob);
        final byte[] section = reader.string();
        try {
            final int trailer = AEAD_CIPHERS.contains(cipher) ? AEAD_TAG : 0;
            if (reader.remaining() != trailer) {
                throw new MaterialException(MaterialException.Reason.TRAILING_DATA,
                        "trailing bytes after OpenSSH v1 blob");
            }
            final String comment;
            if ("none".equals(cipher)) {
                comment = PrivateSection.check(section, publicKey);
            } else {
                final int block = cipher.startsWith("3des") ? 8 : cipher.startsWith("chacha") ? 8 : 16;
                if (section.length == 0 || section.length % block != 0) {
                    throw SshReader.malformed();
                }
                comment = null;
            }
            return new OpenSshPrivateKey(publicKey, cipher, kdf, comment);
        } finally {
            Arrays.fill(section, (byte) 0);
        }
    }

    /**
     * Tells whether the private half is passphrase-protected.
     *
     * @return true when encrypted
     */
    boolean encrypted() {
        return !"none".equals(cipher);
    }
}
