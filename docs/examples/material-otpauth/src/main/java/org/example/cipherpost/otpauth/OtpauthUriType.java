package org.example.cipherpost.otpauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cipherpost.api.HostContext;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/**
 * Example material type: an {@code otpauth://} URI as authenticator apps scan it from a QR code.
 *
 * <p>Ingest trims the URI and checks it; the canonical bytes are the trimmed URI. The preview names the issuer,
 * account and parameters but never the {@code secret}: the recipient sees what they are accepting, not the secret.
 */
@Extension
public final class OtpauthUriType implements MaterialType {
    private final HostContext context;

    /**
     * Created by Cipherpost with its context (a public no-argument constructor works too).
     *
     * @param context host context
     */
    public OtpauthUriType(final HostContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "otpauth-uri";
    }

    @Override
    public String wireType() {
        return "otpauth_uri";
    }

    @Override
    public String description() {
        return "otpauth:// URI of a TOTP or HOTP secret (example plugin, API " + context.apiVersion() + ")";
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException {
        final String uri = text(input).strip();
        parse(uri);
        return uri.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) throws MaterialException {
        final Otpauth otp = parse(text(canonical));
        final List<PreviewLine> lines = new ArrayList<>();
        lines.add(PreviewLine.of("Type", otp.kind().toUpperCase() + " secret (otpauth URI)"));
        lines.add(PreviewLine.of("Issuer", otp.parameters().getOrDefault("issuer", "(none)")));
        lines.add(PreviewLine.of("Account", otp.label()));
        lines.add(PreviewLine.of("Algorithm", otp.parameters().getOrDefault("algorithm", "SHA1")));
        lines.add(PreviewLine.of("Digits", otp.parameters().getOrDefault("digits", "6")));
        if (otp.kind().equals("totp")) {
            lines.add(PreviewLine.of("Period", otp.parameters().getOrDefault("period", "30") + " s"));
        }
        return lines;
    }

    /** Parses and checks a URI; messages never quote it. */
    private static Otpauth parse(final String text) throws MaterialException {
        final URI uri;
        try {
            uri = new URI(text);
        } catch (final URISyntaxException e) {
            // Never put the input into the message: it holds the secret.
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not a URI");
        }
        if (!"otpauth".equals(uri.getScheme()) || uri.getHost() == null
                || !uri.getHost().equals("totp") && !uri.getHost().equals("hotp")) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not an otpauth://totp or hotp URI");
        }
        final Map<String, String> parameters = new LinkedHashMap<>();
        final String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (final String pair : query.split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).toLowerCase(),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        final String secret = parameters.remove("secret");
        if (secret == null || !secret.matches("[A-Za-z2-7]+=*")) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "missing or non-Base32 secret parameter");
        }
        final String path = uri.getPath() == null ? "" : uri.getPath();
        return new Otpauth(uri.getHost(), path.startsWith("/") ? path.substring(1) : path, parameters);
    }

    /** Decodes bytes as UTF-8, refusing anything else. */
    private static String text(final byte[] bytes) throws MaterialException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "not UTF-8 text");
        }
    }

    /**
     * A parsed URI without its secret.
     *
     * @param kind totp or hotp
     * @param label account label
     * @param parameters parameters other than the secret
     */
    private record Otpauth(String kind, String label, Map<String, String> parameters) {
    }
}
