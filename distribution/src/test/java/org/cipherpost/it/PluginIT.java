package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Plugins through the real launcher: the shipped material plugins on real material, broken plugins reported in
 * one line each while everything else works, {@code plugin install | remove}, and plugins staying unloaded for
 * commands that do not need them.
 */
class PluginIT {
    private static final Path VECTORS = Path.of(System.getProperty("cipherpost.root"))
            .resolve("../shared/vectors/cipherpost-v1");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private static Path brokenTestJar() {
        return Path.of(System.getProperty("cipherpost.it.plugins")).resolve("cipherpost-broken-test-plugin.jar");
    }

    private static Path shippedJar(final String name) {
        return Launcher.image().resolve("plugins").resolve("cipherpost-" + name + ".jar");
    }

    @Test
    void shippedPluginsAreListed() throws Exception {
        final LaunchResult list = Launcher.cipherpost().run("plugin", "list");
        assertEquals(0, list.exitCode(), list::describe);
        for (final String type : List.of("x509-cert (x509_cert)", "pgp-key (pgp_key)", "ssh-key (ssh_key)")) {
            assertTrue(list.out().contains("provides material " + type), list::describe);
        }
        assertTrue(list.out().contains("Built in: material generic-secret"), list::describe);
        assertFalse(list.out().contains("skipped:"), list::describe);
        assertEquals("", list.err(), list::describe);
    }

    @Test
    void certificateDerAndPemPreviewAndCanonicalise() throws Exception {
        final Launcher launcher = Launcher.cipherpost();
        final Path der = VECTORS.resolve("x509_cert_fixture.der");
        final LaunchResult preview = launcher.run("plugin", "preview", "x509-cert", der.toString());
        assertEquals(0, preview.exitCode(), preview::describe);
        assertTrue(preview.out().contains("Subject:      CN=cipherpost-fixture,O=cipherpost,C=XX"), preview::describe);
        assertTrue(preview.out().contains("from material-x509 "), preview::describe);
        assertTrue(preview.out().matches("(?s).*SHA-256:\\s+([0-9A-F]{2}:){31}[0-9A-F]{2}.*"), preview::describe);
        final LaunchResult pem = launcher.run("plugin", "preview", "x509-cert", der.toString(), "--armor");
        assertEquals(0, pem.exitCode(), pem::describe);
        assertTrue(pem.out().startsWith("-----BEGIN CERTIFICATE-----\n"), pem::describe);
        final LaunchResult canonical = launcher.withStdin(pem.stdout())
                .run("plugin", "preview", "x509-cert", "-", "--canonical");
        assertEquals(0, canonical.exitCode(), canonical::describe);
        assertArrayEquals(Files.readAllBytes(der), canonical.stdout());
    }

    @Test
    void pgpSecretKeyIsFlagged() throws Exception {
        final LaunchResult preview = Launcher.cipherpost().run("plugin", "preview", "pgp-key",
                VECTORS.resolve("material_pgp_secret_fixture.pgp").toString());
        assertEquals(0, preview.exitCode(), preview::describe);
        assertTrue(preview.out().contains("(!) OpenPGP SECRET key, v4"), preview::describe);
        assertTrue(preview.out().contains("User ID:      cp <f@cp.t>"), preview::describe);
    }

