package org.cipherpost.plugin.git;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks the vault-relative paths the host asks about. */
final class VaultPaths {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private VaultPaths() {
    }

    /**
     * Returns a path relative to the vault directory when it is one: {@code /}-separated names, no {@code ..}.
     *
     * @param file relative path
     * @return the same path
     * @throws IllegalArgumentException when it is absolute or climbs out
     */
    static String check(final String file) {
        Objects.requireNonNull(file, "File required");
        if (file.length() > 1024) {
            throw new IllegalArgumentException("File length [%d] greater than maximum [1024]".formatted(file.length()));
        }
        for (final String segment : file.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                throw new IllegalArgumentException("File [" + file + "] is not a path inside the vault");
            }
        }
        return file;
    }
}
