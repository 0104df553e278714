package org.cipherpost.cli.vault;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs on the {@code PATH} of the command's environment. */
final class Executables {
    private Executables() {
    }

    /**
     * Finds an executable by name.
     *
     * @param name program name without a slash
     * @param environment environment variables (its {@code PATH})
     * @return absolute path, or empty when no directory of the path holds it
     */
    static Optional<Path> find(final String name, final Map<String, String> environment) {
        final String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (final String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            final Path candidate = Path.of(directory, name).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Applies the command's environment to a process about to start.
     *
     * @param builder process builder
     * @param environment environment variables
     * @return the builder
     */
    static ProcessBuilder withEnvironment(final ProcessBuilder builder, final Map<String, String> environment) {
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }
}
