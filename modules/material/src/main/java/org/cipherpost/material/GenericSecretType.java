package org.cipherpost.material;

import java.util.Arrays;
import java.util.List;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;

/**
 * The built-in {@code generic-secret} type: any non-empty bytes, carried as they are.
 *
 * <p>The preview shows only the length: a fingerprint of a low-entropy secret would let anyone who sees the
 * screen test guesses against it.
 */
final class GenericSecretType implements MaterialType {
    @Override
    public String name() {
        return MaterialRegistry.GENERIC_SECRET;
    }

    @Override
    public String wireType() {
        return "generic_secret";
    }

    @Override
    public String description() {
        return "Any secret bytes (password, token, key file), carried as they are";
    }

    @Override
    public byte[] ingest(final byte[] input) throws MaterialException {
        if (input.length == 0) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "material is empty");
        }
        return Arrays.copyOf(input, input.length);
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) {
        return List.of(PreviewLine.of("Type", "generic secret"),
                PreviewLine.of("Size", canonical.length + (canonical.length == 1 ? " byte" : " bytes")));
    }
}
