package org.cipherpost.plugin.broken;

import java.util.List;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.pf4j.Extension;

/** A material type whose constructor throws: the host reports it and keeps the plugin's other extensions. */
@Extension
public final class FailingConstructorType implements MaterialType {
    /** Always throws. */
    public FailingConstructorType() {
        throw new UnsupportedOperationException("cannot construct");
    }

    @Override
    public String name() {
        return "broken-constructor";
    }

    @Override
    public String wireType() {
        return "broken_constructor";
    }

    @Override
    public String description() {
        return "never constructed";
    }

    @Override
    public byte[] ingest(final byte[] input) {
        return input.clone();
    }

    @Override
    public List<PreviewLine> preview(final byte[] canonical) {
        return List.of();
    }
}
