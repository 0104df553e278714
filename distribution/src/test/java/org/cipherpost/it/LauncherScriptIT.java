package org.cipherpost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The launcher scripts' contract, checked against a fake java: arguments, streams, exit codes, options. */
class LauncherScriptIT {
    private static final String MAIN = "org.cipherpost.cli/org.cipherpost.cli.Main";

    private FakeImage image;

    @BeforeEach
    void createFakeImage() throws Exception {
        image = FakeImage.create();
    }

    @Test
    void passesArgumentsUnchanged() throws Exception {
        final List<String> args = List.of("send", "", "two words", "*", "$HOME", "'q'", "\"dq\"", "a\nb", "-Dx=y");
        final LaunchResult result = Launcher.of(image.launcher("cipherpost")).run(args);
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(args, image.applicationArguments());
    }

    @Test
    void runsTheMainModuleOnTheImageModulePath() throws Exception {
        final LaunchResult result = Launcher.of(image.launcher("cipherpost")).run("--help");
        assertEquals(0, result.exitCode(), result::describe);
        final List<String> all = image.javaArguments();
        final int modulePath = all.indexOf("--module-path");
        assertTrue(modulePath >= 0, all::toString);
        assertEquals(image.root().resolve("lib").toString(), all.get(modulePath + 1));
        assertEquals(List.of("-m", MAIN, "--help"), all.subList(all.size() - 3, all.size()));
    }

    @Test
    void cipheyInsertsVaultFirst() throws Exception {
        final LaunchResult result = Launcher.of(image.launcher("ciphey")).run("list", "--json");
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of("vault", "list", "--json"), image.applicationArguments());
    }

    @Test
    void cipheyWithoutArgumentsRunsVault() throws Exception {
        final LaunchResult result = Launcher.of(image.launcher("ciphey")).run();
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of("vault"), image.applicationArguments());
    }

    @Test
    void resolvesSymlinkChainsFromAnotherDirectory() throws Exception {
        final Path elsewhere = Launcher.newPrivateDirectory("links-");
        Files.createSymbolicLink(elsewhere.resolve("absolute"), image.launcher("ciphey"));
        final Path relative = Files.createSymbolicLink(elsewhere.resolve("pw"), Path.of("absolute"));
        final LaunchResult result = Launcher.of(relative).inDirectory(elsewhere).run("show");
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of("vault", "show"), image.applicationArguments());
        final List<String> all = image.javaArguments();
        assertEquals(image.root().resolve("lib").toString(), all.get(all.indexOf("--module-path") + 1));
    }

    @Test
    void aRelativeInvocationIgnoresCdpath() throws Exception {
        final Path decoy = Launcher.newPrivateDirectory("cdpath-");
        Files.createDirectories(decoy.resolve("bin"));
        final LaunchResult result = Launcher.of(Path.of("bin/cipherpost"))
                .inDirectory(image.root()).withEnv("CDPATH", decoy.toString()).run("x");
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals("", result.out());
        final List<String> all = image.javaArguments();
        assertEquals(image.root().resolve("lib").toString(), all.get(all.indexOf("--module-path") + 1));
    }

    @Test
    void passesStdinAndStdoutBytesThrough() throws Exception {
        final byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        final LaunchResult result = Launcher.of(image.launcher("cipherpost")).withStdin(bytes).run("receive");
        assertEquals(0, result.exitCode(), result::describe);
        assertArrayEquals(bytes, result.stdout());
        assertEquals("", result.err());
    }

    @Test
    void passesExitCodesThrough() throws Exception {
        for (final int code : new int[] {1, 2, 3, 7, 64, 130}) {
            final LaunchResult result = Launcher.of(image.launcher("cipherpost"))
                    .withEnv("FAKE_JAVA_EXIT", Integer.toString(code)).run("x");
            assertEquals(code, result.exitCode(), result::describe);
        }
    }

    @Test
    void addsJavaOptsThenCipherpostJavaOptsAfterTheDefaults() throws Exception {
        final LaunchResult result = Launcher.of(image.launcher("cipherpost"))
                .withEnv("JAVA_OPTS", " -Da=1   -Db=* ")
                .withEnv("CIPHERPOST_JAVA_OPTS", "-Dc=3")
                .run("--version");
        assertEquals(0, result.exitCode(), result::describe);
        final List<String> options = image.jvmOptions();
        final int a = options.indexOf("-Da=1");
        assertTrue(a > options.indexOf("-XX:+UseSerialGC"), options::toString);
        assertEquals(List.of("-Da=1", "-Db=*", "-Dc=3"), options.subList(a, a + 3));
    }

    @Test
    void enablesNativeAccessAndSendsJvmWarningsToStderr() throws Exception {
        final LaunchResult result = Launcher.of(image.launcher("cipherpost")).run();
        assertEquals(0, result.exitCode(), result::describe);
        final List<String> options = image.jvmOptions();
        assertTrue(options.contains("--enable-native-access=com.sun.jna,ALL-UNNAMED"), options::toString);
        assertTrue(options.contains("-Xlog:all=warning:stderr"), options::toString);
        assertTrue(options.indexOf("-Xlog:disable") < options.indexOf("-Xlog:all=warning:stderr"), options::toString);
    }

    @Test
    void usesTheAotCacheOnlyWhenItExists() throws Exception {
        final Launcher launcher = Launcher.of(image.launcher("cipherpost"));
        assertEquals(0, launcher.run().exitCode());
        assertFalse(image.jvmOptions().stream().anyMatch(o -> o.startsWith("-XX:AOTCache")), image.jvmOptions()::toString);

        final Path cache = Files.createFile(image.root().resolve("lib/cipherpost.aot"));
        assertEquals(0, launcher.run().exitCode());
        final List<String> options = image.jvmOptions();
        assertTrue(options.contains("-XX:AOTCache=" + cache), options::toString);
        assertTrue(options.contains("-Xlog:aot*=off,cds*=off:stderr"), options::toString);
    }

    @Test
    void failsClearlyWithoutARuntime() throws Exception {
        Files.delete(image.root().resolve("runtime/bin/java"));
        final LaunchResult result = Launcher.of(image.launcher("cipherpost")).run("--help");
        assertEquals(1, result.exitCode(), result::describe);
        assertEquals("", result.out());
        assertTrue(result.err().contains("no Java runtime at [" + image.root().resolve("runtime") + "]"),
                result::describe);
    }
}
