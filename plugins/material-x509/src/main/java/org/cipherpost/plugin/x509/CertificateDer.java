package org.cipherpost.plugin.x509;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.cipherpost.api.MaterialException;

/** Strict DER parsing of one certificate: definite lengths, DER encoding, no trailing bytes. */
final class CertificateDer {
    /** Largest certificate accepted. */
    static final int MAX_BYTES = 65536;

    private CertificateDer() {
    }

    /**
     * Parses one DER certificate.
     *
     * @param der bytes
     * @return certificate structure
     * @throws MaterialException with a curated reason when the bytes are not exactly one DER certificate
     */
    static Certificate parse(final byte[] der) throws MaterialException {
        if (der.length == 0 || der.length > MAX_BYTES) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed DER");
        }
        if ((der[0] & 0xff) != 0x30) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "not a certificate (expected DER or PEM)");
        }
        if (der.length > 1 && (der[1] & 0xff) == 0x80) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "indefinite-length BER is not accepted; supply DER");
        }
        final ASN1Primitive primitive;
        try (ASN1InputStream in = new ASN1InputStream(der, true)) {
            primitive = in.readObject();
            if (primitive == null) {
                throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed DER");
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw new MaterialException(MaterialException.Reason.TRAILING_DATA,
                        "trailing bytes after certificate");
            }
        } catch (final IOException | RuntimeException e) {
            if (e instanceof MaterialException material) {
                throw material;
            }
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed DER");
        }
        final Certificate certificate;
        final byte[] reencoded;
        try {
            certificate = Certificate.getInstance(primitive);
            reencoded = certificate.getEncoded(ASN1Encoding.DER);
        } catch (final IOException | RuntimeException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not an X.509 certificate");
        }
        if (!Arrays.equals(reencoded, der)) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "certificate is not DER-encoded (BER or non-canonical encoding)");
        }
        return certificate;
    }
}
