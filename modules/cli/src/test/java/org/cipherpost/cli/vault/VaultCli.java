package org.cipherpost.cli.vault;

import org.cipherpost.cli.BinaryPrintWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cipherpost.cli.Cli;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.FakeTerminal;
import org.cipherpost.cli.Terminal;

/**
 * Runs {@code cipherpost vault ...} in process for one test: a private home, vault and runtime directory under a
 * temporary directory, fast Argon2id for init, the passphrase in the environment unless removed.
 */
final class VaultCli {
    static final String PASSPHRASE = "correct horse battery staple";
    static final List<String> FAST_KDF = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");

    private final Map<String, String> environment;
    private final Terminal terminal;
    private final byte[] stdin;

    private VaultCli(final Map<String, String> environment, final Terminal terminal, final byte[] stdin) {
        this.environment = environment;
        this.terminal = terminal;
        this.stdin = stdin;
    }

    /** What one run produced. */
    record Result(int exitCode, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "exit [%d]%n--- stdout ---%n%s%n--- stderr ---%n%s".formatted(exitCode, out(), err);
        }
    }

    /** Returns a CLI for a vault at {@code root/vault}, home {@code root/home}, runtime {@code root/run}. */
    static VaultCli in(final Path root) {
        final Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", root.toString());
        environment.put("CIPHERPOST_HOME", root.resolve("home").toString());
        environment.put("CIPHERPOST_VAULT", root.resolve("vault").toString());
        environment.put("XDG_RUNTIME_DIR", root.resolve("run").toString());
        environment.put("CIPHERPOST_PASSPHRASE", PASSPHRASE);
        return new VaultCli(environment, new FakeTerminal(false), new byte[0]);
    }

    VaultCli withEnv(final String name, final String value) {
        final Map<String, String> copy = new HashMap<>(environment);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new VaultCli(copy, terminal, stdin);
    }

    VaultCli withoutPassphrase() {
        return withEnv("CIPHERPOST_PASSPHRASE", null);
    }

    VaultCli withTerminal(final Terminal replacement) {
        return new VaultCli(environment, replacement, stdin);
    }

    VaultCli withStdin(final String text) {
        return withStdin(text.getBytes(StandardCharsets.UTF_8));
    }

    VaultCli withStdin(final byte[] bytes) {
        return new VaultCli(environment, terminal, bytes.clone());
    }

    String env(final String name) {
        return environment.get(name);
    }

    Path home() {
        return Path.of(environment.get("CIPHERPOST_HOME"));
    }

    Path vault() {
        return Path.of(environment.get("CIPHERPOST_VAULT"));
    }

    /** Runs {@code vault init} with fast Argon2id and returns its result. */
    Result init(final String... extra) {
        final List<String> args = new ArrayList<>(List.of("init"));
        args.addAll(FAST_KDF);
        args.addAll(List.of(extra));
        return vault(args.toArray(String[]::new));
    }

    /** Runs {@code cipherpost vault ARGS}. */
    Result vault(final String... args) {
        final String[] full = new String[args.length + 1];
        full[0] = "vault";
        System.arraycopy(args, 0, full, 1, args.length);
        return run(full);
    }

    /** Runs {@code cipherpost ARGS}. */
    Result run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.copyOf(environment), new ByteArrayInputStream(stdin),
                new BinaryPrintWriter(out), new PrintWriter(err, true), terminal);
        final int code = Cli.run(args, context);
        context.out().flush();
        return new Result(code, out.toByteArray(), err.toString());
    }
}
