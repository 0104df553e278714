package org.cipherpost.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.dht.Testnet;
import picocli.CommandLine.Command;

/** {@code demo}: a narrated handoff between two identities on an embedded testnet, plus a vault round trip. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run a narrated tour in a temporary directory, then remove it: a 20-node DHT testnet on",
            "127.0.0.1 inside this process, two identities (alice and bob, each in its own home), a share from",
            "alice to bob with the acceptance screen, bob's signed receipt verified by alice, a second share",
            "withdrawn by alice, and a vault round trip. The demo identities use low Argon2id parameters",
            "(8 MiB, 1 pass) so that it runs in seconds; real identities use 64 MiB and 3 passes."},
        footer = {"", "Example:", "  cipherpost demo"})
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> FAST_KDF = List.of("--kdf-memory", "8192", "--kdf-iterations", "1");
    private static final Pattern Z32 = Pattern.compile("\"z32\" : \"([a-z0-9]{52})\"");
    private static final Pattern SHARE_URI = Pattern.compile("cipherpost://[a-z0-9]{52}/[0-9a-f]{32}");

    private final CliContext context;

    DemoCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final PrintWriter out = context.out();
        final Path root;
        try {
            root = Files.createTempDirectory("cipherpost-demo-",
                    PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_DIRECTORY));
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot create a temporary directory: " + e.getMessage(), e);
        }
        try (Testnet testnet = Testnet.start(20)) {
            return tour(out, root, testnet);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "demo failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "demo interrupted", e);
        } finally {
            deleteTree(root);
        }
    }

    private int tour(final PrintWriter out, final Path root, final Testnet testnet) throws IOException {
        final String bootstrap = testnet.bootstrap().stream().map(address -> "127.0.0.1:" + address.getPort())
                .collect(Collectors.joining(","));
        final Path passphraseFile = root.resolve("demo-passphrase");
        final byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        final byte[] passphrase = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        try {
            SecureFiles.writeAtomically(passphraseFile, passphrase, SecureFiles.PRIVATE_FILE);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
            Arrays.fill(random, (byte) 0);
        }
        final Demo demo = new Demo(root, bootstrap, passphraseFile);
        step(out, 1, "A DHT testnet of 20 nodes on 127.0.0.1 (" + bootstrap.split(",").length
                + " bootstrap addresses) and two homes under " + root);

        step(out, 2, "alice and bob each run: cipherpost identity generate   (random demo passphrase in a 0600 file;"
                + " low Argon2id cost for the demo)");
        final Captured aliceId = demo.capture("alice", new byte[0], concat(List.of("identity", "generate", "--json"),
                FAST_KDF));
        final Captured bobId = demo.capture("bob", new byte[0], concat(List.of("identity", "generate", "--json"),
                FAST_KDF));
        if (aliceId.code() != ExitCodes.OK || bobId.code() != ExitCodes.OK) {
            return failed(out, "identity generate", aliceId.code() != ExitCodes.OK ? aliceId : bobId);
        }
        final String alice = match(Z32, aliceId.out());
        final String bob = match(Z32, bobId.out());
        out.println("   A temporary home for Alice: " + root.resolve("alice") + ", her identity:");
        out.println("   " + aliceId.out().strip().replace("\n", "\n   "));
        out.println("   bob: " + bob + " (home " + root.resolve("bob") + ")");

        final Path secretFile = root.resolve("secret.txt");
        SecureFiles.writeAtomically(secretFile, "staging-db: hunter2-but-longer".getBytes(StandardCharsets.UTF_8),
                SecureFiles.PRIVATE_FILE);
        step(out, 3, "alice: cipherpost send --share <bob> -p 'staging database password' --material-file secret.txt");
        final Captured sent = demo.capture("alice", new byte[0], List.of("send", "--share", bob, "-p",
                "staging database password", "--material-file", secretFile.toString(), "--ttl", "1h"));
        if (sent.code() != ExitCodes.OK) {
            return failed(out, "send", sent);
        }
        final String uri = match(SHARE_URI, sent.out());
        out.println("   " + sent.err().strip().replace("\n", "\n   "));
        out.println("   share URI (alice hands this to bob): " + uri);

        final Path received = root.resolve("received.txt");
        step(out, 4, "bob: cipherpost receive <uri> -o received.txt   (both signatures are verified before"
                + " anything is decrypted; bob sees who sent what and why)");
        out.println("   A person checks the fingerprint and types alice's key to accept; the demo passes"
                + " --accept <alice> instead.");
        final Captured got = demo.capture("bob", new byte[0], List.of("receive", uri, "--accept", alice, "-o",
                received.toString()));
        out.println("   " + got.err().strip().replace("\n", "\n   "));
        if (got.code() != ExitCodes.OK) {
            return failed(out, "receive", got);
        }
        out.println("   bob's file now holds: " + Files.readString(received, StandardCharsets.UTF_8));

        step(out, 5, "alice: cipherpost receipts --from <bob>   (bob's receipt, signed with bob's key, verified)");
        final String shareRef = uri.substring(uri.lastIndexOf('/') + 1);
        final Captured receipts = demo.capture("alice", new byte[0], List.of("receipts", "--from", bob,
                "--share-ref", shareRef));
        if (receipts.code() != ExitCodes.OK) {
            return failed(out, "receipts", receipts);
        }
        out.println("   " + receipts.out().strip().replace("\n", "\n   "));

        step(out, 6, "alice sends a second share, then withdraws it: cipherpost revoke <uri>");
        final Captured second = demo.capture("alice", new byte[0], List.of("send", "--share", bob, "-p",
                "wrong recipient list", "--material-file", secretFile.toString(), "--ttl", "1h"));
        if (second.code() != ExitCodes.OK) {
            return failed(out, "send", second);
        }
        final String secondUri = match(SHARE_URI, second.out());
        final Captured revoked = demo.capture("alice", new byte[0], List.of("revoke", secondUri));
        if (revoked.code() != ExitCodes.OK) {
            return failed(out, "revoke", revoked);
        }
        out.println("   " + revoked.err().strip());
        final Captured refused = demo.capture("bob", new byte[0], List.of("receive", secondUri, "--accept", alice));
        out.println("   bob tries it: exit " + refused.code() + ", " + refused.err().strip());
        if (refused.code() != ExitCodes.EXPIRED) {
            return failed(out, "receive of a withdrawn share", refused);
        }

        step(out, 7, "The vault: cipherpost vault init, vault add, vault show   (a temporary vault of alice's)");
        final Captured init = demo.capture("alice", new byte[0], concat(List.of("vault", "init", "--name", "demo"),
                FAST_KDF));
        if (init.code() != ExitCodes.OK) {
            return failed(out, "vault init", init);
        }
        final Captured added = demo.capture("alice", "correct horse battery staple\nuser: alice\n"
                .getBytes(StandardCharsets.UTF_8), List.of("vault", "add", "example.org", "--stdin"));
        if (added.code() != ExitCodes.OK) {
            return failed(out, "vault add", added);
        }
        final Captured shown = demo.capture("alice", new byte[0], List.of("vault", "show", "example.org"));
        if (shown.code() != ExitCodes.OK) {
            return failed(out, "vault show", shown);
        }
        out.println("   vault show example.org:");
        out.println("   " + shown.out().strip().replace("\n", "\n   "));

        step(out, 8, "Done: stopping the testnet and removing " + root);
        out.flush();
        return ExitCodes.OK;
    }

    private static int failed(final PrintWriter out, final String what, final Captured result) {
        out.println("   " + what + " failed (exit " + result.code() + "): " + result.err().strip());
        out.flush();
        return result.code() == ExitCodes.OK ? ExitCodes.GENERIC : result.code();
    }

    private static String match(final Pattern pattern, final String text) throws IOException {
        final Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IOException("unexpected output of a demo step");
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** What one in-process command printed. */
    private record Captured(int code, String out, String err) {
    }

    /** Runs commands as alice or bob: own home and vault, the demo passphrase, the testnet. */
    private final class Demo {
        private final Path root;
        private final String bootstrap;
        private final Path passphraseFile;

        Demo(final Path root, final String bootstrap, final Path passphraseFile) {
            this.root = root;
            this.bootstrap = bootstrap;
            this.passphraseFile = passphraseFile;
        }

        Captured capture(final String who, final byte[] stdin, final List<String> args) {
            final Map<String, String> environment = new HashMap<>(context.environment());
            environment.remove(PassphraseReader.ENVIRONMENT_VARIABLE);
            environment.remove("CIPHERPOST_RELAY");
            environment.put("CIPHERPOST_HOME", root.resolve(who).toString());
            environment.put("CIPHERPOST_VAULT", root.resolve(who + "-vault").toString());
            environment.put("XDG_RUNTIME_DIR", root.resolve(who + "-run").toString());
            final List<String> all = new ArrayList<>(args);
            if (List.of("send", "receive", "receipts", "revoke").contains(args.get(0))) {
                all.addAll(List.of("--bootstrap", bootstrap, "--testnet"));
            }
            if (!args.get(0).equals("receipts")) {
                all.addAll(List.of("--passphrase-file", passphraseFile.toString()));
            }
            final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            final StringWriter stderr = new StringWriter();
            final int code = Cli.run(all.toArray(String[]::new), new CliContext(environment,
                    new ByteArrayInputStream(stdin), new BinaryPrintWriter(stdout), new PrintWriter(stderr, true),
                    context.terminal()));
            return new Captured(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString());
        }
    }

    private static void step(final PrintWriter out, final int number, final String text) {
        out.println();
        out.println("== " + number + ". " + text);
        out.flush();
    }

    private static void deleteTree(final Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path directory, final IOException failure) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (final IOException ignored) {
            // Best effort: the directory lives under the system temporary directory.
        }
    }
}
