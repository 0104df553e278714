package org.cipherpost.blob.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.Set;
import org.cipherpost.blob.UnsafeArchiveException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our tar writer and safe extractor: round trips, GNU tar interop both ways, and hostile archives refused. */
class TarArchivesTest {
    @TempDir
    Path temp;

    @Test
    void directoryRoundTripsWithLongNamesLinksAndModes() throws IOException {
        final Path source = Trees.sample(temp.resolve("source"));
        final Path out = Files.createDirectory(temp.resolve("out"));
        extract(archive(source), out);
        Trees.assertSameTree(source, out);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(out.resolve("bin/run.sh")));
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(out.resolve("notes.txt")));
    }

    @Test
    void singleFileBecomesOneEntry() throws IOException {
        final Path file = Files.write(temp.resolve("key.pem"), "-----BEGIN-----".getBytes(StandardCharsets.US_ASCII));
        final Path out = Files.createDirectory(temp.resolve("out"));
        final TarExtractor extractor = extract(archive(file), out);
        assertEquals(1, extractor.entries());
        assertEquals("-----BEGIN-----", Files.readString(out.resolve("key.pem")));
    }

    @Test
    void gnuTarExtractsOurArchive() throws Exception {
        final Path source = Trees.sample(temp.resolve("source"));
        final Path tarFile = Files.write(temp.resolve("ours.tar"), archive(source));
        final Path out = Files.createDirectory(temp.resolve("out"));
        run("tar", "-x", "-f", tarFile.toString(), "-C", out.toString());
        Trees.assertSameTree(source, out);
    }

    @Test
    void weExtractGnuTarArchives() throws Exception {
        final Path source = Trees.sample(temp.resolve("source"));
        for (final String format : new String[] {"gnu", "posix", "ustar"}) {
            final Path tarFile = temp.resolve(format + ".tar");
            if (format.equals("ustar")) {
                // ustar cannot hold the long names: archive a copy without them
                final Path shortTree = Trees.shortNames(temp.resolve("short"));
                run("tar", "--format=ustar", "-c", "-f", tarFile.toString(), "-C", shortTree.toString(), ".");
                final Path out = Files.createDirectory(temp.resolve("out-" + format));
                extract(Files.readAllBytes(tarFile), out);
                Trees.assertSameTree(shortTree, out);
            } else {
                run("tar", "--format=" + format, "-c", "-f", tarFile.toString(), "-C", source.toString(), ".");
                final Path out = Files.createDirectory(temp.resolve("out-" + format));
                extract(Files.readAllBytes(tarFile), out);
                Trees.assertSameTree(source, out);
            }
        }
    }

    @Test
    void unsafePathsAreRefused() throws IOException {
        for (final String name : new String[] {"/etc/passwd", "../evil", "a/../../evil", "a/b/../../../evil", "..",
                "ok/..", "x\0" + "y".repeat(120)}) {
            final byte[] tar = Hostile.archive(Hostile.file(name, "boom"));
            assertRefused(tar, name);
        }
    }

    @Test
    void linksPointingOutsideAreRefused() throws IOException {
        for (final String[] link : new String[][] {{"l", "/etc"}, {"l", ".."}, {"l", "../x"}, {"d/l", "../../x"},
                {"d/l", "x/../../.."}, {"l", "a/../.."}, {"l", ""}}) {
            assertRefused(Hostile.archive(Hostile.directory("d/"), Hostile.symlink(link[0], link[1])), link[0] + "->"
                    + link[1]);
        }
        final Path out = Files.createDirectory(temp.resolve("fine"));
        extract(Hostile.archive(Hostile.directory("d/"), Hostile.file("d/f", "x"), Hostile.symlink("d/l", "../d/f"),
                Hostile.symlink("up", "d")), out);
        assertEquals("x", Files.readString(out.resolve("d/l")));
    }

    @Test
    void writingThroughASymlinkIsRefused() throws IOException {
        assertRefused(Hostile.archive(Hostile.directory("d/"), Hostile.symlink("l", "d"), Hostile.file("l/x", "boom")),
                "through link");
        assertRefused(Hostile.archive(Hostile.symlink("l", "."), Hostile.file("l", "boom")), "replace link");
    }

    @Test
    void hardLinksDevicesPipesAndDuplicatesAreRefused() throws IOException {
        for (final byte type : new byte[] {'1', '3', '4', '6', 'S', 'V'}) {
            assertRefused(Hostile.archive(Hostile.header("n", 0, type, "target")), "type " + (char) type);
        }
        assertRefused(Hostile.archive(Hostile.file("a", "1"), Hostile.file("a", "2")), "duplicate");
        assertRefused(Hostile.archive(Hostile.file("a", "1"), Hostile.directory("a/")), "file then dir");
    }

    @Test
    void malformedArchivesAreRefused() throws IOException {
        final byte[] good = Hostile.archive(Hostile.file("a", "hello"));
        final byte[] badChecksum = good.clone();
        badChecksum[0] ^= 1;
        assertRefused(badChecksum, "checksum");
        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 600);
        final Path out = Files.createDirectory(temp.resolve("trunc"));
        final TarExtractor extractor = new TarExtractor(out);
        extractor.write(truncated);
        assertThrows(UnsafeArchiveException.class, extractor::finish);
        final byte[] trailing = java.util.Arrays.copyOf(good, good.length + 512);
        trailing[trailing.length - 1] = 7;
        assertRefused(trailing, "data after end");
        final byte[] hugePax = Hostile.archive(Hostile.header("PaxHeaders/x", TarExtractor.MAX_META + 1, (byte) 'x',
                ""));
        assertRefused(hugePax, "huge pax");
    }

    private void assertRefused(final byte[] tar, final String what) throws IOException {
        final Path out = Files.createTempDirectory(temp, "out");
        final TarExtractor extractor = new TarExtractor(out);
        assertThrows(UnsafeArchiveException.class, () -> {
            extractor.write(tar);
            extractor.finish();
        }, what);
        extractor.close();
        assertFalse(Files.exists(temp.getParent().resolve("evil")), what);
        assertFalse(Files.exists(temp.resolve("evil")), what);
    }

    private static byte[] archive(final Path source) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = TarSource.of(source)) {
            // odd read sizes exercise the state machine
            final byte[] buffer = new byte[777];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static TarExtractor extract(final byte[] tar, final Path out) throws IOException {
        final TarExtractor extractor = new TarExtractor(out);
        final Random random = new Random(7);
        int offset = 0;
        while (offset < tar.length) {
            final int n = Math.min(tar.length - offset, 1 + random.nextInt(3000));
            extractor.write(tar, offset, n);
            offset += n;
        }
        extractor.finish();
        extractor.close();
        return extractor;
    }

    private static void run(final String... command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + ": " + output);
    }
}