    @Test
    void sshKeysMatchSshKeygenAndLegacyPemGetsTheHint() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        final Path directory = Launcher.newPrivateDirectory("ssh-");
        final Path key = directory.resolve("id_ed25519");
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "it@example", "-f", key.toString());
        final String expected = run(SSH_KEYGEN.toString(), "-l", "-f", key + ".pub").strip();
        final Launcher launcher = Launcher.cipherpost();
        final LaunchResult publicKey = launcher.run("plugin", "preview", "ssh-key", key + ".pub");
        assertEquals(0, publicKey.exitCode(), publicKey::describe);
        assertTrue(publicKey.out().contains("Key:          " + expected + "\n"), publicKey::describe);
        final LaunchResult privateKey = launcher.run("plugin", "preview", "ssh-key", key.toString());
        assertEquals(0, privateKey.exitCode(), privateKey::describe);
        assertTrue(privateKey.out().contains("(!) OpenSSH PRIVATE key"), privateKey::describe);
        assertTrue(privateKey.out().contains(expected.split(" ")[1]), privateKey::describe);

        final Path legacy = directory.resolve("id_rsa_pem");
        run(SSH_KEYGEN.toString(), "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", legacy.toString());
        final LaunchResult refused = launcher.run("plugin", "preview", "ssh-key", legacy.toString());
        assertEquals(1, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("ssh-keygen -p -o -f <keyfile>"), refused::describe);
        assertEquals(1, refused.err().lines().count(), refused::describe);
    }

    @Test
    void brokenPluginsAreReportedInOneLineEachAndTheRestKeepsWorking() throws Exception {
        final Launcher launcher = Launcher.cipherpost();
        final Path plugins = Files.createDirectory(launcher.home().resolve("plugins"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(plugins.resolve("garbage.jar"), "not a zip".getBytes(StandardCharsets.US_ASCII));
        writeJar(plugins.resolve("missing-class.jar"), Map.of("Plugin-Id", "missing-class", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=1.0.0 & <2.0.0"), "org.example.DoesNotExist\n");
        writeJar(plugins.resolve("api-two.jar"), Map.of("Plugin-Id", "api-two", "Plugin-Version", "1.0.0",
                "Plugin-Requires", ">=2.0.0"), "org.example.Whatever\n");
        writeJar(plugins.resolve("no-requires.jar"), Map.of("Plugin-Id", "no-requires", "Plugin-Version", "1.0.0"),
                "org.example.Whatever\n");
        Files.copy(brokenTestJar(), plugins.resolve("broken-test.jar"));
        rewriteManifest(brokenTestJar(), plugins.resolve("broken-start.jar"), Map.of("Plugin-Id", "broken-start",
                "Plugin-Class", "org.cipherpost.plugin.broken.ThrowingPlugin"));
        rewriteManifest(brokenTestJar(), plugins.resolve("writable.jar"), Map.of("Plugin-Id", "writable"));
        Files.setPosixFilePermissions(plugins.resolve("writable.jar"), PosixFilePermissions.fromString("rw-rw-r--"));

        // Commands that need no material never load plugins: no report, no cost.
        final LaunchResult version = launcher.run("--version");
        assertEquals(0, version.exitCode(), version::describe);
        assertEquals("", version.err(), version::describe);

        final LaunchResult list = launcher.run("plugin", "list");
        assertEquals(0, list.exitCode(), list::describe);
        final List<String> skipped = list.out().lines().filter(line -> line.startsWith("skipped: ")).toList();
        assertEquals(List.of(
                "skipped: plugin [writable.jar]: ignored: other users can write to it (chmod go-w "
                        + plugins.resolve("writable.jar") + ")",
                "skipped: plugin [garbage.jar]: not loaded: not a jar file"), skipped.subList(0, 2), list::describe);
        assertTrue(skipped.contains("skipped: plugin [api-two]: requires plugin API [>=2.0.0], this Cipherpost"
                + " provides [1.1.0]; not loaded"), list::describe);
        assertTrue(skipped.stream().anyMatch(line -> line.startsWith("skipped: plugin [no-requires]: declares no"
                + " Plugin-Requires range")), list::describe);
        assertTrue(skipped.contains("skipped: plugin [missing-class]: extension org.example.DoesNotExist not loaded:"
                + " missing class org.example.DoesNotExist (ClassNotFoundException)"), list::describe);
        assertTrue(skipped.contains("skipped: plugin [broken-test]: extension"
                + " org.cipherpost.plugin.broken.FailingConstructorType not loaded: threw"
                + " java.lang.UnsupportedOperationException"), list::describe);
        assertTrue(skipped.stream().anyMatch(line -> line.startsWith("skipped: plugin [broken-start]: failed to start")),
                list::describe);
        assertEquals(7, skipped.size(), list::describe);
        for (final String type : List.of("x509-cert", "pgp-key", "ssh-key", "broken-throws")) {
            assertTrue(list.out().contains("provides material " + type + " ("), list::describe);
        }

        final Path secret = Launcher.newPrivateDirectory("secret-").resolve("secret.txt");
        Files.writeString(secret, "hunter2");
        final LaunchResult crash = launcher.run("plugin", "preview", "broken-throws", secret.toString());
        assertEquals(1, crash.exitCode(), crash::describe);
        final List<String> errors = crash.err().lines().toList();
        assertTrue(errors.get(errors.size() - 1).matches("cipherpost: plugin \\[broken-test [^]]+\\] failed during"
                + " ingest of broken-throws material \\(IllegalStateException\\)"), crash::describe);
        assertFalse(crash.err().contains("hunter2"), crash::describe);
        assertEquals(8, errors.size(), crash::describe);

        final LaunchResult certificate = launcher.run("plugin", "preview", "x509-cert",
                VECTORS.resolve("x509_cert_fixture.der").toString());
        assertEquals(0, certificate.exitCode(), certificate::describe);
        assertTrue(certificate.out().contains("Subject:      CN=cipherpost-fixture"), certificate::describe);
    }

    @Test
    void installReplaceAndRemove() throws Exception {
        final Launcher launcher = Launcher.cipherpost();
        final LaunchResult broken = launcher.run("plugin", "install", brokenTestJar().toString());
        assertEquals(1, broken.exitCode(), broken::describe);
        assertTrue(broken.err().startsWith("cipherpost: plugin not installed: plugin [broken-test]: extension"
                + " org.cipherpost.plugin.broken.FailingConstructorType not loaded"), broken::describe);
        final Path garbage = Launcher.newPrivateDirectory("garbage-").resolve("garbage.jar");
        Files.write(garbage, new byte[] {1, 2, 3});
        final LaunchResult notJar = launcher.run("plugin", "install", garbage.toString());
        assertEquals(1, notJar.exitCode(), notJar::describe);
        assertFalse(Files.exists(launcher.home().resolve("plugins").resolve("garbage.jar")));

        final LaunchResult installed = launcher.run("plugin", "install", shippedJar("material-ssh").toString());
        assertEquals(0, installed.exitCode(), installed::describe);
        final Path jar = launcher.home().resolve("plugins").resolve("material-ssh.jar");
        assertTrue(installed.out().startsWith("Installed plugin material-ssh "), installed::describe);
        assertTrue(installed.out().contains("provides material ssh-key (ssh_key)"), installed::describe);
        assertTrue(installed.out().contains("takes precedence over the copy shipped"), installed::describe);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar.getParent())));

        final LaunchResult list = launcher.run("plugin", "list");
        assertTrue(list.out().contains("material-ssh " ) && list.out().contains("started  " + jar), list::describe);
        assertTrue(list.out().contains("skipped: plugin [material-ssh]: second copy in ["
                + shippedJar("material-ssh") + "] ignored; using [" + jar + "]"), list::describe);

        final LaunchResult again = launcher.run("plugin", "install", shippedJar("material-ssh").toString());
        assertEquals(1, again.exitCode(), again::describe);
        assertTrue(again.err().contains("already installed"), again::describe);
        final LaunchResult forced = launcher.run("plugin", "install", "--force", shippedJar("material-ssh").toString());
        assertEquals(0, forced.exitCode(), forced::describe);

        final LaunchResult removed = launcher.run("plugin", "remove", "material-ssh");
        assertEquals(0, removed.exitCode(), removed::describe);
        assertFalse(Files.exists(jar));
        final LaunchResult shipped = launcher.run("plugin", "remove", "material-ssh");
        assertEquals(1, shipped.exitCode(), shipped::describe);
        assertTrue(shipped.err().contains("ships with Cipherpost"), shipped::describe);
        final LaunchResult unknown = launcher.run("plugin", "remove", "nope");
        assertEquals(1, unknown.exitCode(), unknown::describe);
        assertTrue(unknown.err().contains("no plugin [nope] installed"), unknown::describe);
    }

    @Test
    void theDocumentedExamplePluginInstallsAndWorks() throws Exception {
        final Launcher launcher = Launcher.cipherpost();
        final Path example = Path.of(System.getProperty("cipherpost.it.plugins")).resolve("material-otpauth.jar");
        final LaunchResult installed = launcher.run("plugin", "install", example.toString());
        assertEquals(0, installed.exitCode(), installed::describe);
        assertTrue(installed.out().contains("provides material otpauth-uri (otpauth_uri)"), installed::describe);
        final LaunchResult preview = launcher.withStdin("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=Example\n").run("plugin", "preview", "otpauth-uri", "-");
        assertEquals(0, preview.exitCode(), preview::describe);
        assertTrue(preview.out().contains("Account:      Example:alice"), preview::describe);
        assertTrue(preview.out().contains("from material-otpauth 1.0.0"), preview::describe);
        assertFalse(preview.out().contains("JBSWY3DPEHPK3PXP"), preview::describe);
        final LaunchResult bad = launcher.withStdin("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP!")
                .run("plugin", "preview", "otpauth-uri", "-");
        assertEquals(1, bad.exitCode(), bad::describe);
        assertEquals("cipherpost: invalid otpauth-uri material: missing or non-Base32 secret parameter\n", bad.err());
    }

    @Test
    void noPluginsVariableLeavesOnlyTheBuiltInType() throws Exception {
        final Launcher launcher = Launcher.cipherpost().withEnv("CIPHERPOST_NO_PLUGINS", "1");
        final LaunchResult refused = launcher.run("plugin", "preview", "x509-cert",
                VECTORS.resolve("x509_cert_fixture.der").toString());
        assertEquals(64, refused.exitCode(), refused::describe);
        assertTrue(refused.err().contains("material type [x509-cert] not known; available: generic-secret"),
                refused::describe);
        final LaunchResult generic = launcher.withStdin("s3cret").run("plugin", "preview", "generic-secret", "-");
        assertEquals(0, generic.exitCode(), generic::describe);
        assertTrue(generic.out().contains("Size:         6 bytes"), generic::describe);
        assertFalse(generic.out().contains("s3cret"), generic::describe);
    }

    private static void writeJar(final Path jar, final Map<String, String> attributes, final String index)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream stream = new JarOutputStream(out, manifest(new Manifest(), attributes))) {
            stream.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            stream.write(index.getBytes(StandardCharsets.UTF_8));
            stream.closeEntry();
        }
    }

    private static void rewriteManifest(final Path source, final Path target, final Map<String, String> attributes)
            throws IOException {
        try (JarFile in = new JarFile(source.toFile());
             OutputStream out = Files.newOutputStream(target);
             JarOutputStream stream = new JarOutputStream(out, manifest(in.getManifest(), attributes))) {
            final Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                final JarEntry entry = entries.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                    continue;
                }
                stream.putNextEntry(new JarEntry(entry.getName()));
                stream.write(in.getInputStream(entry).readAllBytes());
                stream.closeEntry();
            }
        }
    }

    private static Manifest manifest(final Manifest base, final Map<String, String> attributes) {
        final Manifest manifest = new Manifest(base);
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((name, value) -> manifest.getMainAttributes().put(new Attributes.Name(name), value));
        return manifest;
    }

    private static String run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
