package org.cipherpost.cli.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.crypto.SecureFiles;
import org.pf4j.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plugin install <jar>}: check a plugin jar by loading it on its own, then copy it to
 * {@code $CIPHERPOST_HOME/plugins/<id>.jar} (0600, atomically).
 */
@Command(name = "install",
        mixinStandardHelpOptions = true,
        description = {"Load the jar on its own first (manifest, Plugin-Requires, every extension); a jar that",
            "does not load cleanly is refused. Installed as $CIPHERPOST_HOME/plugins/<id>.jar; a plugin with",
            "the same id there is replaced only with --force. Plugins run with your rights: install only",
            "jars you trust."},
        footer = {"", "Examples:", "  cipherpost plugin install ./material-hex-1.0.0.jar",
            "  cipherpost plugin install --force ./material-hex-1.1.0.jar"})
public final class PluginInstallCommand implements Callable<Integer> {
    /** Largest plugin jar accepted. */
    static final long MAX_JAR_BYTES = 64L * 1024 * 1024;

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "JAR", description = "The plugin jar.")
    Path jar;

    @Option(names = "--force", description = "Replace an installed plugin with the same id.")
    boolean force;

    /** Creates the command with its context. */
    PluginInstallCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final byte[] content = read();
        final PluginDescriptor descriptor = InstalledJars.descriptor(jar).orElseThrow(() -> new CliException(
                ExitCodes.GENERIC, "[" + jar + "] is not a plugin jar: no readable manifest with a Plugin-Id"));
        final String id = descriptor.getPluginId();
        final PluginHost.Loaded trial = trialLoad(content);
        if (!trial.problems().isEmpty()) {
            throw new CliException(ExitCodes.GENERIC, "plugin not installed: " + trial.problems().get(0).line()
                    + (trial.problems().size() > 1 ? " (and " + (trial.problems().size() - 1) + " more)" : ""));
        }
        if (trial.plugins().isEmpty() || trial.plugins().get(0).extensions().isEmpty()) {
            throw new CliException(ExitCodes.GENERIC, "plugin [" + PluginMessages.clean(String.valueOf(id))
                    + "] not installed: it provides no extension (is META-INF/extensions.idx in the jar?)");
        }
        final LoadedPlugin plugin = trial.plugins().get(0);
        final PluginDirectories directories = PluginDirectories.of(context.home(), context.environment());
        try {
            final List<Path> existing = InstalledJars.withId(directories.user(), id);
            if (!existing.isEmpty() && !force) {
                throw new CliException(ExitCodes.GENERIC, "plugin [" + id + "] is already installed ["
                        + existing.get(0) + "]; use --force to replace it");
            }
            SecureFiles.createPrivateDirectories(directories.user());
            final Path target = directories.user().resolve(id + ".jar");
            SecureFiles.writeAtomically(target, content, SecureFiles.PRIVATE_FILE);
            for (final Path old : existing) {
                if (!Files.isSameFile(old, target)) {
                    Files.deleteIfExists(old);
                }
            }
            context.out().println("Installed plugin " + plugin.origin() + " as " + target);
            for (final String extension : plugin.extensions()) {
                context.out().println("  provides " + extension);
            }
            if (directories.system() != null && !InstalledJars.withId(directories.system(), id).isEmpty()) {
                context.out().println("  (it takes precedence over the copy shipped in " + directories.system() + ")");
            }
            context.out().flush();
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot install plugin [" + id + "] into ["
                    + directories.user() + "]: " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    /** Reads the jar, refusing a missing, non-jar or oversize file. */
    private byte[] read() throws CliException {
        try {
            if (!Files.isRegularFile(jar)) {
                throw new CliException(ExitCodes.GENERIC, "no plugin jar at [" + jar + "]");
            }
            if (!jar.getFileName().toString().endsWith(".jar")) {
                throw new CliException(ExitCodes.GENERIC, "[" + jar + "] is not a .jar file; plugins are jars");
            }
            if (Files.size(jar) > MAX_JAR_BYTES) {
                throw new CliException(ExitCodes.GENERIC, "[" + jar + "] is larger than " + MAX_JAR_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(jar)) {
                return in.readNBytes((int) MAX_JAR_BYTES);
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "no plugin jar at [" + jar + "]", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read [" + jar + "]: " + e.getMessage(), e);
        }
    }

    /** Loads the jar alone from a private scratch directory, so nothing else can mask its problems. */
    private PluginHost.Loaded trialLoad(final byte[] content) throws CliException {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("cipherpost-plugin-");
            // 0600 whatever the umask: the host refuses jars that others can write.
            Files.write(Files.createFile(scratch.resolve("candidate.jar"),
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_FILE)), content);
            final PluginHost host = new PluginHost(new PluginDirectories(scratch, null, false), InstantSource.system());
            return host.load();
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot check plugin [" + jar + "]: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    /** Deletes the scratch directory and its content. */
    private static void deleteQuietly(final Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes)
                        throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException failure)
                        throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException e) {
            // scratch in the temp directory; nothing secret in it
        }
    }

}
