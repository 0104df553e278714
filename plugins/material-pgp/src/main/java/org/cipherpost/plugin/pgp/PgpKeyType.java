package org.cipherpost.plugin.pgp;

import java.util.List;
import java.util.Set;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/**
 * The {@code pgp-key} material type: one OpenPGP key (public or secret, with its subkeys), armored or binary in,
 * the binary packet stream on the wire exactly as given (cipherpost v1: no re-encoding).
 */
@Extension
public final class PgpKeyType implements MaterialType {
    @Override
    public String name() {
        return "pgp-key";
    }

    @Override
    public String wireType() {
        return "pgp_key";
    }

    @Override
    public String description() {
        return "OpenPGP public or secret key (armored or binary in; binary packets; --armor gives ASCII armor)";
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException {
        final byte[] binary = PgpArmor.isArmored(input) ? PgpArmor.decode(input) : input.clone();
        PgpPackets.check(binary);
        preview(binary);
        return binary;
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) throws MaterialException {
        final boolean secret = PgpPackets.check(canonical);
        try {
            return PgpPreview.lines(canonical, secret);
        } catch (final RuntimeException e) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed PGP key contents");
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
        PgpPackets.check(canonical);
        return PgpArmor.encode(canonical);
    }
}
