package org.cipherpost.wire;

import java.io.IOException;
import java.util.Objects;

/** The {@code type} tag of an envelope's material, as written on the wire (SPEC section 3.2). */
public enum MaterialKind {
    /** Arbitrary bytes ({@code generic_secret}, cipherpost v1.0). */
    GENERIC_SECRET("generic_secret"),
    /** Canonical DER certificate ({@code x509_cert}, v1.1). */
    X509_CERT("x509_cert"),
    /** Binary OpenPGP packet stream ({@code pgp_key}, v1.1). */
    PGP_KEY("pgp_key"),
    /** Canonical OpenSSH v1 private key PEM text ({@code ssh_key}, v1.1). */
    SSH_KEY("ssh_key"),
    /**
     * The manifest of a large payload in a blob store ({@code send-large}): the material bytes are the bencoded
     * {@code BlobManifest} (SHA-256, size and locator of the age-sealed blob), so the locator stays encrypted.
     */
    BLOB_MANIFEST("blob_manifest");

    private final String wireName;

    MaterialKind(final String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the wire tag.
     *
     * @return tag such as {@code x509_cert}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the kind of a wire tag.
     *
     * @param wireName tag as read
     * @return kind
     * @throws IOException when the tag is not known
     */
    public static MaterialKind fromWireName(final String wireName) throws IOException {
        Objects.requireNonNull(wireName, "Material type required");
        for (final MaterialKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IOException("Material type not known");
    }
}
