package org.cipherpost.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A copy of the image's launchers next to a fake runtime/bin/java that records its arguments, copies stdin to
 * stdout and exits with {@code $FAKE_JAVA_EXIT}: tests the launcher scripts without starting a JVM.
 */
final class FakeImage {
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            # Stands in for runtime/bin/java: records its arguments, copies stdin to stdout, exits as told.
            printf '%s\\0' "$@" >"${0%/runtime/bin/java}/java-args"
            cat
            exit "${FAKE_JAVA_EXIT:-0}"
            """;

    private final Path root;

    /**
     * Wraps a fake image directory.
     *
     * @param root the directory
     */
    private FakeImage(final Path root) {
        this.root = root;
    }

    /**
     * Builds a fake image from the real image's bin/ scripts.
     *
     * @return the fake image
     * @throws IOException when it cannot be written
     */
    static FakeImage create() throws IOException {
        final Path root = Launcher.newPrivateDirectory("fake-image-").toRealPath();
        final Path bin = Files.createDirectories(root.resolve("bin"));
        for (final String launcher : List.of("cipherpost", "ciphey")) {
            Files.copy(Launcher.image().resolve("bin").resolve(launcher), bin.resolve(launcher));
        }
        Files.createDirectories(root.resolve("lib"));
        final Path java = Files.createDirectories(root.resolve("runtime/bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        return new FakeImage(root);
    }

    /**
     * Returns the fake image directory (its real path).
     *
     * @return the root
     */
    Path root() {
        return root;
    }

    /**
     * Returns one of the copied launchers.
     *
     * @param name cipherpost or ciphey
     * @return the launcher path
     */
    Path launcher(final String name) {
        return root.resolve("bin").resolve(name);
    }

    /**
     * Returns the arguments the fake java received in its last run.
     *
     * @return the arguments, in order
     * @throws IOException when no run recorded them
     */
    List<String> javaArguments() throws IOException {
        final String recorded = Files.readString(root.resolve("java-args"), StandardCharsets.UTF_8);
        if (recorded.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(recorded.substring(0, recorded.length() - 1).split("\0", -1));
    }

    /**
     * Returns the arguments the fake java received after the main module, i.e. what the CLI's main() would see.
     *
     * @return the application arguments
     * @throws IOException when no run recorded them
     */
    List<String> applicationArguments() throws IOException {
        final List<String> all = javaArguments();
        final int main = all.indexOf("org.cipherpost.cli/org.cipherpost.cli.Main");
        if (main < 1 || !"-m".equals(all.get(main - 1))) {
            throw new AssertionError("No [-m org.cipherpost.cli/org.cipherpost.cli.Main] in " + all);
        }
        return all.subList(main + 1, all.size());
    }

    /**
     * Returns the JVM options the fake java received, i.e. everything before the main module.
     *
     * @return the JVM options, in order
     * @throws IOException when no run recorded them
     */
    List<String> jvmOptions() throws IOException {
        final List<String> all = javaArguments();
        return all.subList(0, all.indexOf("-m"));
    }
}
