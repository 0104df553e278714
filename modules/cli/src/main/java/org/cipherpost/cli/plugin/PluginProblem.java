package org.cipherpost.cli.plugin;

/**
 * A plugin (or one of its extensions) that could not be used, in one line.
 *
 * @param plugin what failed: a plugin id, or the jar's file name when no id could be read
 * @param message why, without stack traces or secrets
 */
public record PluginProblem(String plugin, String message) {
    /**
     * Returns the one-line report.
     *
     * @return {@code plugin [x]: message}
     */
    public String line() {
        return "plugin [" + plugin + "]: " + message;
    }
}
