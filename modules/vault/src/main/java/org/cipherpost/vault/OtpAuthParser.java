package org.cipherpost.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.cipherpost.crypto.SecretBytes;

/**
 * Reads {@code otpauth://totp/LABEL?PARAMETERS} without putting the URI or the secret in a String.
 *
 * <pre>
 * uri        = "otpauth://" type ["/" label] ["?" parameter *("&amp;" parameter)] ["#" ignored]
 * type       = "totp" (either case); "hotp" is refused with its own message
 * label      = percent-encoded [issuer ":"] account
 * parameter  = name ["=" value]   secret (required, Base32), algorithm, digits, period, issuer; others ignored
 * </pre>
 *
 * Messages name parameters but never repeat a value from the URI.
 */
final class OtpAuthParser {
    private static final byte[] SCHEME = "otpauth://".getBytes(StandardCharsets.US_ASCII);
    private static final int MAXIMUM_PERIOD = 86_400;

    private final byte[] uri;
    private final Set<String> seen = new HashSet<>();
    private SecretBytes secret;
    private TotpAlgorithm algorithm = TotpAlgorithm.SHA1;
    private int digits = OtpAuth.DEFAULT_DIGITS;
    private int period = OtpAuth.DEFAULT_PERIOD;
    private String issuer = "";

    private OtpAuthParser(final byte[] uri) {
        this.uri = uri;
    }

    /**
     * Parses a URI.
     *
     * @param uri URI bytes; read only
     * @return parsed URI
     * @throws IOException when the URI is not a valid TOTP URI
     */
    static OtpAuth parse(final byte[] uri) throws IOException {
        final OtpAuthParser parser = new OtpAuthParser(uri);
        try {
            return parser.parseUri();
        } catch (final IOException | RuntimeException e) {
            if (parser.secret != null) {
                parser.secret.close();
            }
            throw e;
        }
    }

    /** Reads scheme, type, label and parameters of the whole URI. */
    private OtpAuth parseUri() throws IOException {
        int from = 0;
        int to = uri.length;
        while (from < to && isWhitespace(uri[from])) {
            from++;
        }
        while (to > from && isWhitespace(uri[to - 1])) {
            to--;
        }
        if (!startsWithIgnoringCase(from, to, SCHEME)) {
            throw new IOException("URI scheme not [otpauth://]");
        }
        final int typeStart = from + SCHEME.length;
        final int typeEnd = indexOfAny(typeStart, to, "/?#");
        final String type = ascii(typeStart, typeEnd).toLowerCase(Locale.ROOT);
        if (type.equals("hotp")) {
            throw new IOException("Counter-based codes [hotp] not supported: only time-based codes [totp]");
        }
        if (!type.equals("totp")) {
            throw new IOException("OTP type not supported: expected [totp]");
        }
        final int fragment = indexOfAny(typeEnd, to, "#");
        final int queryStart = indexOfAny(typeEnd, fragment, "?");
        final String label = typeEnd < fragment && uri[typeEnd] == '/'
                ? text(typeEnd + 1, queryStart, false) : "";
        if (queryStart < fragment) {
            parameters(queryStart + 1, fragment);
        }
        if (secret == null) {
            throw new IOException("Parameter [secret] missing");
        }
        final int colon = label.indexOf(':');
        final String labelIssuer = colon < 0 ? "" : label.substring(0, colon);
        final String account = (colon < 0 ? label : label.substring(colon + 1)).stripLeading();
        return new OtpAuth(secret, algorithm, digits, period, issuer.isEmpty() ? labelIssuer : issuer, account);
    }

