package org.cipherpost.plugin.ssh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/**
 * The {@code ssh-key} material type: an OpenSSH v1 private key (canonical: re-wrapped PEM, as cipherpost v1) or
 * one public key line.
 */
@Extension
public final class SshKeyType implements MaterialType {
    @Override
    public String name() {
        return "ssh-key";
    }

    @Override
    public String wireType() {
        return "ssh_key";
    }

    @Override
    public String description() {
        return "OpenSSH private key (format v1) or public key line";
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException {
        final SshKeyText.SshKey key = SshKeyText.parse(input);
        if (key.publicKey() != null) {
            return key.publicKey().canonical();
        }
        try {
            return SshKeyText.armor(key.binary());
        } finally {
            Arrays.fill(key.binary(), (byte) 0);
        }
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) throws MaterialException {
        final SshKeyText.SshKey key = SshKeyText.parse(canonical);
        final List<PreviewLine> lines = new ArrayList<>();
        if (key.publicKey() != null) {
            final PublicKeyBlob blob = key.publicKey().key();
            lines.add(PreviewLine.of("Type", "OpenSSH public key, " + blob.type()));
            lines.add(keyLine(blob, key.publicKey().comment()));
            return lines;
        }
        Arrays.fill(key.binary(), (byte) 0);
        final OpenSshPrivateKey privateKey = key.privateKey();
        lines.add(PreviewLine.warning("Type", "OpenSSH PRIVATE key, " + privateKey.publicKey().type()
                + ": whoever holds it can log in as its owner"));
        lines.add(keyLine(privateKey.publicKey(), privateKey.comment()));
        if (privateKey.encrypted()) {
            lines.add(PreviewLine.of("Protection", "passphrase (" + privateKey.cipher() + ", " + privateKey.kdf() + ")"));
        } else {
            lines.add(PreviewLine.warning("Protection", "none: the key is not passphrase-protected"));
        }
        return lines;
    }

    /** The ssh-keygen -l line, as a warning when the key is deprecated. */
    private static PreviewLine keyLine(final PublicKeyBlob blob, final String comment) {
        return new PreviewLine("Key", blob.keygenLine(comment), blob.deprecated());
    }
}
