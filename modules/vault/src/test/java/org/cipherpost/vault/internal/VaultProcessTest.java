package org.cipherpost.vault.internal;

import static org.cipherpost.vault.internal.TestVaults.options;
import static org.cipherpost.vault.internal.TestVaults.passphrase;
import static org.cipherpost.vault.internal.TestVaults.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultOptions;
import org.cipherpost.vault.Vaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVM processes writing one vault: the lock loses nothing, and a killed writer leaves a readable vault. */
class VaultProcessTest {
    private static final long TIMEOUT_MINUTES = 5;

    @TempDir
    Path root;

    @Test
    void twoProcessesAddingFiveHundredEntriesEachLoseNothing() throws Exception {
        final VaultOptions options = options(root);
        Vaults.init(options, passphrase(), null, "laptop").close();
        final long start = System.nanoTime();
        final Process first = start("add", options, "p1", 500);
        final Process second = start("add", options, "p2", 500);
        final List<String> firstOutput = finish(first);
        final List<String> secondOutput = finish(second);
        System.out.printf("two processes, 1000 adds: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertEquals("added 500", firstOutput.get(firstOutput.size() - 1));
        assertEquals("added 500", secondOutput.get(secondOutput.size() - 1));
        try (Vault vault = Vaults.open(options, passphrase())) {
            final Listing listing = vault.list();
            assertTrue(listing.problems().isEmpty(), listing.problems().toString());
            assertEquals(1000, listing.entries().size());
            final Set<String> names = new HashSet<>();
            for (final EntrySummary summary : listing.entries()) {
                names.add(summary.name());
                try (Entry entry = vault.get(summary.id())) {
                    assertEquals("secret-" + summary.name() + "\nname: " + summary.name() + "\n", text(entry));
                }
            }
            for (int i = 0; i < 500; i++) {
                assertTrue(names.contains("p1-" + i) && names.contains("p2-" + i), "entry " + i + " lost");
            }
        }
    }

    @Test
    void killedWriterLeavesAReadableVault() throws Exception {
        final VaultOptions options = options(root);
        Vaults.init(options, passphrase(), null, "laptop").close();
        final Random random = new Random(20240601L);
        for (int round = 0; round < 3; round++) {
            final Process writer = start("churn", options, "k" + round, random.nextLong());
            final int killAfter = 5 + random.nextInt(40);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                    StandardCharsets.UTF_8))) {
                int done = 0;
                while (done < killAfter) {
                    final String line = lines.readLine();
                    if (line == null) {
                        fail("writer exited early: " + new String(writer.getErrorStream().readAllBytes(),
                                StandardCharsets.UTF_8));
                    }
                    if (line.startsWith("done ")) {
                        done++;
                    }
                }
                writer.destroyForcibly();
                writer.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            }
            try (Vault vault = Vaults.open(options, passphrase())) {
                final Listing listing = vault.list();
                assertTrue(listing.problems().isEmpty(), listing.problems().toString());
                final Set<String> names = new HashSet<>();
                for (final EntrySummary summary : listing.entries()) {
                    assertTrue(names.add(summary.name()), "duplicate " + summary.name());
                    try (Entry entry = vault.get(summary.name())) {
                        final String content = text(entry);
                        assertTrue(content.matches("value-k\\d-\\d+-\\d+\n(name: .*\n)?"), content);
                    }
                }
                System.out.printf("kill round %d after %d changes: %d entries readable%n", round, killAfter,
                        listing.entries().size());
            }
        }
    }

    /** Starts a writer JVM on the test class path and types the passphrase into it. */
    private static Process start(final String mode, final VaultOptions options, final String prefix, final long number)
            throws IOException, URISyntaxException {
        final String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(), VaultWriterMain.class.getName(), mode, options.directory().toString(),
                options.home().toString(), prefix, Long.toString(number)));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((TestVaults.PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    /** Waits for a writer and returns its output lines. */
    private static List<String> finish(final Process process) throws Exception {
        final List<String> output;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output = lines.lines().toList();
        }
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("writer did not finish");
        }
        assertEquals(0, process.exitValue(), "writer failed: " + output);
        return output;
    }

    /** Builds a class path holding the module path, the class path and this test's classes. */
    private static String classPath() throws URISyntaxException {
        final List<String> parts = new ArrayList<>();
        for (final String property : List.of("jdk.module.path", "java.class.path")) {
            final String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        final URL self = VaultWriterMain.class.getResource(VaultWriterMain.class.getSimpleName() + ".class");
        Path classes = Path.of(self.toURI());
        for (int i = 0; i < VaultWriterMain.class.getName().split("\\.").length; i++) {
            classes = classes.getParent();
        }
        parts.add(classes.toString());
        return String.join(File.pathSeparator, parts);
    }
}
