package org.cipherpost.blob.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cipherpost.blob.UnsafeArchiveException;

/**
 * The path rules of safe extraction: relative, no {@code ..}, symbolic links that stay inside the target.
 */
final class ArchivePaths {
    /** Longest entry path accepted, in characters. */
    static final int MAX_PATH = 4096;

    private ArchivePaths() {
    }

    /**
     * Splits an entry path into its segments, refusing absolute paths, {@code ..} and control characters.
     *
     * @param name entry path from the archive
     * @return segments without empty and {@code .} ones; empty for the archive's root directory
     * @throws UnsafeArchiveException when the path is unsafe
     */
    static List<String> segments(final String name) throws UnsafeArchiveException {
        if (name.isEmpty() || name.length() > MAX_PATH) {
            throw new UnsafeArchiveException(String.format("Archive entry path length [%d] outside [1, %d]",
                    name.length(), MAX_PATH));
        }
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException(String.format("Archive entry [%s] has an absolute path", shown(name)));
        }
        final List<String> segments = new ArrayList<>();
        for (final String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException(String.format("Archive entry [%s] contains [..]", shown(name)));
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                checkCharacters(name, segment);
                segments.add(segment);
            }
        }
        return List.copyOf(segments);
    }

    /**
     * Checks a symbolic link target: relative, every {@code ..} before any other segment, and not climbing above
     * the extraction root from the link's directory. Links that only ever resolve inside the root, through
     * directories that are never links themselves, keep every resolution inside the root.
     *
     * @param link the link's own path segments
     * @param target link target from the archive
     * @throws UnsafeArchiveException when the target could point outside the root
     */
    static void checkLinkTarget(final List<String> link, final String target) throws UnsafeArchiveException {
        if (target.isEmpty() || target.length() > MAX_PATH || target.startsWith("/")) {
            throw new UnsafeArchiveException(String.format("Archive link [%s] has an absolute or empty target",
                    shown(String.join("/", link))));
        }
        int climbs = 0;
        boolean descended = false;
        for (final String segment : target.split("/")) {
            if (segment.equals("..")) {
                if (descended) {
                    throw new UnsafeArchiveException(String.format("Archive link [%s] has [..] after a name",
                            shown(String.join("/", link))));
                }
                climbs++;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                checkCharacters(target, segment);
                descended = true;
            }
        }
        if (climbs > link.size() - 1) {
            throw new UnsafeArchiveException(String.format("Archive link [%s] points outside the target",
                    shown(String.join("/", link))));
        }
    }

    /**
     * Resolves segments under a root.
     *
     * @param root extraction root
     * @param segments checked segments
     * @return path
     */
    static Path resolve(final Path root, final List<String> segments) {
        Path path = root;
        for (final String segment : segments) {
            path = path.resolve(segment);
        }
        return path;
    }

    /**
     * Makes attacker-chosen text safe to show in one line.
     *
     * @param text text from an archive
     * @return printable text, at most 200 characters
     */
    static String shown(final String text) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            final char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static void checkCharacters(final String name, final String segment) throws UnsafeArchiveException {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) == 0) {
                throw new UnsafeArchiveException(String.format("Archive entry [%s] contains NUL", shown(name)));
            }
        }
    }
}
