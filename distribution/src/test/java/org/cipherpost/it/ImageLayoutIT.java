package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The image's layout: launchers, application module path, a runtime of only the needed JDK modules, plugins. */
class ImageLayoutIT {
    /** JDK modules the image must always carry (loaded reflectively or needed by later features). */
    private static final List<String> REQUIRED_MODULES = List.of("java.base", "java.logging", "java.compiler",
            "java.naming", "java.net.http", "jdk.httpserver", "java.smartcardio", "jdk.zipfs", "jdk.unsupported");

    /** The plugin jars shipped in plugins/: never a test-only one (broken-test, fake-piv-reader). */
    private static final Set<String> SHIPPED_PLUGINS = Set.of("cipherpost-material-x509.jar",
            "cipherpost-material-pgp.jar", "cipherpost-material-ssh.jar", "cipherpost-hook-git.jar",
            "cipherpost-keys-yubikey.jar");

    /** Big JDK modules nothing of ours needs: their presence would mean the runtime is not minimal. */
    private static final List<String> UNWANTED_MODULES = List.of("java.desktop", "jdk.compiler", "jdk.jshell",
            "java.se", "jdk.jfr", "jdk.jlink");

    @Test
    void hasExecutableLaunchersAndAPluginsDirectory() throws Exception {
        final Path image = Launcher.image();
        for (final String launcher : List.of("bin/cipherpost", "bin/ciphey", "runtime/bin/java")) {
            assertTrue(Files.isExecutable(image.resolve(launcher)), launcher);
        }
        assertTrue(Files.isDirectory(image.resolve("plugins")));
        assertTrue(Files.isRegularFile(image.resolve(".build-stamp")));
    }

    @Test
    void pluginsHoldsExactlyTheShippedPluginJars() throws Exception {
        try (Stream<Path> files = Files.list(Launcher.image().resolve("plugins"))) {
            assertEquals(SHIPPED_PLUGINS, files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void libHoldsTheApplicationJarsAndNoTestJars() throws Exception {
        final Set<String> jars = libJars();
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("cipherpost-cli-")), jars::toString);
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("cipherpost-crypto-")), jars::toString);
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("picocli-")), jars::toString);
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("jagged-api-")), jars::toString);
        for (final String jar : jars) {
            assertFalse(jar.matches("(junit|opentest4j|apiguardian|hamcrest|mockito).*"), jar);
            assertFalse(jar.startsWith("cipherpost-distribution"), jar);
        }
    }

    @Test
    void libHoldsOneVersionOfEachArtifact() throws Exception {
        final List<String> artifacts = libJars().stream()
                .map(jar -> jar.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""))
                .toList();
        assertEquals(Set.copyOf(artifacts).size(), artifacts.size(), artifacts::toString);
    }

    @Test
    void runtimeHasTheRequiredJdkModulesOnly() throws Exception {
        final Set<String> modules = runtimeModules();
        for (final String module : REQUIRED_MODULES) {
            assertTrue(modules.contains(module), () -> module + " missing from " + modules);
        }
        for (final String module : UNWANTED_MODULES) {
            assertFalse(modules.contains(module), () -> module + " should not be in " + modules);
        }
        assertTrue(modules.stream().allMatch(module -> module.startsWith("java.") || module.startsWith("jdk.")),
                modules::toString);
    }

    @Test
    void shipsAManPageForEveryCommandThatManRenders() throws Exception {
        final Path man1 = Launcher.image().resolve("share/man/man1");
        for (final String page : List.of("cipherpost.1", "cipherpost-send.1", "cipherpost-receive.1",
                "cipherpost-vault-show.1")) {
            assertTrue(Files.isRegularFile(man1.resolve(page)), page);
        }
        if (Files.isExecutable(Path.of("/usr/bin/man"))) {
            final Process man = new ProcessBuilder("man", "-l", man1.resolve("cipherpost-send.1").toString())
                    .redirectErrorStream(true).start();
            man.getOutputStream().close();
            final String text = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(man.waitFor() == 0 && text.replaceAll(".\b", "").contains("--material-file"), text);
        }
    }

    @Test
    void runtimeHasNoHeadersOrManPages() {
        final Path runtime = Launcher.image().resolve("runtime");
        assertFalse(Files.exists(runtime.resolve("include")));
        assertFalse(Files.exists(runtime.resolve("man")));
        assertFalse(Files.exists(runtime.resolve("jmods")));
    }

    /**
     * Lists the file names in lib/ that end in .jar.
     *
     * @return the jar names
     * @throws IOException when lib/ cannot be listed
     */
    private static Set<String> libJars() throws IOException {
        try (Stream<Path> files = Files.list(Launcher.image().resolve("lib"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jar"))
                    .collect(Collectors.toSet());
        }
    }

    /**
     * Reads the MODULES line of the runtime's release file.
     *
     * @return the linked module names
     * @throws IOException when the file cannot be read
     */
    private static Set<String> runtimeModules() throws IOException {
        final List<String> lines = Files.readAllLines(Launcher.image().resolve("runtime/release"), StandardCharsets.UTF_8);
        final String line = lines.stream().filter(l -> l.startsWith("MODULES=")).findFirst()
                .orElseThrow(() -> new AssertionError("No MODULES in runtime/release: " + lines));
        return Arrays.stream(line.substring("MODULES=".length()).replace("\"", "").trim().split("\\s+"))
                .collect(Collectors.toSet());
    }
}
