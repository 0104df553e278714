package org.cipherpost.cli.plugin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cipherpost.api.ApiVersion;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code plugin list}: every plugin found, what it provides, and every one that cannot load with the reason. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = {"Load every plugin and list it with the extensions it provides. Plugins that cannot be",
            "used are listed as 'skipped' with the reason; the exit code stays 0."})
public final class PluginListCommand implements Callable<Integer> {
    private final CliContext context;

    /** Creates the command with its context. */
    PluginListCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        final PluginHost host = PluginHost.of(context);
        final PrintWriter out = context.out();
        final PluginDirectories directories = host.directories();
        out.println("Plugin API " + ApiVersion.CURRENT + "; plugins from " + directories.user()
                + (directories.system() != null ? " and " + directories.system() : ""));
        out.println("Built in: material generic-secret (generic_secret)");
        if (directories.disabled()) {
            out.println("Plugins disabled (" + PluginDirectories.DISABLE_VARIABLE + ")");
            out.flush();
            return ExitCodes.OK;
        }
        final PluginHost.Loaded loaded = host.load();
        for (final LoadedPlugin plugin : loaded.plugins()) {
            out.println(PluginMessages.clean(plugin.id()) + " " + PluginMessages.clean(plugin.version()) + "  "
                    + (plugin.started() ? "started" : "not started") + "  " + plugin.jar());
            if (!plugin.description().isEmpty()) {
                out.println("  " + PluginMessages.clean(plugin.description()));
            }
            for (final String extension : plugin.extensions()) {
                out.println("  provides " + extension);
            }
        }
        for (final PluginProblem problem : loaded.problems()) {
            out.println("skipped: " + problem.line());
        }
        if (loaded.plugins().isEmpty() && loaded.problems().isEmpty()) {
            out.println("No plugins installed.");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
