package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built image run for real: the CLI starts from every entry point and the JVM adds nothing to the output. */
class CipherpostImageIT {
    /**
     * Lines the JVM, the java launcher or a library print on their own: warnings (native access, JNA), unified
     * logging, picked-up options, SLF4J's "no providers" notice.
     */
    private static final Pattern JVM_NOISE = Pattern.compile("(?m)^(WARNING|NOTE|Picked up|OpenJDK|Java HotSpot"
            + "|Error occurred|SLF4J|\\[\\d+[.,]\\d+s\\]|\\[(warning|error|info)\\s*\\])");

    private static final String CACHE = "lib/cipherpost.aot";

    /** Needs the lead's picocli CLI; fails against the stub Main that prints nothing. */
    @Test
    void helpPrintsUsageToStdout() throws Exception {
        final LaunchResult result = Launcher.cipherpost().run("--help");
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.out().contains("Usage: cipherpost"), result::describe);
        assertEquals("", result.err(), result::describe);
    }

    @Test
    void cipheyIsCipherpostVault() throws Exception {
        final LaunchResult ciphey = Launcher.ciphey().run("--help");
        final LaunchResult cipherpost = Launcher.cipherpost().run("vault", "--help");
        assertNoJvmNoise(ciphey);
        assertEquals(cipherpost.exitCode(), ciphey.exitCode(), ciphey::describe);
        assertEquals(cipherpost.out(), ciphey.out());
        assertEquals(cipherpost.err(), ciphey.err());
    }

    @Test
    void runsFromASymlinkInAnotherDirectory() throws Exception {
        final Path elsewhere = Launcher.newPrivateDirectory("links-");
        Files.createSymbolicLink(elsewhere.resolve("target"), Launcher.image().resolve("bin/cipherpost"));
        final Path link = Files.createSymbolicLink(elsewhere.resolve("cp"), Path.of("target"));
        final LaunchResult direct = Launcher.cipherpost().run("--help");
        final LaunchResult viaLink = Launcher.of(link).inDirectory(elsewhere).run("--help");
        assertEquals(0, viaLink.exitCode(), viaLink::describe);
        assertEquals(direct.out(), viaLink.out());
        assertEquals(direct.err(), viaLink.err());
    }

    @Test
    void stderrHasNoJvmWarnings() throws Exception {
        for (final List<String> args : List.of(List.of("--help"), List.of("--version"), List.<String>of())) {
            assertNoJvmNoise(Launcher.cipherpost().run(args));
        }
    }

    /** Needs the CLI's {@code identity generate}: loads JNA (native Argon2) and BouncyCastle. */
    @Test
    void nativeCryptoPrintsNoJvmWarnings() throws Exception {
        final LaunchResult result = Launcher.cipherpost()
                .withEnv("CIPHERPOST_PASSPHRASE", "correct horse battery staple").run("identity", "generate");
        assertEquals(0, result.exitCode(), result::describe);
        assertNoJvmNoise(result);
    }

    @Test
    void theAotCacheIsUsed() throws Exception {
        assumeTrue(Files.isRegularFile(Launcher.image().resolve(CACHE)), "no AOT cache in this image (JDK < 25)");
        final LaunchResult result = Launcher.cipherpost()
                .withEnv("CIPHERPOST_JAVA_OPTS", "-Xlog:class+load=info:stderr").run("--help");
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.err().contains("org.cipherpost.cli.Main source: shared objects file"), result::describe);
    }

    @Test
    void aRelocatedImageRunsQuietlyWithoutItsCache() throws Exception {
        final Path copy = linkedCopy(true);
        assertRunsLikeTheImage(Launcher.of(copy.resolve("bin/cipherpost")));
    }

    @Test
    void aCorruptCacheIsIgnoredQuietly() throws Exception {
        final Path copy = linkedCopy(false);
        final byte[] garbage = new byte[100_000];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 7 + 3);
        }
        Files.write(copy.resolve(CACHE), garbage);
        assertRunsLikeTheImage(Launcher.of(copy.resolve("bin/cipherpost")));
    }

    @Test
    void aMissingCacheIsNotNeeded() throws Exception {
        final Path copy = linkedCopy(false);
        assertFalse(Files.exists(copy.resolve(CACHE)));
        assertRunsLikeTheImage(Launcher.of(copy.resolve("bin/cipherpost")));
    }

    /**
     * Runs --help through the launcher and expects what the real image prints, and no JVM noise.
     *
     * @param launcher the launcher of a modified copy
     * @throws Exception when the runs fail
     */
    private static void assertRunsLikeTheImage(final Launcher launcher) throws Exception {
        final LaunchResult expected = Launcher.cipherpost().run("--help");
        final LaunchResult actual = launcher.run("--help");
        assertNoJvmNoise(actual);
        assertEquals(expected.exitCode(), actual.exitCode(), actual::describe);
        assertArrayEquals(expected.stdout(), actual.stdout(), actual::describe);
    }

    /**
     * Fails when stderr or stdout contains a line the JVM printed on its own.
     *
     * @param result the run
     */
    private static void assertNoJvmNoise(final LaunchResult result) {
        assertFalse(JVM_NOISE.matcher(result.err()).find(), result::describe);
        assertFalse(JVM_NOISE.matcher(result.out()).find(), result::describe);
    }

    /**
     * Makes a copy of the image at another path: bin/ copied, lib/ hard-linked (same jar timestamps), runtime/
     * symlinked.
     *
     * @param withCache whether to link the AOT cache too
     * @return the copy's root
     * @throws IOException when the copy cannot be made
     */
    private static Path linkedCopy(final boolean withCache) throws IOException {
        final Path image = Launcher.image();
        final Path copy = Launcher.newPrivateDirectory("image-copy-");
        Files.createSymbolicLink(copy.resolve("runtime"), image.resolve("runtime"));
        final Path bin = Files.createDirectories(copy.resolve("bin"));
        Files.copy(image.resolve("bin/cipherpost"), bin.resolve("cipherpost"));
        final Path lib = Files.createDirectories(copy.resolve("lib"));
        try (Stream<Path> files = Files.list(image.resolve("lib"))) {
            for (final Path file : files.toList()) {
                final boolean cache = file.getFileName().toString().equals("cipherpost.aot");
                if (!cache || withCache) {
                    Files.createLink(lib.resolve(file.getFileName()), file);
                }
            }
        }
        return copy;
    }
}
