package org.cipherpost.dht;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The pinned npm implementations the interop tests run against ({@code src/test/npm/package-lock.json}):
 * installed with {@code npm ci} into {@code <build dir>/npm-interop} on first use and reused while the lockfile
 * is unchanged. {@code CIPHERPOST_NPM_INTEROP} may name a ready directory instead;
 * {@code -Dcipherpost.interop=skip} skips the tests; otherwise a missing node or npm fails them.
 */
final class NpmInterop {
    /** Environment variable naming a directory where the pinned packages are already installed. */
    static final String DIRECTORY_VARIABLE = "CIPHERPOST_NPM_INTEROP";

    private static final String SKIP_PROPERTY = "cipherpost.interop";
    private static final List<String> FILES = List.of("package.json", "package-lock.json");
    private static final long INSTALL_MINUTES = 5;

    private NpmInterop() {
    }

    /**
     * Returns a directory holding {@code node_modules} with the pinned packages, installing them when needed.
     *
     * @return directory to pass to the scripts as {@code INTEROP_DIR}
     * @throws IOException when the install fails
     * @throws InterruptedException when interrupted while installing
     */
    static synchronized Path directory() throws IOException, InterruptedException {
        Assumptions.assumeFalse("skip".equals(System.getProperty(SKIP_PROPERTY)),
                "interop tests skipped by -D" + SKIP_PROPERTY + "=skip");
        final String preset = System.getenv(DIRECTORY_VARIABLE);
        if (preset != null && !preset.isBlank()) {
            final Path directory = Path.of(preset);
            if (!Files.isDirectory(directory.resolve("node_modules/pkarr"))
                    || !Files.isDirectory(directory.resolve("node_modules/bittorrent-dht"))) {
                fail(DIRECTORY_VARIABLE + "=" + preset + " has no node_modules/pkarr and node_modules/bittorrent-dht;"
                        + " run 'npm ci' there with modules/dht/src/test/npm/package*.json, or unset it");
            }
            return directory;
        }
        if (!onPath("node") || !onPath("npm")) {
            fail("The DHT/PKARR interop tests need node and npm on the PATH (Debian: apt-get install nodejs npm;"
                    + " .ci/run installs them). To run the build without them pass -D" + SKIP_PROPERTY + "=skip.");
        }
        final Path source = Path.of(System.getProperty("cipherpost.root"), "modules", "dht", "src", "test", "npm");
        final Path directory = buildDirectory().resolve("npm-interop");
        Files.createDirectories(directory);
        try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            assertTrue(lock.isValid());
            final String wanted = digest(source);
            final Path stamp = directory.resolve(".installed");
            if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(wanted)
                    && Files.isDirectory(directory.resolve("node_modules/pkarr"))) {
                return directory;
            }
            for (final String file : FILES) {
                Files.copy(source.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            final Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("npm-ci.log").toFile()).start();
            if (!npm.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                fail("npm ci did not finish within " + INSTALL_MINUTES + " minutes; see "
                        + directory.resolve("npm-ci.log"));
            }
            if (npm.exitValue() != 0) {
                fail("npm ci failed with exit " + npm.exitValue() + "; see " + directory.resolve("npm-ci.log"));
            }
            Files.writeString(stamp, wanted);
            return directory;
        }
    }

    /**
     * Copies a script from the test resources into a directory.
     *
     * @param name resource name beside this class
     * @param directory target directory
     * @return the copied script
     * @throws IOException when the copy fails
     */
    static Path script(final String name, final Path directory) throws IOException {
        final Path script = directory.resolve(name);
        try (InputStream in = NpmInterop.class.getResourceAsStream(name)) {
            Files.copy(Objects.requireNonNull(in, "Interop script resource required"), script,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static boolean onPath(final String command) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (final String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    /** The build directory ({@code target} or {@code target-<name>}) holding the test classes. */
    private static Path buildDirectory() throws IOException {
        try {
            return Path.of(NpmInterop.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (final URISyntaxException e) {
            throw new IOException("Test classes location not a path", e);
        }
    }

    private static String digest(final Path source) throws IOException {
        try {
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (final String file : FILES) {
                sha256.update(Files.readAllBytes(source.resolve(file)));
                sha256.update(file.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
