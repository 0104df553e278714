package org.cipherpost.cli.plugin;

import java.nio.file.Path;
import java.util.List;

/**
 * A plugin that was found, with what it provides.
 *
 * @param id plugin id
 * @param version plugin version
 * @param requires its {@code Plugin-Requires} range
 * @param description its description
 * @param jar the jar it was loaded from
 * @param started true when it started and its extensions were created
 * @param extensions one line per extension: {@code material x509-cert}, {@code storage-hook ...}
 */
record LoadedPlugin(String id, String version, String requires, String description, Path jar, boolean started,
                    List<String> extensions) {
    /**
     * Returns {@code id version}, the origin shown in errors.
     *
     * @return origin
     */
    String origin() {
        return id + " " + version;
    }
}
