package org.cipherpost.plugin.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.MaterialKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeyTypeTest {
    private static final Path VECTORS = Path.of(System.getProperty("cipherpost.root"))
            .resolve("../shared/vectors/cipherpost-v1");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final SshKeyType type = new SshKeyType();

    @TempDir
    Path temp;

    @Test
    void fixtureIsCanonicalAndReproducesTheV1Signable() throws Exception {
        final byte[] fixture = Files.readAllBytes(VECTORS.resolve("material_ssh_fixture.openssh-v1"));
        final byte[] canonical = type.ingest(fixture);
        assertArrayEquals(fixture, canonical);
        try (Envelope envelope = Envelope.builder().createdAt(1700000000L)
                .material(MaterialKind.SSH_KEY, canonical).purpose("test").build();
             SecretBytes jcs = envelope.canonicalBytes()) {
            assertArrayEquals(Files.readAllBytes(VECTORS.resolve("material_ssh_signable.bin")), jcs.bytes());
        }
    }

    @Test
    void layoutVariantsGiveTheSameCanonicalBytes() throws Exception {
        final byte[] fixture = Files.readAllBytes(VECTORS.resolve("material_ssh_fixture.openssh-v1"));
        final String text = new String(fixture, StandardCharsets.US_ASCII);
        final String body = text.replace(SshKeyText.BEGIN, "").replace(SshKeyText.END, "").replaceAll("\\s", "");
        final StringBuilder rewrapped = new StringBuilder(SshKeyText.BEGIN).append("\r\n");
        for (int i = 0; i < body.length(); i += 64) {
            rewrapped.append(body, i, Math.min(body.length(), i + 64)).append("\r\n");
        }
        rewrapped.append(SshKeyText.END).append("\r\n\r\n  \n");
        assertArrayEquals(fixture, type.ingest(rewrapped.toString().getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(fixture, type.ingest(text.strip().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void previewOfTheFixtures() throws Exception {
        final List<PreviewLine> ed = type.preview(Files.readAllBytes(VECTORS.resolve("material_ssh_fixture.openssh-v1")));
        assertTrue(ed.get(0).warning());
        assertTrue(ed.get(0).value().startsWith("OpenSSH PRIVATE key, ssh-ed25519"), ed.get(0).value());
        assertTrue(ed.get(1).value().matches("256 SHA256:[A-Za-z0-9+/]{43} .* \\(ED25519\\)"), ed.get(1).value());
        assertFalse(ed.get(1).warning());
        assertEquals(PreviewLine.warning("Protection", "none: the key is not passphrase-protected"), ed.get(2));
        final List<PreviewLine> rsa = type.preview(type.ingest(
                Files.readAllBytes(VECTORS.resolve("material_ssh_fixture_rsa1024.openssh-v1"))));
        assertTrue(rsa.get(1).value().startsWith("1024 SHA256:"), rsa.get(1).value());
        assertTrue(rsa.get(1).value().endsWith("(RSA) [DEPRECATED]"), rsa.get(1).value());
        assertTrue(rsa.get(1).warning());
    }

    @Test
    void fixtureFingerprintsMatchSshKeygen() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        for (final String name : List.of("material_ssh_fixture.openssh-v1", "material_ssh_fixture_rsa1024.openssh-v1")) {
            final Path copy = temp.resolve(name);
            Files.copy(VECTORS.resolve(name), copy);
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            final String expected = keygen("-l", "-f", copy.toString()).strip();
            final String ours = type.preview(type.ingest(Files.readAllBytes(copy))).get(1).value();
            assertEquals(expected, ours.replace(" [DEPRECATED]", ""), name);
        }
    }

    @Test
    void keysMadeBySshKeygenMatchItsFingerprintLine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        final List<String[]> specs = List.of(new String[] {"ed25519", ""}, new String[] {"rsa", "1024"},
                new String[] {"rsa", "3072"}, new String[] {"ecdsa", "256"}, new String[] {"ecdsa", "384"},
                new String[] {"ecdsa", "521"}, new String[] {"dsa", "1024"});
        int checked = 0;
        for (final String[] spec : specs) {
            final Path key = temp.resolve("id_" + spec[0] + spec[1]);
            final List<String> command = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", spec[0], "-N", "",
                    "-C", "user@host " + spec[0], "-f", key.toString()));
            if (!spec[1].isEmpty()) {
                command.addAll(List.of("-b", spec[1]));
            }
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                assertEquals("dsa", spec[0], "ssh-keygen could not make " + String.join(" ", spec));
                continue; // recent OpenSSH no longer makes DSA keys
            }
            final String expectedPublic = keygen("-l", "-f", key + ".pub").strip();
            final byte[] publicLine = type.ingest(Files.readAllBytes(Path.of(key + ".pub")));
            final PreviewLine publicPreview = type.preview(publicLine).get(1);
            assertEquals(expectedPublic, publicPreview.value().replace(" [DEPRECATED]", ""));
            final boolean deprecated = spec[0].equals("dsa") || (spec[0].equals("rsa") && spec[1].equals("1024"));
            assertEquals(deprecated, publicPreview.value().endsWith("[DEPRECATED]"), publicPreview.value());
            Files.delete(Path.of(key + ".pub"));
            final String expectedPrivate = keygen("-l", "-f", key.toString()).strip();
            final byte[] canonical = type.ingest(Files.readAllBytes(key));
            assertArrayEquals(Files.readAllBytes(key), canonical, "ssh-keygen's own layout is canonical");
            assertEquals(expectedPrivate, type.preview(canonical).get(1).value().replace(" [DEPRECATED]", ""));
            checked++;
        }
        assertTrue(checked >= 6, "checked " + checked);
    }

    @Test
    void encryptedKeyShowsItsProtectionAndFingerprint() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        final Path key = temp.resolve("id_enc");
        keygen("-q", "-t", "ed25519", "-N", "correct horse", "-C", "enc", "-f", key.toString());
        final String fingerprint = keygen("-l", "-f", key + ".pub").split(" ")[1];
        final List<PreviewLine> lines = type.preview(type.ingest(Files.readAllBytes(key)));
        assertTrue(lines.get(1).value().contains(fingerprint), lines.get(1).value());
        assertEquals("passphrase (aes256-ctr, bcrypt, 16 rounds)", lines.get(2).value());
        assertFalse(lines.get(2).warning());
    }

    @Test
    void legacyPemGetsTheConversionHint() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        final Path key = temp.resolve("id_pem");
        keygen("-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", key.toString());
        final MaterialException e = assertThrows(MaterialException.class,
                () -> type.ingest(Files.readAllBytes(key)));
        assertEquals(MaterialException.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("ssh-keygen -p -o -f <keyfile>"), e.getMessage());
        keygen("-q", "-p", "-o", "-P", "", "-N", "", "-f", key.toString());
        assertTrue(type.preview(type.ingest(Files.readAllBytes(key))).get(1).value().startsWith("2048 SHA256:"));
    }

    @Test
    void badInputGetsCuratedReasons() throws Exception {
        final byte[] fixture = Files.readAllBytes(VECTORS.resolve("material_ssh_fixture.openssh-v1"));
        final String text = new String(fixture, StandardCharsets.US_ASCII);
        assertEquals(MaterialException.Reason.TRAILING_DATA, assertThrows(MaterialException.class,
                () -> type.ingest((text + "extra\n").getBytes(StandardCharsets.US_ASCII))).reason());
        assertEquals("malformed OpenSSH v1 blob", assertThrows(MaterialException.class,
                () -> type.ingest(text.replace("b3BlbnNz", "b3BlbnNy").getBytes(StandardCharsets.US_ASCII)))
                .getMessage());
        assertEquals(MaterialException.Reason.UNSUPPORTED_FORMAT, assertThrows(MaterialException.class,
                () -> type.ingest("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n"
                        .getBytes(StandardCharsets.US_ASCII))).reason());
        assertEquals("not an OpenSSH key (binary input; expected key text)", assertThrows(MaterialException.class,
                () -> type.ingest(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00})).getMessage());
        assertEquals("no SSH key in the input", assertThrows(MaterialException.class,
                () -> type.ingest(" \n".getBytes(StandardCharsets.US_ASCII))).getMessage());
    }

    @Test
    void publicKeyLineIsNormalised() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSH_KEYGEN), "ssh-keygen not installed");
        final Path key = temp.resolve("id_pub");
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "alice@example", "-f", key.toString());
        final String line = Files.readString(Path.of(key + ".pub")).strip();
        final String[] fields = line.split(" ");
        final byte[] messy = ("  " + fields[0] + "\t " + fields[1] + "   alice@example  \r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals((line + "\n").getBytes(StandardCharsets.US_ASCII), type.ingest(messy));
        assertEquals(MaterialException.Reason.MALFORMED, assertThrows(MaterialException.class,
                () -> type.ingest(("ssh-rsa " + fields[1]).getBytes(StandardCharsets.US_ASCII))).reason());
        assertEquals(MaterialException.Reason.NOT_SUPPORTED, assertThrows(MaterialException.class,
                () -> type.ingest((line + "\n" + line).getBytes(StandardCharsets.US_ASCII))).reason());
    }

    @Test
    void everyCorruptionFailsCleanly() throws Exception {
        final byte[] fixture = Files.readAllBytes(VECTORS.resolve("material_ssh_fixture_rsa1024.openssh-v1"));
        final String text = new String(fixture, StandardCharsets.US_ASCII);
        final String body = text.replace(SshKeyText.BEGIN, "").replace(SshKeyText.END, "").replaceAll("\\s", "");
        final byte[] binary = java.util.Base64.getDecoder().decode(body);
        for (int i = 0; i < binary.length; i++) {
            for (final int mask : new int[] {0x01, 0x80}) {
                final byte[] flipped = binary.clone();
                flipped[i] ^= (byte) mask;
                final byte[] armored = SshKeyText.armor(flipped);
                try {
                    type.preview(type.ingest(armored));
                } catch (final MaterialException expected) {
                    // curated failures only; anything else fails the test
                }
            }
        }
        for (int length = 0; length < binary.length; length++) {
            final byte[] cut = SshKeyText.armor(java.util.Arrays.copyOf(binary, length));
            assertThrows(MaterialException.class, () -> type.ingest(cut), "length " + length);
        }
    }

    private static String keygen(final String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(SSH_KEYGEN.toString());
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
