package org.cipherpost.cli.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where plugins are loaded from, in order: the user's {@code $CIPHERPOST_HOME/plugins}, then the distribution's
 * {@code plugins/} directory, which the launcher passes in {@value #SYSTEM_VARIABLE}.
 *
 * <p>A plugin id found in both is loaded from the first; the second copy is reported and skipped.
 *
 * @param user the user's directory (where {@code plugin install} writes)
 * @param system the distribution's directory, or null when not run from an image
 * @param disabled true when {@value #DISABLE_VARIABLE} asks to run without any plugin
 */
record PluginDirectories(Path user, Path system, boolean disabled) {
    /** Set by bin/cipherpost to the image's plugins directory. */
    static final String SYSTEM_VARIABLE = "CIPHERPOST_SYSTEM_PLUGINS";
    /** Set to 1 (or true) to load no plugin at all. */
    static final String DISABLE_VARIABLE = "CIPHERPOST_NO_PLUGINS";

    /**
     * Resolves the directories from the environment.
     *
     * @param home Cipherpost home
     * @param environment environment variables
     * @return directories
     */
    static PluginDirectories of(final Path home, final Map<String, String> environment) {
        final String system = environment.get(SYSTEM_VARIABLE);
        final String disabled = environment.getOrDefault(DISABLE_VARIABLE, "");
        return new PluginDirectories(home.resolve("plugins"),
                system == null || system.isBlank() ? null : Path.of(system).toAbsolutePath().normalize(),
                disabled.equals("1") || disabled.equalsIgnoreCase("true"));
    }

    /**
     * Returns the directories to load from, in order.
     *
     * @return roots
     */
    List<Path> roots() {
        final List<Path> roots = new ArrayList<>(2);
        roots.add(user);
        if (system != null && !system.equals(user.toAbsolutePath().normalize())) {
            roots.add(system);
        }
        return roots;
    }
}
