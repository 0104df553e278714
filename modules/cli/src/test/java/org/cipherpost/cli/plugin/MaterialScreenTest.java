package org.cipherpost.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.cipherpost.material.MaterialRegistry;
import org.cipherpost.material.MaterialRegistryFactory;
import org.cipherpost.material.ProvidedMaterialType;
import org.junit.jupiter.api.Test;

class MaterialScreenTest {
    @Test
    void knownUnknownAndFailingTypes() {
        final MaterialType crashing = new MaterialType() {
            @Override
            public String name() {
                return "crash";
            }

            @Override
            public String wireType() {
                return "crash";
            }

            @Override
            public String description() {
                return "crashes";
            }

            @Override
            public byte[] ingest(final byte[] input) {
                return input.clone();
            }

            @Override
            public List<PreviewLine> preview(final byte[] canonical) {
                throw new IllegalStateException("boom");
            }
        };
        final MaterialRegistry registry = MaterialRegistryFactory.create(
                () -> List.of(new ProvidedMaterialType("crashy 1.0", crashing)), warning -> { });
        final StringWriter text = new StringWriter();
        final PrintWriter out = new PrintWriter(text);
        MaterialScreen.print(out, MaterialScreen.lines(registry, "generic_secret", new byte[] {1, 2}));
        MaterialScreen.print(out, MaterialScreen.lines(registry, "pgp_key", new byte[] {1, 2, 3}));
        MaterialScreen.print(out, MaterialScreen.lines(registry, "crash", new byte[] {1}));
        assertEquals(String.join("\n",
                "Material:     generic-secret, 2 bytes",
                "Type:         generic secret",
                "Size:         2 bytes",
                "Material:     (!) pgp_key, 3 bytes; no installed plugin previews this type ('cipherpost plugin list')",
                "Material:     crash, 1 byte",
                "Preview:      (!) plugin [crashy 1.0] failed during preview of crash material (IllegalStateException)",
                ""), text.toString().replace(System.lineSeparator(), "\n"));
    }
}
