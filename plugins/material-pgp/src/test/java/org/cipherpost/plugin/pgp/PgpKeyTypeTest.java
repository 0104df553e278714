package org.cipherpost.plugin.pgp;

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
import java.util.Arrays;
import java.util.List;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.MaterialKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgpKeyTypeTest {
    private static final Path VECTORS = Path.of(System.getProperty("cipherpost.root"))
            .resolve("../shared/vectors/cipherpost-v1");
    private static final Path GPG = Path.of("/usr/bin/gpg");

    private final PgpKeyType type = new PgpKeyType();

    @TempDir
    Path temp;

    private static byte[] vector(final String name) throws IOException {
        return Files.readAllBytes(VECTORS.resolve(name));
    }

    @Test
    void fixtureIsCanonicalAndReproducesTheV1Signable() throws Exception {
        final byte[] fixture = vector("material_pgp_fixture.pgp");
        final byte[] canonical = type.ingest(fixture);
        assertArrayEquals(fixture, canonical);
        try (Envelope envelope = Envelope.builder().createdAt(1700000000L)
                .material(MaterialKind.PGP_KEY, canonical).purpose("test").build();
             SecretBytes jcs = envelope.canonicalBytes()) {
            assertArrayEquals(vector("material_pgp_signable.bin"), jcs.bytes());
        }
    }

    @Test
    void armorRoundTripsToTheSameBinary() throws Exception {
        for (final String name : List.of("material_pgp_fixture.pgp", "material_pgp_fixture_realistic.pgp",
                "material_pgp_secret_fixture.pgp")) {
            final byte[] binary = vector(name);
            final byte[] armored = type.render(binary, "armor");
            final String text = new String(armored, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith(name.contains("secret") ? "-----BEGIN PGP PRIVATE KEY BLOCK-----\n"
                    : "-----BEGIN PGP PUBLIC KEY BLOCK-----\n"), text);
            assertFalse(text.contains("Version:"), text);
            assertArrayEquals(binary, type.ingest(armored), name);
            assertArrayEquals(binary, type.ingest(text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void previewOfThePublicFixtures() throws Exception {
        final List<PreviewLine> small = type.preview(vector("material_pgp_fixture.pgp"));
        assertEquals(PreviewLine.of("Type", "OpenPGP public key, v4"), small.get(0));
        assertEquals("Fingerprint", small.get(1).label());
        assertTrue(small.get(1).value().matches("[0-9A-F]{40}"), small.get(1).value());
        assertTrue(small.get(2).value().startsWith("EdDSA (Ed25519)"), small.get(2).value());
        assertTrue(small.stream().anyMatch(line -> line.equals(PreviewLine.of("User ID", "cp <f@cp.t>"))),
                small.toString());
        final List<PreviewLine> realistic = type.preview(vector("material_pgp_fixture_realistic.pgp"));
        assertTrue(realistic.stream().anyMatch(line -> line.value().equals("RSA 3072 bits")), realistic.toString());
    }

    @Test
    void secretKeyIsFlagged() throws Exception {
        final List<PreviewLine> lines = type.preview(type.ingest(vector("material_pgp_secret_fixture.pgp")));
        assertTrue(lines.get(0).warning());
        assertTrue(lines.get(0).value().startsWith("OpenPGP SECRET key, v4"), lines.get(0).value());
        assertTrue(lines.stream().anyMatch(line -> line.label().equals("Protection") && line.warning()),
                lines.toString());
    }

    @Test
    void fingerprintsMatchGpg() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GPG), "gpg not installed");
        for (final String name : List.of("material_pgp_fixture.pgp", "material_pgp_fixture_realistic.pgp")) {
            final String colons = gpg("--homedir", gnupgHome().toString(), "--with-colons", "--show-keys",
                    VECTORS.resolve(name).toString());
            final String fpr = colons.lines().filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow()
                    .split(":")[9];
            assertEquals(fpr, type.preview(vector(name)).get(1).value(), name);
            final long subkeys = colons.lines().filter(line -> line.startsWith("sub:")).count();
            assertEquals(subkeys, type.preview(vector(name)).stream()
                    .filter(line -> line.label().equals("Subkey")).count(), name);
        }
    }

    @Test
    void gpgArmoredExportIngests() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GPG), "gpg not installed");
        final Path home = gnupgHome();
        gpg("--homedir", home.toString(), "--import", VECTORS.resolve("material_pgp_fixture_realistic.pgp").toString());
        final String armored = gpg("--homedir", home.toString(), "--armor", "--export");
        final byte[] binary = type.ingest(armored.getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(type.preview(vector("material_pgp_fixture_realistic.pgp")).get(1).value().getBytes(),
                type.preview(binary).get(1).value().getBytes());
    }

    @Test
    void version6KeyHasA64DigitFingerprint() throws Exception {
        final byte[] point = new byte[32];
        point[0] = 9;
        final org.bouncycastle.openpgp.PGPPublicKey key = new org.bouncycastle.openpgp.PGPPublicKey(
                new org.bouncycastle.bcpg.PublicKeyPacket(org.bouncycastle.bcpg.PublicKeyPacket.VERSION_6,
                        org.bouncycastle.bcpg.PublicKeyAlgorithmTags.Ed25519, new java.util.Date(1700000000000L),
                        new org.bouncycastle.bcpg.Ed25519PublicBCPGKey(point)),
                new org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator());
        final byte[] binary = key.getEncoded();
        final List<PreviewLine> lines = type.preview(type.ingest(binary));
        assertEquals(PreviewLine.of("Type", "OpenPGP public key, v6"), lines.get(0));
        assertEquals(java.util.HexFormat.of().withUpperCase().formatHex(key.getFingerprint()), lines.get(1).value());
        assertEquals(64, lines.get(1).value().length());
        assertTrue(lines.get(2).value().startsWith("Ed25519"), lines.get(2).value());
        assertEquals(PreviewLine.warning("User ID", "none"), lines.get(4));
    }

    @Test
    void badInputGetsCuratedReasons() throws Exception {
        final byte[] fixture = vector("material_pgp_fixture.pgp");
        final byte[] two = new byte[fixture.length * 2];
        System.arraycopy(fixture, 0, two, 0, fixture.length);
        System.arraycopy(fixture, 0, two, fixture.length, fixture.length);
        final MaterialException keyring = assertThrows(MaterialException.class, () -> type.ingest(two));
        assertEquals(MaterialException.Reason.NOT_SUPPORTED, keyring.reason());
        assertTrue(keyring.getMessage().endsWith("(found 2 primary keys)"), keyring.getMessage());
        final byte[] trailing = Arrays.copyOf(fixture, fixture.length + 3);
        assertEquals("malformed PGP packet stream", assertThrows(MaterialException.class,
                () -> type.ingest(trailing)).getMessage());
        assertEquals("not an OpenPGP key (expected binary packets or ASCII armor)", assertThrows(
                MaterialException.class, () -> type.ingest("hello".getBytes(StandardCharsets.US_ASCII))).getMessage());
        final String armored = new String(type.render(fixture, "armor"), StandardCharsets.US_ASCII);
        assertEquals(MaterialException.Reason.TRAILING_DATA, assertThrows(MaterialException.class,
                () -> type.ingest((armored + "junk\n").getBytes(StandardCharsets.US_ASCII))).reason());
        assertEquals("armor is not a PGP key block", assertThrows(MaterialException.class, () -> type.ingest(
                armored.replace("PUBLIC KEY BLOCK", "MESSAGE").getBytes(StandardCharsets.US_ASCII))).getMessage());
        final int body = armored.indexOf("\n\n") + 2;
        final String damaged = armored.substring(0, body) + (armored.charAt(body) == 'x' ? 'y' : 'x')
                + armored.substring(body + 1);
        assertThrows(MaterialException.class, () -> type.ingest(damaged.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void everyCorruptionFailsCleanly() throws Exception {
        for (final String name : List.of("material_pgp_fixture.pgp", "material_pgp_secret_fixture.pgp")) {
            final byte[] fixture = vector(name);
            for (int i = 0; i < fixture.length; i++) {
                for (final int mask : new int[] {0x01, 0x40, 0x80}) {
                    final byte[] flipped = fixture.clone();
                    flipped[i] ^= (byte) mask;
                    try {
                        type.preview(type.ingest(flipped));
                    } catch (final MaterialException expected) {
                        // curated failures only; anything else fails the test
                    }
                }
            }
            // A cut on a packet boundary is a shorter but well-formed stream (key without its user ID):
            // only those few may pass; every cut inside a packet must fail.
            int accepted = 0;
            for (int length = 0; length < fixture.length; length++) {
                try {
                    type.ingest(Arrays.copyOf(fixture, length));
                    accepted++;
                } catch (final MaterialException expected) {
                    // cut inside a packet
                }
            }
            assertTrue(accepted <= 3, name + ": " + accepted + " truncations accepted");
        }
    }

    private Path gnupgHome() throws IOException {
        final Path home = temp.resolve("gnupg");
        if (!Files.isDirectory(home)) {
            Files.createDirectory(home, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        return home;
    }

    private static String gpg(final String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(GPG.toString(), "--batch", "--no-autostart"));
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
