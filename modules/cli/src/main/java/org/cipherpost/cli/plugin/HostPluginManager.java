package org.cipherpost.cli.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.cipherpost.api.ApiVersion;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's jar plugin manager with the host's rules: roots in a fixed order, jars sorted by name, jars writable by
 * other users refused, every plugin that fails to load reported in one line instead of only logged.
 */
final class HostPluginManager extends JarPluginManager {
    private final Consumer<PluginProblem> problems;

    /**
     * Creates the manager; nothing is read before {@link #loadPlugins()}.
     *
     * @param roots plugin directories in priority order
     * @param problems receives one problem per plugin that cannot be used
     */
    HostPluginManager(final List<Path> roots, final Consumer<PluginProblem> problems) {
        super(roots.toArray(Path[]::new));
        this.problems = problems;
        setSystemVersion(ApiVersion.CURRENT);
        setExactVersionAllowed(false);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new OrderedJarRepository();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // No enabled.txt / disabled.txt: a plugin in a plugins directory is enabled; remove it to disable it.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(final String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(final String pluginId) {
                throw new UnsupportedOperationException("Plugins are disabled by removing them");
            }

            @Override
            public void enablePlugin(final String pluginId) {
            }
        };
    }

    @Override
    protected PluginWrapper loadPluginFromPath(final Path pluginPath) {
        try {
            final String id = getPluginDescriptorFinder().find(pluginPath).getPluginId();
            final PluginWrapper first = id == null ? null : getPlugin(id);
            if (first != null) {
                report(new PluginProblem(id, "second copy in [" + pluginPath + "] ignored; using ["
                        + first.getPluginPath() + "]"));
                return null;
            }
            return super.loadPluginFromPath(pluginPath);
        } catch (final PluginAlreadyLoadedException e) {
            report(new PluginProblem(e.getPluginId(), "second copy in [" + pluginPath + "] ignored; using ["
                    + e.getPluginPath() + "]"));
        } catch (final RuntimeException | LinkageError e) {
            report(new PluginProblem(fileName(pluginPath), "not loaded: " + PluginMessages.describe(e)));
        }
        return null;
    }

    /** Hands a problem to the consumer. */
    private void report(final PluginProblem problem) {
        if (problems != null) {
            problems.accept(problem);
        }
    }

    /** Returns a path's file name for messages. */
    private static String fileName(final Path path) {
        return String.valueOf(path.getFileName());
    }

    /** Lists {@code *.jar} regular files of each root, by name, root by root; refuses jars others can write. */
    private final class OrderedJarRepository implements PluginRepository {
        @Override
        public List<Path> getPluginPaths() {
            final List<Path> paths = new ArrayList<>();
            for (final Path root : getPluginsRoots()) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                if (writableByOthers(root)) {
                    report(new PluginProblem(root.toString(), "directory ignored: other users can write to it"
                            + " (chmod go-w " + root + ")"));
                    continue;
                }
                final Set<Path> jars = new TreeSet<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, "*.jar")) {
                    stream.forEach(jars::add);
                } catch (final IOException e) {
                    report(new PluginProblem(root.toString(), "directory not readable: " + e.getMessage()));
                }
                for (final Path jar : jars) {
                    if (!Files.isRegularFile(jar) || jar.getFileName().toString().startsWith(".")) {
                        continue;
                    }
                    if (writableByOthers(jar)) {
                        report(new PluginProblem(fileName(jar), "ignored: other users can write to it (chmod go-w "
                                + jar + ")"));
                        continue;
                    }
                    paths.add(jar);
                }
            }
            return paths;
        }

        @Override
        public boolean deletePluginPath(final Path pluginPath) {
            return false;
        }

        /** Tells whether group or others may write to the path. */
        private boolean writableByOthers(final Path path) {
            try {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                return permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
            } catch (final IOException | UnsupportedOperationException e) {
                return false;
            }
        }
    }
}
