package org.cipherpost.plugin.x509;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cipherpost.api.MaterialException;

/** PEM ({@code CERTIFICATE} label, RFC 7468) to DER and back; explanatory text before the block is ignored. */
final class CertificatePem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String END_CERTIFICATE = "-----END CERTIFICATE-----";
    private static final int LINE = 64;

    private CertificatePem() {
    }

    /**
     * Tells whether the input holds a PEM block (any label).
     *
     * @param input input bytes
     * @return true for PEM
     */
    static boolean isPem(final byte[] input) {
        return indexOf(input, BEGIN.getBytes(StandardCharsets.US_ASCII)) >= 0;
    }

    /**
     * Decodes the single CERTIFICATE block.
     *
     * @param input PEM text
     * @return DER bytes
     * @throws MaterialException when the label, the Base64 or the surrounding text is wrong
     */
    static byte[] decode(final byte[] input) throws MaterialException {
        final String text = new String(input, StandardCharsets.US_ASCII);
        final int begin = text.indexOf(BEGIN);
        if (!text.startsWith(BEGIN_CERTIFICATE, begin)) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "PEM label is not CERTIFICATE");
        }
        final int bodyStart = begin + BEGIN_CERTIFICATE.length();
        final int end = text.indexOf(END_CERTIFICATE, bodyStart);
        if (end < 0) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "PEM block has no END CERTIFICATE line");
        }
        final String after = text.substring(end + END_CERTIFICATE.length());
        if (after.contains(BEGIN)) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "more than one certificate; send them one at a time");
        }
        if (!after.isBlank()) {
            throw new MaterialException(MaterialException.Reason.TRAILING_DATA, "trailing text after certificate");
        }
        final StringBuilder base64 = new StringBuilder(end - bodyStart);
        for (int i = bodyStart; i < end; i++) {
            final char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                continue;
            }
            base64.append(c);
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (final IllegalArgumentException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "PEM body decode failed");
        }
    }

    /**
     * Encodes DER as a PEM CERTIFICATE block with 64-character lines and LF line ends.
     *
     * @param der DER bytes
     * @return PEM text bytes
     */
    static byte[] encode(final byte[] der) {
        final byte[] base64 = Base64.getEncoder().encode(der);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length + base64.length / LINE + 64);
        out.writeBytes((BEGIN_CERTIFICATE + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < base64.length; i += LINE) {
            out.write(base64, i, Math.min(LINE, base64.length - i));
            out.write('\n');
        }
        out.writeBytes((END_CERTIFICATE + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Finds a byte sequence, or -1. */
    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
