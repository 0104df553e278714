package org.cipherpost.plugin.x509;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cipherpost.api.HostContext;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/** The {@code x509-cert} material type: one X.509 certificate, DER or PEM in, canonical DER on the wire. */
@Extension
public final class X509CertType implements MaterialType {
    private final HostContext context;

    /**
     * Creates the type with the host's context.
     *
     * @param context host context (clock for the expiry flag)
     */
    public X509CertType(final HostContext context) {
        this.context = Objects.requireNonNull(context, "Host Context required");
    }

    @Override
    public String name() {
        return "x509-cert";
    }

    @Override
    public String wireType() {
        return "x509_cert";
    }

    @Override
    public String description() {
        return "X.509 certificate (DER or PEM in; canonical DER; --armor gives PEM)";
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException {
        final byte[] der = CertificatePem.isPem(input) ? CertificatePem.decode(input) : input.clone();
        preview(der);
        return der;
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) throws MaterialException {
        final var certificate = CertificateDer.parse(canonical);
        try {
            return new CertificatePreview(context.clock().instant()).lines(certificate, canonical);
        } catch (final RuntimeException e) {
            // BouncyCastle parses inner structures lazily: a bad name or extension shows up only here.
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed certificate contents");
        }
    }

    @Override
    public Set<String> renderings() {
        return Set.of(ARMOR);
    }

    @Override
    public byte[] render(final byte[] canonical, final String rendering) throws MaterialException {
        if (!ARMOR.equals(rendering)) {
            return MaterialType.super.render(canonical, rendering);
        }
        CertificateDer.parse(canonical);
        return CertificatePem.encode(canonical);
    }
}
