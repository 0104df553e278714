package org.cipherpost.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a launcher of the built image (bin/cipherpost, bin/ciphey) as a black box.
 *
 * <p>Every run gets the inherited environment minus {@code CIPHERPOST_*} and the JVM option variables
 * ({@code JAVA_OPTS}, {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS}, {@code _JAVA_OPTIONS}), plus
 * {@code CIPHERPOST_HOME} pointing at a fresh private directory that this launcher keeps for all its runs,
 * plus what {@link #withEnv} sets. Instances are immutable: every {@code with...} method returns a copy.
 *
 * <pre>{@code
 * LaunchResult result = Launcher.cipherpost().withStdin("secret\n").run("identity", "generate");
 * assertEquals(0, result.exitCode(), result::describe);
 * }</pre>
 */
public final class Launcher {
    /** System property (set by failsafe) holding the image directory. */
    public static final String IMAGE_PROPERTY = "cipherpost.image";

    /** System property (set by failsafe) holding a scratch directory for homes and captured output. */
    public static final String WORK_PROPERTY = "cipherpost.it.work";

    /** Time a run may take before it is killed and the test fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> STRIPPED_VARIABLES =
            List.of("JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    private final Path executable;
    private final Path home;
    private final Map<String, String> environment;
    private final byte[] stdin;
    private final Duration timeout;
    private final Path directory;

    /**
     * Creates a launcher; see the factory methods.
     *
     * @param executable the program to run
     * @param home the CIPHERPOST_HOME to pass, or null
     * @param environment variables to set on top of the cleaned inherited environment
     * @param stdin the standard input bytes
     * @param timeout the time limit per run
     * @param directory the working directory, or null for the current one
     */
    private Launcher(final Path executable, final Path home, final Map<String, String> environment,
            final byte[] stdin, final Duration timeout, final Path directory) {
        this.executable = executable;
        this.home = home;
        this.environment = environment;
        this.stdin = stdin;
        this.timeout = timeout;
        this.directory = directory;
    }

    /**
     * Returns the image directory under test, from the {@value #IMAGE_PROPERTY} system property.
     *
     * @return the image directory (containing bin/, lib/, runtime/)
     */
    public static Path image() {
        final String image = System.getProperty(IMAGE_PROPERTY);
        if (image == null || image.isBlank()) {
            throw new IllegalStateException("System property [%s] not set: run the image tests through failsafe"
                    .formatted(IMAGE_PROPERTY));
        }
        return Path.of(image).toAbsolutePath();
    }

    /**
     * Returns a launcher for the image's bin/cipherpost with a fresh CIPHERPOST_HOME.
     *
     * @return a new launcher
     * @throws IOException when the home directory cannot be created
     */
    public static Launcher cipherpost() throws IOException {
        return of(image().resolve("bin/cipherpost"));
    }

    /**
     * Returns a launcher for the image's bin/ciphey with a fresh CIPHERPOST_HOME.
     *
     * @return a new launcher
     * @throws IOException when the home directory cannot be created
     */
    public static Launcher ciphey() throws IOException {
        return of(image().resolve("bin/ciphey"));
    }

    /**
     * Returns a launcher for any executable (e.g. a symlink to bin/cipherpost) with a fresh CIPHERPOST_HOME.
     *
     * @param executable the program to run
     * @return a new launcher
     * @throws IOException when the home directory cannot be created
     */
    public static Launcher of(final Path executable) throws IOException {
        Objects.requireNonNull(executable, "Executable required");
        final Path home = newPrivateDirectory("home-");
        return new Launcher(executable, home, Map.of(), new byte[0], DEFAULT_TIMEOUT, null);
    }

    /**
     * Creates a fresh directory readable only by the owner under the scratch directory.
     *
     * @param prefix the directory name prefix
     * @return the new directory
     * @throws IOException when it cannot be created
     */
    public static Path newPrivateDirectory(final String prefix) throws IOException {
        final Path work = Path.of(System.getProperty(WORK_PROPERTY, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(work);
        return Files.createTempDirectory(work.toAbsolutePath(), prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Creates a fresh private directory for XDG_RUNTIME_DIR directly in the system temporary directory: agent socket
     * paths must stay under about 100 bytes, which a scratch directory deep in a checkout may exceed. It is deleted at
     * exit when empty (a locked agent removes its socket).
     *
     * @return the new directory
     * @throws IOException when it cannot be created
     */
    public static Path newRuntimeDirectory() throws IOException {
        final Path runtime = Files.createTempDirectory("cp-run-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        runtime.toFile().deleteOnExit();
        return runtime;
    }

    /**
     * Returns the CIPHERPOST_HOME this launcher passes, or null when it passes none.
     *
     * @return the home directory or null
     */
    public Path home() {
        return home;
    }

    /**
     * Returns a copy that sets one environment variable (overriding the inherited value and the home).
     *
     * @param name the variable name
     * @param value the value
     * @return the new launcher
     */
    public Launcher withEnv(final String name, final String value) {
        Objects.requireNonNull(name, "Variable name required");
        Objects.requireNonNull(value, "Variable value required");
        final Map<String, String> copy = new LinkedHashMap<>(environment);
        copy.put(name, value);
        return new Launcher(executable, home, Map.copyOf(copy), stdin, timeout, directory);
    }

    /**
     * Returns a copy that passes the given directory as CIPHERPOST_HOME (e.g. to share one between launchers).
     *
     * @param newHome the home directory
     * @return the new launcher
     */
    public Launcher withHome(final Path newHome) {
        Objects.requireNonNull(newHome, "Home directory required");
        return new Launcher(executable, newHome, environment, stdin, timeout, directory);
    }

    /**
     * Returns a copy that passes no CIPHERPOST_HOME at all.
     *
     * @return the new launcher
     */
    public Launcher withoutHome() {
        return new Launcher(executable, null, environment, stdin, timeout, directory);
    }

    /**
     * Returns a copy that feeds these bytes to standard input (default: none, immediate end of file).
     *
     * @param bytes the standard input
     * @return the new launcher
     */
    public Launcher withStdin(final byte[] bytes) {
        Objects.requireNonNull(bytes, "Standard input required");
        return new Launcher(executable, home, environment, bytes.clone(), timeout, directory);
    }

    /**
     * Returns a copy that feeds this text, encoded as UTF-8, to standard input.
     *
     * @param text the standard input
     * @return the new launcher
     */
    public Launcher withStdin(final String text) {
        Objects.requireNonNull(text, "Standard input required");
        return withStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a copy with another time limit per run.
     *
     * @param limit the time limit
     * @return the new launcher
     */
    public Launcher withTimeout(final Duration limit) {
        Objects.requireNonNull(limit, "Timeout required");
        return new Launcher(executable, home, environment, stdin, limit, directory);
    }

    /**
     * Returns a copy that runs in the given working directory (default: the test's).
     *
     * @param workingDirectory the working directory
     * @return the new launcher
     */
    public Launcher inDirectory(final Path workingDirectory) {
        Objects.requireNonNull(workingDirectory, "Working directory required");
        return new Launcher(executable, home, environment, stdin, timeout, workingDirectory);
    }

    /**
     * Runs the program with these arguments and waits for it.
     *
     * @param args the arguments
     * @return exit code, stdout and stderr
     * @throws IOException when the program cannot be started or its output not read
     * @throws InterruptedException when interrupted while waiting
     */
    public LaunchResult run(final String... args) throws IOException, InterruptedException {
        return run(List.of(args));
    }

    /**
     * Runs the program with these arguments and waits for it; fails the test when it exceeds the timeout.
     *
     * @param args the arguments
     * @return exit code, stdout and stderr
     * @throws IOException when the program cannot be started or its output not read
     * @throws InterruptedException when interrupted while waiting
     */
    public LaunchResult run(final List<String> args) throws IOException, InterruptedException {
        Objects.requireNonNull(args, "Arguments required");
        final List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        final Path io = newPrivateDirectory("run-");
        final Path in = Files.write(io.resolve("stdin"), stdin);
        final Path out = io.resolve("stdout");
        final Path err = io.resolve("stderr");
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        prepareEnvironment(builder.environment());
        final Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("%s did not finish within [%s]; stderr so far:%n%s"
                        .formatted(command, timeout, new String(Files.readAllBytes(err), StandardCharsets.UTF_8)));
            }
            return new LaunchResult(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(io);
        }
    }

    /**
     * Replaces the inherited environment's Cipherpost and JVM option variables with this launcher's settings.
     *
     * @param env the child's environment, modified in place
     */
    private void prepareEnvironment(final Map<String, String> env) {
        env.keySet().removeIf(name -> name.startsWith("CIPHERPOST_") || STRIPPED_VARIABLES.contains(name));
        if (home != null) {
            env.put("CIPHERPOST_HOME", home.toString());
        }
        env.putAll(environment);
    }
}
