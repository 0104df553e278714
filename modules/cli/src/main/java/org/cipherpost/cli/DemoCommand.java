package org.cipherpost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cipherpost.crypto.SecureFiles;
import picocli.CommandLine.Command;

/** {@code demo}: a narrated tour in a temporary home that is removed afterwards. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Run a narrated tour in a temporary home directory, then remove it.",
            "Today: create an identity and show it. Later releases add a full handoff on an embedded DHT testnet."},
        footer = {"", "Example:", "  cipherpost demo"})
public final class DemoCommand implements Callable<Integer> {
    private final CliContext context;

    DemoCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final PrintWriter out = context.out();
        final Path home;
        try {
            home = Files.createTempDirectory("cipherpost-demo-", PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_DIRECTORY));
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot create a temporary home: " + e.getMessage(), e);
        }
        try {
            final Path passphraseFile = home.resolve("demo-passphrase");
            final byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            final byte[] passphrase = HexFormat.of().formatHex(random).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            SecureFiles.writeAtomically(passphraseFile, passphrase, SecureFiles.PRIVATE_FILE);
            java.util.Arrays.fill(passphrase, (byte) 0);
            java.util.Arrays.fill(random, (byte) 0);

            final Map<String, String> environment = new HashMap<>(context.environment());
            environment.remove(PassphraseReader.ENVIRONMENT_VARIABLE);
            environment.put("CIPHERPOST_HOME", home.resolve("alice").toString());
            final CliContext alice = context.withEnvironment(environment);

            step(out, 1, "A temporary home for Alice: " + home.resolve("alice"));
            step(out, 2, "cipherpost identity generate   (random demo passphrase from a 0600 file)");
            int code = Cli.run(new String[] {"identity", "generate", "--passphrase-file", passphraseFile.toString()}, alice);
            if (code != ExitCodes.OK) {
                return code;
            }
            step(out, 3, "cipherpost identity show --json   (unlocks the file again with the same passphrase)");
            code = Cli.run(new String[] {"identity", "show", "--json", "--passphrase-file", passphraseFile.toString()}, alice);
            if (code != ExitCodes.OK) {
                return code;
            }
            step(out, 4, "Done. The identity file is mode 0600 inside a 0700 directory; removing the temporary home.");
            return ExitCodes.OK;
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "demo failed: " + e.getMessage(), e);
        } finally {
            deleteTree(home);
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
