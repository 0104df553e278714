package org.cipherpost.cli.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;

/** Reads plugin ids from the jars of one directory, without loading any plugin code. */
final class InstalledJars {
    private InstalledJars() {
    }

    /**
     * Returns the jars of a directory whose manifest declares the given plugin id.
     *
     * @param directory plugins directory (may not exist)
     * @param id plugin id
     * @return matching jars
     * @throws IOException when the directory cannot be listed
     */
    static List<Path> withId(final Path directory, final String id) throws IOException {
        final List<Path> matches = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return matches;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
            for (final Path jar : jars) {
                if (descriptor(jar).map(found -> id.equals(found.getPluginId())).orElse(false)) {
                    matches.add(jar);
                }
            }
        }
        return matches;
    }

    /**
     * Reads a jar's plugin descriptor.
     *
     * @param jar jar file
     * @return descriptor, or empty when the jar or its manifest cannot be read
     */
    static Optional<PluginDescriptor> descriptor(final Path jar) {
        try {
            return Optional.ofNullable(new ManifestPluginDescriptorFinder().find(jar));
        } catch (final RuntimeException e) {
            return Optional.empty();
        }
    }
}
