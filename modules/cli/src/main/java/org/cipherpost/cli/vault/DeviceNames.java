package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The default name of this device: the host name, without a DNS lookup. */
final class DeviceNames {
    private static final Path HOSTNAME_FILE = Path.of("/etc/hostname");
    private static final String FALLBACK = "this-device";

    private DeviceNames() {
    }

    /**
     * Returns the given name, else {@code $HOSTNAME}, else {@code /etc/hostname}, else {@code this-device}.
     *
     * @param given name from the command line, or null
     * @param environment environment variables
     * @return device name
     */
    static String orDefault(final String given, final Map<String, String> environment) {
        if (given != null) {
            return given;
        }
        final String variable = environment.get("HOSTNAME");
        if (variable != null && !variable.isBlank()) {
            return variable.strip();
        }
        try {
            final String file = new String(Files.readAllBytes(HOSTNAME_FILE), StandardCharsets.UTF_8).strip();
            if (!file.isEmpty() && file.lines().count() == 1) {
                return file;
            }
        } catch (final IOException e) {
            // No host name file: use the fallback.
        }
        return FALLBACK;
    }
}
