package org.cipherpost.plugin.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cipherpost.api.HostContext;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.MaterialKind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class X509CertTypeTest {
    private static final Path VECTORS = Path.of(System.getProperty("cipherpost.root"))
            .resolve("../shared/vectors/cipherpost-v1");

    @TempDir
    Path temp;

    private static X509CertType type(final Instant now) {
        return new X509CertType(new HostContext() {
            @Override
            public String apiVersion() {
                return "1.0.0";
            }

            @Override
            public InstantSource clock() {
                return InstantSource.fixed(now);
            }

            @Override
            public String pluginId() {
                return "material-x509";
            }
        });
    }

    private static byte[] fixture() throws IOException {
        return Files.readAllBytes(VECTORS.resolve("x509_cert_fixture.der"));
    }

    @Test
    void fixtureIngestsToItselfAndReproducesTheV1Signable() throws Exception {
        final byte[] der = fixture();
        final byte[] canonical = type(Instant.EPOCH).ingest(der);
        assertArrayEquals(der, canonical);
        try (Envelope envelope = Envelope.builder().createdAt(1700000000L)
                .material(MaterialKind.X509_CERT, canonical).purpose("test").build();
             SecretBytes jcs = envelope.canonicalBytes()) {
            assertArrayEquals(Files.readAllBytes(VECTORS.resolve("material_x509_signable.bin")), jcs.bytes());
        }
    }

    @Test
    void pemInAnyLayoutGivesTheSameDer() throws Exception {
        final byte[] der = fixture();
        final X509CertType type = type(Instant.EPOCH);
        final byte[] pem = type.render(der, "armor");
        assertTrue(new String(pem, StandardCharsets.US_ASCII).startsWith("-----BEGIN CERTIFICATE-----\nMIIB"));
        assertArrayEquals(der, type.ingest(pem));
        final String crlf = "Certificate:\r\n    some openssl text\r\n"
                + new String(pem, StandardCharsets.US_ASCII).replace("\n", "\r\n") + "\r\n\r\n";
        assertArrayEquals(der, type.ingest(crlf.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void previewOfTheFixture() throws Exception {
        final Map<String, PreviewLine> lines = byLabel(type(Instant.parse("2027-01-01T00:00:00Z")).preview(fixture()));
        assertEquals("CN=cipherpost-fixture,O=cipherpost,C=XX", lines.get("Subject").value());
        assertEquals("CN=cipherpost-fixture,O=cipherpost,C=XX (self-signed)", lines.get("Issuer").value());
        assertEquals("1 (0x1)", lines.get("Serial").value());
        assertEquals("2026-04-24T19:28:50Z", lines.get("Not Before").value());
        assertEquals("2028-04-23T19:28:50Z  (478 days left)", lines.get("Not After").value());
        assertFalse(lines.get("Not After").warning());
        assertEquals("Ed25519 (256 bits)", lines.get("Key").value());
        assertEquals("ED25519", lines.get("Signature").value());
        assertTrue(lines.get("CA").value().startsWith("yes"), lines.get("CA").value());
        assertTrue(lines.get("SHA-256").value().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    }

    @Test
    void expiredAndNotYetValidAreFlagged() throws Exception {
        final PreviewLine expired = byLabel(type(Instant.parse("2030-04-23T19:28:50Z")).preview(fixture()))
                .get("Not After");
        assertTrue(expired.warning());
        assertEquals("2028-04-23T19:28:50Z  [EXPIRED 730 days ago]", expired.value());
        final PreviewLine early = byLabel(type(Instant.parse("2020-01-01T00:00:00Z")).preview(fixture()))
                .get("Not After");
        assertTrue(early.warning());
        assertTrue(early.value().endsWith("[NOT YET VALID]"));
    }

    @Test
    void fingerprintMatchesOpenssl() throws Exception {
        final Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl not installed");
        final String expected = run(openssl.toString(), "x509", "-inform", "der", "-noout", "-fingerprint", "-sha256",
                "-in", VECTORS.resolve("x509_cert_fixture.der").toString());
        final String ours = byLabel(type(Instant.EPOCH).preview(fixture())).get("SHA-256").value();
        assertEquals(expected.substring(expected.indexOf('=') + 1).strip(), ours);
    }

    @Test
    void realRsaAndEcCertificatesFromOpenssl() throws Exception {
        final Path openssl = Path.of("/usr/bin/openssl");
        Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl not installed");
        for (final String[] keySpec : new String[][] {{"rsa:2048", "RSA 2048 bits"},
            {"ec -pkeyopt ec_paramgen_curve:P-256", "(256 bits)"}, {"ec -pkeyopt ec_paramgen_curve:P-384", "(384 bits)"}}) {
            final Path pem = temp.resolve("cert.pem");
            final String[] algorithm = keySpec[0].split(" ");
            final List<String> command = new java.util.ArrayList<>(List.of(openssl.toString(), "req", "-x509",
                    "-newkey", algorithm[0]));
            command.addAll(Arrays.asList(algorithm).subList(1, algorithm.length));
            command.addAll(List.of("-nodes", "-keyout", temp.resolve("key.pem").toString(), "-out", pem.toString(),
                    "-days", "30", "-subj", "/CN=test.example/O=Example"));
            run(command.toArray(String[]::new));
            final X509CertType type = type(Instant.now());
            final byte[] der = type.ingest(Files.readAllBytes(pem));
            final String key = byLabel(type.preview(der)).get("Key").value();
            assertTrue(key.contains(keySpec[1]), key);
            final String expected = run(openssl.toString(), "x509", "-noout", "-fingerprint", "-sha256", "-in",
                    pem.toString());
            assertEquals(expected.substring(expected.indexOf('=') + 1).strip(),
                    byLabel(type.preview(der)).get("SHA-256").value());
        }
    }

    @Test
    void badInputGetsCuratedReasons() throws Exception {
        final X509CertType type = type(Instant.EPOCH);
        final byte[] der = fixture();
        final byte[] trailing = Arrays.copyOf(der, der.length + 2);
        assertEquals(MaterialException.Reason.TRAILING_DATA, assertThrows(MaterialException.class,
                () -> type.ingest(trailing)).reason());
        assertEquals("malformed DER", assertThrows(MaterialException.class,
                () -> type.ingest(Arrays.copyOf(der, der.length - 1))).getMessage());
        final byte[] indefinite = der.clone();
        indefinite[1] = (byte) 0x80;
        assertTrue(assertThrows(MaterialException.class, () -> type.ingest(indefinite)).getMessage()
                .contains("indefinite-length"));
        assertEquals("not a certificate (expected DER or PEM)", assertThrows(MaterialException.class,
                () -> type.ingest("hello".getBytes(StandardCharsets.US_ASCII))).getMessage());
        assertEquals("PEM label is not CERTIFICATE", assertThrows(MaterialException.class,
                () -> type.ingest("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                        .getBytes(StandardCharsets.US_ASCII))).getMessage());
        final byte[] pem = type.render(der, "armor");
        final byte[] two = new byte[pem.length * 2];
        System.arraycopy(pem, 0, two, 0, pem.length);
        System.arraycopy(pem, 0, two, pem.length, pem.length);
        assertEquals(MaterialException.Reason.NOT_SUPPORTED, assertThrows(MaterialException.class,
                () -> type.ingest(two)).reason());
        final byte[] badBase64 = new String(pem, StandardCharsets.US_ASCII).replace("MIIB", "M*IB")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals("PEM body decode failed", assertThrows(MaterialException.class,
                () -> type.ingest(badBase64)).getMessage());
        // A valid DER SEQUENCE that is not a certificate.
        assertEquals("not an X.509 certificate", assertThrows(MaterialException.class,
                () -> type.ingest(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).getMessage());
    }

    @Test
    void everyTruncationFailsCleanly() throws Exception {
        final X509CertType type = type(Instant.EPOCH);
        final byte[] der = fixture();
        for (int length = 0; length < der.length; length++) {
            final byte[] cut = Arrays.copyOf(der, length);
            assertThrows(MaterialException.class, () -> type.ingest(cut), "length " + length);
        }
        for (int i = 0; i < der.length; i++) {
            final byte[] flipped = der.clone();
            flipped[i] ^= 0x01;
            try {
                type.preview(type.ingest(flipped));
            } catch (final MaterialException expected) {
                // a curated failure is fine; anything else fails the test
            }
        }
    }

    private static Map<String, PreviewLine> byLabel(final List<PreviewLine> lines) {
        return lines.stream().collect(Collectors.toMap(PreviewLine::label, line -> line));
    }

    private static String run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
