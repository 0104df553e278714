package org.cipherpost.plugin.x509;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.cipherpost.api.PreviewLine;

/** The acceptance-screen lines of a certificate: names, serial, validity, key, signature, fingerprint. */
final class CertificatePreview {
    private final Instant now;

    /** Creates the preview for a given "now" (expiry flag). */
    CertificatePreview(final Instant now) {
        this.now = now;
    }

    /**
     * Describes a certificate.
     *
     * @param certificate parsed certificate
     * @param der its DER bytes
     * @return lines
     */
    List<PreviewLine> lines(final Certificate certificate, final byte[] der) {
        final List<PreviewLine> lines = new ArrayList<>();
        lines.add(PreviewLine.of("Type", "X.509 certificate, version " + certificate.getVersionNumber()));
        lines.add(PreviewLine.of("Subject", certificate.getSubject().toString()));
        lines.add(PreviewLine.of("Issuer", certificate.getIssuer().toString()
                + (certificate.getIssuer().equals(certificate.getSubject()) ? " (self-signed)" : "")));
        lines.add(PreviewLine.of("Serial", serial(certificate.getSerialNumber().getValue())));
        final Instant notBefore = certificate.getStartDate().getDate().toInstant();
        final Instant notAfter = certificate.getEndDate().getDate().toInstant();
        lines.add(PreviewLine.of("Not Before", notBefore.toString()));
        if (now.isAfter(notAfter)) {
            lines.add(PreviewLine.warning("Not After", notAfter + "  [EXPIRED "
                    + days(Duration.between(notAfter, now)) + " ago]"));
        } else if (now.isBefore(notBefore)) {
            lines.add(PreviewLine.warning("Not After", notAfter + "  [NOT YET VALID]"));
        } else {
            lines.add(PreviewLine.of("Not After", notAfter + "  (" + days(Duration.between(now, notAfter))
                    + " left)"));
        }
        lines.add(PreviewLine.of("Key", KeyDescription.of(certificate.getSubjectPublicKeyInfo())));
        lines.add(PreviewLine.of("Signature", new DefaultAlgorithmNameFinder()
                .getAlgorithmName(certificate.getSignatureAlgorithm())));
        final Extensions extensions = certificate.getTBSCertificate().getExtensions();
        if (extensions != null) {
            final BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
            if (constraints != null && constraints.isCA()) {
                lines.add(PreviewLine.of("CA", "yes" + (constraints.getPathLenConstraint() != null
                        ? " (path length " + constraints.getPathLenConstraint() + ")" : "")
                        + (extensions.getExtension(Extension.basicConstraints).isCritical() ? "" : ", not critical")));
            }
        }
        lines.add(PreviewLine.of("SHA-256", sha256(der)));
        return lines;
    }

    /** Formats a serial as openssl -text does: decimal and hex when small, colon hex when large. */
    private static String serial(final BigInteger serial) {
        if (serial.signum() >= 0 && serial.bitLength() < 64) {
            return serial + " (0x" + serial.toString(16) + ")";
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(serial.toByteArray());
    }

    /** Formats the SHA-256 of the DER as openssl -fingerprint prints it. */
    private static String sha256(final byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    /** Writes a whole number of days, singular for one. */
    private static String days(final Duration duration) {
        final long days = duration.toDays();
        return days + (days == 1 ? " day" : " days");
    }
}
