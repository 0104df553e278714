package org.cipherpost.material;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.api.PreviewLine;
import org.junit.jupiter.api.Test;

class MaterialRegistryTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void builtInLookupDoesNotLoadPlugins() throws Exception {
        final AtomicInteger loads = new AtomicInteger();
        final MaterialRegistry registry = MaterialRegistryFactory.create(() -> {
            loads.incrementAndGet();
            return List.of();
        }, warnings::add);
        final MaterialHandler generic = registry.byName("generic-secret");
        assertEquals("generic_secret", generic.wireType());
        assertEquals("builtin", generic.origin());
        assertEquals(generic, registry.byWireType("generic_secret"));
        assertEquals(0, loads.get());
    }

    @Test
    void pluginTypesLoadOnceOnFirstMiss() throws Exception {
        final AtomicInteger loads = new AtomicInteger();
        final MaterialRegistry registry = MaterialRegistryFactory.create(() -> {
            loads.incrementAndGet();
            return List.of(new ProvidedMaterialType("hex 1.0.0", new FakeType("hex-text", "hex_text")));
        }, warnings::add);
        assertEquals("hex 1.0.0", registry.byName("hex-text").origin());
        assertEquals("hex-text", registry.byWireType("hex_text").name());
        assertThrows(UnknownMaterialTypeException.class, () -> registry.byName("nope"));
        assertEquals(List.of("generic-secret", "hex-text"), registry.types().stream().map(MaterialHandler::name).toList());
        assertEquals(1, loads.get());
    }

    @Test
    void unknownTypeListsWhatIsAvailable() {
        final MaterialRegistry registry = MaterialRegistryFactory.builtIn();
        final UnknownMaterialTypeException e = assertThrows(UnknownMaterialTypeException.class,
                () -> registry.byName("x509-cert"));
        assertEquals("material type [x509-cert] not known; available: generic-secret", e.getMessage());
        final UnknownMaterialTypeException wire = assertThrows(UnknownMaterialTypeException.class,
                () -> registry.byWireType("pgp_key"));
        assertTrue(wire.getMessage().contains("needs a plugin that is not installed"), wire.getMessage());
    }

    @Test
    void duplicatesAndBadNamesAreSkippedWithOneWarningEach() throws Exception {
        final MaterialRegistry registry = MaterialRegistryFactory.create(() -> List.of(
                new ProvidedMaterialType("evil 1.0", new FakeType("generic-secret", "other")),
                new ProvidedMaterialType("evil 1.0", new FakeType("other", "generic_secret")),
                new ProvidedMaterialType("evil 1.0", new FakeType("Bad Name", "bad")),
                new ProvidedMaterialType("evil 1.0", new FakeType("x\u001b[2J", "bad")),
                new ProvidedMaterialType("good 1.0", new FakeType("good", "good"))), warnings::add);
        assertEquals(List.of("generic-secret", "good"), registry.types().stream().map(MaterialHandler::name).toList());
        assertEquals("builtin", registry.byName("generic-secret").origin());
        assertEquals(4, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("already provided by [builtin]"), warnings.get(0));
        assertFalse(warnings.get(3).contains("\u001b"), warnings.get(3));
    }

    @Test
    void genericSecretIsCarriedAsIsAndPreviewShowsOnlyTheSize() throws Exception {
        final MaterialHandler generic = MaterialRegistryFactory.builtIn().byName("generic-secret");
        final byte[] input = "hunter2".getBytes(StandardCharsets.UTF_8);
        final byte[] canonical = generic.ingest(input);
        assertArrayEquals(input, canonical);
        assertNotSame(input, canonical);
        final List<PreviewLine> preview = generic.preview(canonical);
        assertEquals(List.of(PreviewLine.of("Type", "generic secret"), PreviewLine.of("Size", "7 bytes")), preview);
        assertFalse(preview.toString().contains("hunter2"));
        assertThrows(MaterialException.class, () -> generic.ingest(new byte[0]));
        assertEquals(Set.of(), generic.renderings());
        assertEquals(MaterialException.Reason.UNSUPPORTED_RENDERING,
                assertThrows(MaterialException.class, () -> generic.render(canonical, "armor")).reason());
    }

    @Test
    void pluginCrashNamesThePluginAndWithholdsItsMessage() throws Exception {
        final FakeType crashing = new FakeType("crash", "crash") {
            @Override
            public byte[] ingest(final byte[] input) {
                throw new IllegalStateException("secret=" + new String(input, StandardCharsets.UTF_8));
            }
        };
        final MaterialHandler handler = MaterialRegistryFactory.create(
                () -> List.of(new ProvidedMaterialType("crashy 2.1.0", crashing)), warnings::add).byName("crash");
        final PluginFailureException e = assertThrows(PluginFailureException.class,
                () -> handler.ingest("hunter2".getBytes(StandardCharsets.UTF_8)));
        assertEquals("plugin [crashy 2.1.0] failed during ingest of crash material (IllegalStateException)",
                e.getMessage());
        assertEquals("crashy 2.1.0", e.origin());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("hunter2"), t.toString());
        }
    }

    @Test
    void pluginLinkageErrorAndBadResultsAreFailures() throws Exception {
        final FakeType linkage = new FakeType("linkage", "linkage") {
            @Override
            public byte[] ingest(final byte[] input) {
                throw new NoClassDefFoundError("org/example/Missing");
            }

            @Override
            public List<PreviewLine> preview(final byte[] canonical) {
                return null;
            }
        };
        final FakeType echo = new FakeType("echo", "echo") {
            @Override
            public byte[] ingest(final byte[] input) {
                return input;
            }
        };
        final MaterialRegistry registry = MaterialRegistryFactory.create(() -> List.of(
                new ProvidedMaterialType("l 1", linkage), new ProvidedMaterialType("e 1", echo)), warnings::add);
        assertTrue(assertThrows(PluginFailureException.class, () -> registry.byName("linkage").ingest(new byte[] {1}))
                .getMessage().contains("(NoClassDefFoundError)"));
        assertTrue(assertThrows(PluginFailureException.class, () -> registry.byName("linkage").preview(new byte[] {1}))
                .getMessage().endsWith("it returned nothing"));
        assertTrue(assertThrows(PluginFailureException.class, () -> registry.byName("echo").ingest(new byte[] {1}))
                .getMessage().endsWith("it returned its input array"));
    }

    @Test
    void pluginSeesACopyThatIsWipedAfterTheCall() throws Exception {
        final List<byte[]> seen = new ArrayList<>();
        final FakeType keeper = new FakeType("keeper", "keeper") {
            @Override
            public byte[] ingest(final byte[] input) {
                seen.add(input);
                return input.clone();
            }
        };
        final byte[] input = {7, 7, 7};
        final byte[] out = MaterialRegistryFactory.create(() -> List.of(new ProvidedMaterialType("k 1", keeper)),
                warnings::add).byName("keeper").ingest(input);
        assertArrayEquals(new byte[] {7, 7, 7}, out);
        assertArrayEquals(new byte[] {7, 7, 7}, input);
        assertNotSame(input, seen.get(0));
        assertArrayEquals(new byte[3], seen.get(0));
    }

    @Test
    void previewTextIsEscaped() throws Exception {
        final FakeType sneaky = new FakeType("sneaky", "sneaky") {
            @Override
            public List<PreviewLine> preview(final byte[] canonical) {
                return List.of(PreviewLine.of("Subject\u001b]0;x\u0007", "CN=evil\u001b[2J\u202eabc\ndef\\"));
            }
        };
        final List<PreviewLine> lines = MaterialRegistryFactory.create(
                () -> List.of(new ProvidedMaterialType("s 1", sneaky)), warnings::add).byName("sneaky")
                .preview(new byte[] {1});
        assertEquals("Subject\\u001b]0;x\\u0007", lines.get(0).label());
        assertEquals("CN=evil\\u001b[2J\\u202eabc\\u000adef\\\\", lines.get(0).value());
    }

    @Test
    void renderIsOnlyCalledForDeclaredRenderings() throws Exception {
        final FakeType armored = new FakeType("armored", "armored") {
            @Override
            public Set<String> renderings() {
                return Set.of(ARMOR);
            }

            @Override
            public byte[] render(final byte[] canonical, final String rendering) {
                final byte[] out = Arrays.copyOf(canonical, canonical.length + 1);
                out[canonical.length] = '!';
                return out;
            }
        };
        final MaterialHandler handler = MaterialRegistryFactory.create(
                () -> List.of(new ProvidedMaterialType("a 1", armored)), warnings::add).byName("armored");
        assertArrayEquals(new byte[] {'a', '!'}, handler.render(new byte[] {'a'}, "armor"));
        assertThrows(MaterialException.class, () -> handler.render(new byte[] {'a'}, "pem"));
    }

    /** A minimal plugin type. */
    private static class FakeType implements MaterialType {
        private final String name;
        private final String wireType;

        FakeType(final String name, final String wireType) {
            this.name = name;
            this.wireType = wireType;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String wireType() {
            return wireType;
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public byte[] ingest(final byte[] input) {
            return input.clone();
        }

        @Override
        public List<PreviewLine> preview(final byte[] canonical) {
            return List.of(PreviewLine.of("Size", String.valueOf(canonical.length)));
        }
    }
}
