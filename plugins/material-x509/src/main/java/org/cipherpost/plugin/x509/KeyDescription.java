package org.cipherpost.plugin.x509;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Names a certificate's public key algorithm and size, e.g. {@code RSA 2048 bits} or {@code EC P-256}. */
final class KeyDescription {
    private KeyDescription() {
    }

    /**
     * Describes a subject public key.
     *
     * @param info subject public key info
     * @return description
     */
    static String of(final SubjectPublicKeyInfo info) {
        final ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
                final RSAPublicKey key = RSAPublicKey.getInstance(info.parsePublicKey());
                return "RSA " + key.getModulus().bitLength() + " bits";
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
                final ASN1Primitive parameters = info.getAlgorithm().getParameters().toASN1Primitive();
                if (parameters instanceof ASN1ObjectIdentifier curve) {
                    final String name = ECNamedCurveTable.getName(curve);
                    final X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
                    return "EC " + (name != null ? name : curve.getId())
                            + (x9 != null ? " (" + x9.getCurve().getFieldSize() + " bits)" : "");
                }
                return "EC (explicit curve parameters)";
            }
            if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
                return "Ed25519 (256 bits)";
            }
            if (EdECObjectIdentifiers.id_Ed448.equals(algorithm)) {
                return "Ed448 (456 bits)";
            }
            if (EdECObjectIdentifiers.id_X25519.equals(algorithm)) {
                return "X25519 (256 bits)";
            }
            if (EdECObjectIdentifiers.id_X448.equals(algorithm)) {
                return "X448 (448 bits)";
            }
            if (X9ObjectIdentifiers.id_dsa.equals(algorithm)) {
                final DSAParameter parameters = DSAParameter.getInstance(info.getAlgorithm().getParameters());
                return "DSA " + (parameters != null ? parameters.getP().bitLength() + " bits" : "")
                        + (info.parsePublicKey() instanceof ASN1Integer ? "" : " (unusual key encoding)");
            }
        } catch (final IOException | RuntimeException e) {
            return "unreadable key (" + algorithm.getId() + ")";
        }
        return "algorithm " + algorithm.getId();
    }
}
