package org.cipherpost.blob.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Sample directory trees for archive tests, and a deep comparison that does not follow links. */
public final class Trees {
    private Trees() {
    }

    /**
     * Builds a tree with nested and empty directories, empty and multi-block files, an executable, names over 100
     * and over 255 bytes, a UTF-8 name and relative links.
     *
     * @param root directory to create
     * @return root
     * @throws IOException on failure
     */
    public static Path sample(final Path root) throws IOException {
        shortNames(root);
        final String longDir = "d".repeat(120);
        Files.createDirectories(root.resolve(longDir).resolve("e".repeat(90)));
        Files.write(root.resolve(longDir).resolve("e".repeat(90)).resolve("f".repeat(150)), random(3000, 5));
        Files.writeString(root.resolve("x".repeat(101)), "long name");
        Files.createSymbolicLink(root.resolve("l".repeat(30)), Path.of(longDir + "/" + "e".repeat(90) + "/"
                + "f".repeat(150)));
        return root;
    }

    /**
     * Builds the part of the sample that fits plain ustar.
     *
     * @param root directory to create
     * @return root
     * @throws IOException on failure
     */
    public static Path shortNames(final Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty-dir"));
        Files.createDirectories(root.resolve("bin"));
        Files.write(root.resolve("a/b/c/data.bin"), random(1_000_003, 1));
        Files.write(root.resolve("a/block.bin"), random(512, 2));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.writeString(root.resolve("notes.txt"), "notes\n");
        Files.writeString(root.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(root.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("h\u00e9llo-\u4e16\u754c.txt"), "utf-8 name");
        Files.createSymbolicLink(root.resolve("a/b/link-up"), Path.of("../block.bin"));
        Files.createSymbolicLink(root.resolve("link-dir"), Path.of("a/b"));
        return root;
    }

    /**
     * Asserts that two trees hold the same paths, types, file bytes and link targets.
     *
     * @param expected source tree
     * @param actual extracted tree
     * @throws IOException on failure
     */
    public static void assertSameTree(final Path expected, final Path actual) throws IOException {
        final List<String> left = list(expected);
        final List<String> right = list(actual);
        assertEquals(left, right);
        for (final String name : left) {
            final Path a = expected.resolve(name);
            final Path b = actual.resolve(name);
            if (Files.isSymbolicLink(a)) {
                assertTrue(Files.isSymbolicLink(b), name);
                assertEquals(Files.readSymbolicLink(a), Files.readSymbolicLink(b), name);
            } else if (Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
                assertTrue(Files.isDirectory(b, LinkOption.NOFOLLOW_LINKS), name);
            } else {
                assertTrue(Files.isRegularFile(b, LinkOption.NOFOLLOW_LINKS), name);
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), name);
            }
        }
    }

    private static List<String> list(final Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static byte[] random(final int size, final long seed) {
        final byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
