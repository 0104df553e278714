package org.cipherpost.cli.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code plugin remove <id>}: delete an installed plugin from {@code $CIPHERPOST_HOME/plugins}. */
@Command(name = "remove",
        mixinStandardHelpOptions = true,
        description = {"Delete the plugin with this id from $CIPHERPOST_HOME/plugins. A broken jar that has no",
            "readable id can be removed by its file name. Plugins shipped with Cipherpost cannot be removed;",
            "CIPHERPOST_NO_PLUGINS=1 runs without them."},
        footer = {"", "Examples:", "  cipherpost plugin remove material-hex", "  cipherpost plugin remove broken.jar"})
public final class PluginRemoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "Plugin id (as 'plugin list' shows it) or jar file name.")
    String id;

    /** Creates the command with its context. */
    PluginRemoveCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final PluginDirectories directories = PluginDirectories.of(context.home(), context.environment());
        try {
            List<Path> jars = InstalledJars.withId(directories.user(), id);
            if (jars.isEmpty() && id.endsWith(".jar") && !id.contains("/") && !id.startsWith(".")) {
                final Path byName = directories.user().resolve(id);
                jars = Files.isRegularFile(byName) ? List.of(byName) : List.of();
            }
            if (jars.isEmpty()) {
                if (directories.system() != null && !InstalledJars.withId(directories.system(), id).isEmpty()) {
                    throw new CliException(ExitCodes.GENERIC, "plugin [" + id + "] ships with Cipherpost in ["
                            + directories.system() + "] and cannot be removed; " + PluginDirectories.DISABLE_VARIABLE
                            + "=1 runs without plugins");
                }
                throw new CliException(ExitCodes.GENERIC, "no plugin [" + PluginMessages.clean(id) + "] installed in ["
                        + directories.user() + "]");
            }
            for (final Path jar : jars) {
                Files.delete(jar);
                context.out().println("Removed " + jar);
            }
            context.out().flush();
            return ExitCodes.OK;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot remove plugin [" + id + "]: " + e.getMessage(), e);
        }
    }
}
