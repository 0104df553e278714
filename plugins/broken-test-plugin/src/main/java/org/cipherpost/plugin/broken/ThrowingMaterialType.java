package org.cipherpost.plugin.broken;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/** A material type that loads fine and then throws during every operation, quoting its input in the message. */
@Extension
public final class ThrowingMaterialType implements MaterialType {
    @Override
    public String name() {
        return "broken-throws";
    }

    @Override
    public String wireType() {
        return "broken_throws";
    }

    @Override
    public String description() {
        return "Throws during every operation (test plugin)";
    }

    @Override
    public byte[] ingest(final byte[] input) {
        throw new IllegalStateException("leaked input: " + new String(input, StandardCharsets.UTF_8));
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) {
        throw new IllegalStateException("leaked input: " + new String(canonical, StandardCharsets.UTF_8));
    }
}
