package org.cipherpost.plugin.pgp;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;

/** The acceptance-screen lines of an OpenPGP key: fingerprint, algorithm, user IDs, subkeys, secret-key warning. */
final class PgpPreview {
    /** RFC 9580 algorithm 2 (deprecated RSA encrypt-only; BouncyCastle's constant is deprecated too). */
    private static final int RSA_ENCRYPT_ONLY = 2;
    /** RFC 9580 algorithm 3 (deprecated RSA sign-only). */
    private static final int RSA_SIGN_ONLY = 3;
    /** RFC 4880 algorithm 20 (ElGamal encrypt-or-sign, reserved since RFC 9580). */
    private static final int ELGAMAL_GENERAL = 20;

    private PgpPreview() {
    }

    /**
     * Describes a key.
     *
     * @param binary checked packet stream
     * @param secret true when the primary key is a secret key
     * @return lines
     * @throws MaterialException when the key does not load
     */
    static List<PreviewLine> lines(final byte[] binary, final boolean secret) throws MaterialException {
        final List<PGPPublicKey> keys = new ArrayList<>();
        final List<PreviewLine> lines = new ArrayList<>();
        try {
            if (secret) {
                final PGPSecretKeyRing ring = new PGPSecretKeyRing(binary, new BcKeyFingerprintCalculator());
                final Iterator<PGPSecretKey> secretKeys = ring.getSecretKeys();
                boolean unprotected = false;
                while (secretKeys.hasNext()) {
                    final PGPSecretKey key = secretKeys.next();
                    keys.add(key.getPublicKey());
                    unprotected |= key.getS2KUsage() == 0 && !key.isPrivateKeyEmpty();
                }
                lines.add(PreviewLine.warning("Type", "OpenPGP SECRET key, v" + keys.get(0).getVersion()
                        + ": whoever holds it can sign and decrypt as its owner"));
                if (unprotected) {
                    lines.add(PreviewLine.warning("Protection", "none: secret key material is not passphrase-protected"));
                }
            } else {
                final PGPPublicKeyRing ring = new PGPPublicKeyRing(binary, new BcKeyFingerprintCalculator());
                ring.getPublicKeys().forEachRemaining(keys::add);
                lines.add(PreviewLine.of("Type", "OpenPGP public key, v" + keys.get(0).getVersion()));
            }
        } catch (final IOException | PGPException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed PGP key");
        }
        final PGPPublicKey primary = keys.get(0);
        lines.add(PreviewLine.of("Fingerprint", fingerprint(primary)));
        lines.add(PreviewLine.of("Algorithm", algorithm(primary)));
        lines.add(PreviewLine.of("Created", Instant.ofEpochMilli(primary.getCreationTime().getTime()).toString()));
        final Iterator<String> userIds = primary.getUserIDs();
        boolean anyUserId = false;
        while (userIds.hasNext()) {
            lines.add(PreviewLine.of("User ID", userIds.next()));
            anyUserId = true;
        }
        if (!anyUserId) {
            lines.add(PreviewLine.warning("User ID", "none"));
        }
        if (primary.hasRevocation()) {
            lines.add(PreviewLine.warning("Revoked", "the key carries a revocation signature"));
        }
        for (final PGPPublicKey subkey : keys.subList(1, keys.size())) {
            lines.add(PreviewLine.of("Subkey", algorithm(subkey) + ", " + fingerprint(subkey)));
        }
        return lines;
    }

    /** Formats a key fingerprint as gpg prints it (upper-case hex, no spaces). */
    private static String fingerprint(final PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    /** Names a key's algorithm and size, e.g. RSA 3072 bits or EdDSA (Ed25519). */
    private static String algorithm(final PGPPublicKey key) {
        final int algorithm = key.getAlgorithm();
        final String name = switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, RSA_ENCRYPT_ONLY, RSA_SIGN_ONLY -> "RSA";
            case PublicKeyAlgorithmTags.DSA -> "DSA";
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, ELGAMAL_GENERAL -> "ElGamal";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH " + curve(key);
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA " + curve(key);
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA " + curve(key);
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            default -> "algorithm " + algorithm;
        };
        final int bits = key.getBitStrength();
        return bits > 0 ? name + " " + bits + " bits" : name;
    }

    /** Names the curve of an ECC key packet, or nothing for other keys. */
    private static String curve(final PGPPublicKey key) {
        if (key.getPublicKeyPacket().getKey() instanceof ECPublicBCPGKey ec) {
            return switch (ec.getCurveOID().getId()) {
                case "1.3.6.1.4.1.11591.15.1" -> "(Ed25519)";
                case "1.3.6.1.4.1.3029.1.5.1" -> "(Curve25519)";
                case "1.2.840.10045.3.1.7" -> "(NIST P-256)";
                case "1.3.132.0.34" -> "(NIST P-384)";
                case "1.3.132.0.35" -> "(NIST P-521)";
                default -> "(curve " + ec.getCurveOID().getId() + ")";
            };
        }
        return "";
    }
}
