package org.cipherpost.cli.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.Terminal;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.material.MaterialRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    @TempDir
    Path temp;

    private Path plugins() throws IOException {
        return Files.createDirectories(temp.resolve("home/plugins"));
    }

    @Test
    void brokenJarsAreReportedOneLineEach() throws Exception {
        final Path plugins = plugins();
        Files.write(plugins.resolve("garbage.jar"), new byte[] {0x50, 0x4b, 0x03});
        jar(plugins.resolve("missing.jar"), Map.of("Plugin-Id", "missing", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=1.0.0 & <2.0.0"), "org.example.Missing\n");
        jar(plugins.resolve("future.jar"), Map.of("Plugin-Id", "future", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=2.0.0 & <3.0.0"), "org.example.Missing\n");
        jar(plugins.resolve("Bad Id.jar"), Map.of("Plugin-Id", "Bad Id", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=1.0.0"), "");
        jar(plugins.resolve("notype.jar"), Map.of("Plugin-Id", "notype", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=1.0.0"), "java.lang.String\n");
        final PluginHost.Loaded loaded = new PluginHost(new PluginDirectories(plugins, null, false),
                InstantSource.system()).load();
        final List<String> lines = loaded.problems().stream().map(PluginProblem::line).toList();
        assertEquals(List.of(
                "plugin [garbage.jar]: not loaded: not a jar file",
                "plugin [Bad Id]: plugin id not valid (use 1-64 of a-z 0-9 . _ -)",
                "plugin [future]: requires plugin API [>=2.0.0 & <3.0.0], this Cipherpost provides [1.1.0]; not loaded",
                "plugin [missing]: extension org.example.Missing not loaded: missing class org.example.Missing"
                        + " (ClassNotFoundException)",
                "plugin [notype]: extension java.lang.String ignored: it implements no Cipherpost extension point"),
                lines);
        assertTrue(loaded.materialTypes().isEmpty());
        assertEquals(4, loaded.plugins().size());
    }

    @Test
    void writableDirectoryIsRefused() throws Exception {
        final Path plugins = plugins();
        jar(plugins.resolve("a.jar"), Map.of("Plugin-Id", "a", "Plugin-Version", "1", "Plugin-Requires", ">=1.0.0"), "");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));
        final PluginHost.Loaded loaded = new PluginHost(new PluginDirectories(plugins, null, false),
                InstantSource.system()).load();
        assertEquals(List.of("plugin [" + plugins + "]: directory ignored: other users can write to it (chmod go-w "
                + plugins + ")"), loaded.problems().stream().map(PluginProblem::line).toList());
        assertTrue(loaded.plugins().isEmpty());
    }

    @Test
    void builtInTypeNeverLoadsPluginsAndMissTriggersOneReport() throws Exception {
        final Path plugins = plugins();
        Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3});
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.of("CIPHERPOST_HOME", temp.resolve("home").toString()),
                new ByteArrayInputStream(new byte[0]), new PrintWriter(OutputStream.nullOutputStream()),
                new PrintWriter(err), new NoTerminal());
        final MaterialRegistry registry = PluginHost.materialRegistry(context);
        assertEquals("builtin", registry.byName("generic-secret").origin());
        assertEquals("", err.toString(), "no plugin loaded for a built-in type");
        assertFalse(registry.types().isEmpty());
        registry.types();
        assertEquals("cipherpost: plugin [garbage.jar]: not loaded: not a jar file\n", err.toString());
    }

    @Test
    void disabledHostLoadsNothing() throws Exception {
        final Path plugins = plugins();
        Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3});
        final PluginDirectories directories = PluginDirectories.of(temp.resolve("home"),
                Map.of("CIPHERPOST_NO_PLUGINS", "1", "CIPHERPOST_SYSTEM_PLUGINS", temp.resolve("sys").toString()));
        assertTrue(directories.disabled());
        assertEquals(List.of(plugins, temp.resolve("sys")), directories.roots());
        final PluginHost.Loaded loaded = new PluginHost(directories, InstantSource.system()).load();
        assertTrue(loaded.problems().isEmpty() && loaded.plugins().isEmpty());
    }

    /** No terminal: plugin commands never prompt. */
    private static final class NoTerminal implements Terminal {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public SecretBytes readSecret(final String prompt) throws IOException {
            throw new IOException("no terminal");
        }

        @Override
        public String readLine(final String prompt) throws IOException {
            throw new IOException("no terminal");
        }
    }

    private static void jar(final Path jar, final Map<String, String> attributes, final String index)
            throws IOException {
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream stream = new JarOutputStream(out, manifest)) {
            stream.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            stream.write(index.getBytes(StandardCharsets.UTF_8));
            stream.closeEntry();
        }
    }
}
