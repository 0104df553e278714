package org.cipherpost.cli.plugin;

import org.cipherpost.cli.CommandGroup;
import picocli.CommandLine.Command;

/** The {@code plugin} command group. */
@Command(name = "plugin",
        mixinStandardHelpOptions = true,
        header = "List, install and remove plugins (material types, storage hooks, key backends).",
        description = {"Plugins are PF4J jars loaded from $CIPHERPOST_HOME/plugins, then from the plugins/",
            "directory of the Cipherpost installation. A plugin that cannot load is reported in one line and",
            "everything else keeps working; CIPHERPOST_NO_PLUGINS=1 runs without any plugin."},
        subcommands = {PluginListCommand.class, PluginInstallCommand.class, PluginRemoveCommand.class,
            PluginPreviewCommand.class},
        footer = {"", "Examples:", "  cipherpost plugin list", "  cipherpost plugin install ./material-hex-1.0.0.jar",
            "  cipherpost plugin remove material-hex", "  cipherpost plugin preview x509-cert server.pem"})
public final class PluginCommand extends CommandGroup {
}
