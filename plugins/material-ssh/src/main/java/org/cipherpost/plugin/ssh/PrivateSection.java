package org.cipherpost.plugin.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.cipherpost.api.MaterialException;

/** Checks an unencrypted private section: check integers, the key matching the public half, comment, padding. */
final class PrivateSection {
    private static final int BLOCK = 8;

    private PrivateSection() {
    }

    /**
     * Checks the section and returns the comment; no private field is kept.
     *
     * @param section decrypted (here: plain) private section
     * @param publicKey the public half from the header
     * @return the comment
     * @throws MaterialException when anything does not match the format
     */
    static String check(final byte[] section, final PublicKeyBlob publicKey) throws MaterialException {
        if (section.length % BLOCK != 0) {
            throw SshReader.malformed();
        }
        final SshReader reader = new SshReader(section);
        if (reader.uint32() != reader.uint32()) {
            throw SshReader.malformed();
        }
        final String type = reader.name();
        if (!type.equals(publicKey.type())) {
            throw SshReader.malformed();
        }
        final byte[] rebuilt = publicBlob(type, reader);
        if (!MessageDigest.isEqual(rebuilt, publicKey.blob())) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "private and public halves of the key do not match");
        }
        final byte[] comment = reader.string();
        final int padding = reader.remaining();
        if (padding >= BLOCK) {
            throw SshReader.malformed();
        }
        for (int i = 1; i <= padding; i++) {
            if (reader.uint8() != i) {
                throw SshReader.malformed();
            }
        }
        return new String(comment, StandardCharsets.UTF_8);
    }

    /** Reads the type's private fields and rebuilds the public blob from the public ones among them. */
    private static byte[] publicBlob(final String type, final SshReader reader) throws MaterialException {
        final SshWriter out = new SshWriter().string(type);
        switch (type) {
            case "ssh-ed25519" -> {
                out.string(reader.string());
                reader.skipString();
            }
            case "ssh-rsa" -> {
                final byte[] n = reader.string();
                out.string(reader.string()).string(n);
                reader.skipString();
                reader.skipString();
                reader.skipString();
                reader.skipString();
            }
            case "ssh-dss" -> {
                out.string(reader.string()).string(reader.string()).string(reader.string()).string(reader.string());
                reader.skipString();
            }
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
                out.string(reader.string()).string(reader.string());
                reader.skipString();
            }
            case "sk-ssh-ed25519@openssh.com" -> {
                out.string(reader.string()).string(reader.string());
                reader.uint8();
                reader.skipString();
                reader.skipString();
            }
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> {
                out.string(reader.string()).string(reader.string()).string(reader.string());
                reader.uint8();
                reader.skipString();
                reader.skipString();
            }
            default -> throw SshReader.malformed();
        }
        return out.toByteArray();
    }
}