    /** Reads the {@code name=value} parameters of the query range. */
    private void parameters(final int from, final int to) throws IOException {
        int start = from;
        while (start <= to) {
            final int end = indexOfAny(start, to, "&");
            final int equals = indexOfAny(start, end, "=");
            final int valueStart = Math.min(equals + 1, end);
            final String name = text(start, equals, true).toLowerCase(Locale.ROOT);
            switch (name) {
                case "secret" -> {
                    once(name);
                    secret = secret(valueStart, end);
                }
                case "algorithm" -> {
                    once(name);
                    algorithm = TotpAlgorithm.fromParameter(text(valueStart, end, true)).orElseThrow(() ->
                            new IOException("Parameter [algorithm] not supported: expected [SHA1, SHA256, SHA512]"));
                }
                case "digits" -> {
                    once(name);
                    digits = number(name, valueStart, end, 6, 8);
                }
                case "period" -> {
                    once(name);
                    period = number(name, valueStart, end, 1, MAXIMUM_PERIOD);
                }
                case "issuer" -> {
                    once(name);
                    issuer = text(valueStart, end, true).strip();
                }
                default -> {
                    // other parameters (image, counter, lock, ...) do not change a TOTP code
                }
            }
            start = end + 1;
        }
    }

    /** Refuses a known parameter given twice. */
    private void once(final String name) throws IOException {
        if (!seen.add(name)) {
            throw new IOException("Parameter [%s] repeated".formatted(name));
        }
    }

    /** Decodes the secret parameter, wiping the percent-decoded copy. */
    private SecretBytes secret(final int from, final int to) throws IOException {
        final byte[] encoded = percentDecode(from, to, true);
        try {
            final byte[] decoded = Base32.decode(encoded, 0, encoded.length);
            if (decoded.length == 0) {
                throw new IOException("Parameter [secret] empty");
            }
            return SecretBytes.wrap(decoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Reads a decimal parameter within a range. */
    private int number(final String name, final int from, final int to, final int minimum, final int maximum)
            throws IOException {
        final String value = text(from, to, true);
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IOException("Parameter [%s] not a number".formatted(name));
        }
        final int number = Integer.parseInt(value);
        if (number < minimum || number > maximum) {
            throw new IOException("Parameter [%s] value [%d] not in range [%d, %d]"
                    .formatted(name, number, minimum, maximum));
        }
        return number;
    }

    /** Percent-decodes a range that is not secret into text, with U+FFFD for bytes that are not UTF-8. */
    private String text(final int from, final int to, final boolean plusIsSpace) throws IOException {
        return new String(percentDecode(from, to, plusIsSpace), StandardCharsets.UTF_8);
    }

    /** Decodes {@code %XX} escapes (and {@code +} as space in queries) into a new array. */
    private byte[] percentDecode(final int from, final int to, final boolean plusIsSpace) throws IOException {
        final byte[] out = new byte[to - from];
        int at = 0;
        for (int i = from; i < to; i++) {
            final byte b = uri[i];
            if (b == '%') {
                final int high = i + 1 < to ? Character.digit(uri[i + 1], 16) : -1;
                final int low = i + 2 < to ? Character.digit(uri[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    Arrays.fill(out, (byte) 0);
                    throw new IOException("Percent encoding at [%d] not valid".formatted(i));
                }
                out[at++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                out[at++] = plusIsSpace && b == '+' ? (byte) ' ' : b;
            }
        }
        final byte[] decoded = Arrays.copyOf(out, at);
        Arrays.fill(out, (byte) 0);
        return decoded;
    }

    /** Tells whether the range starts with a lowercase ASCII prefix, ignoring case. */
    private boolean startsWithIgnoringCase(final int from, final int to, final byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(uri[from + i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the index of the first of the characters in the range, or its end. */
    private int indexOfAny(final int from, final int to, final String characters) {
        for (int i = from; i < to; i++) {
            if (uri[i] >= 0 && characters.indexOf(uri[i]) >= 0) {
                return i;
            }
        }
        return to;
    }

    /** Decodes a range that is not secret as ASCII. */
    private String ascii(final int from, final int to) {
        return new String(uri, from, to - from, StandardCharsets.US_ASCII);
    }

    /** Tells whether the byte is ASCII space, tab, CR or LF. */
    private static boolean isWhitespace(final byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
