package org.cipherpost.vault.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.Vaults;

/**
 * A separate writer process for the multi-process tests: reads the passphrase from the first line of standard input,
 * opens the vault and writes.
 *
 * <pre>
 * add   VAULT HOME PREFIX COUNT   adds PREFIX-0 .. PREFIX-(COUNT-1), then exits
 * churn VAULT HOME PREFIX SEED    adds, edits, renames and removes entries forever, printing "done N" after each
 * </pre>
 */
public final class VaultWriterMain {
    private VaultWriterMain() {
    }

    /**
     * Runs the writer.
     *
     * @param arguments mode, vault directory, home, prefix, count or seed
     * @throws Exception on any failure (the exit code tells the parent)
     */
    public static void main(final String[] arguments) throws Exception {
        final String mode = arguments[0];
        final Path vaultDirectory = Path.of(arguments[1]);
        final Path home = Path.of(arguments[2]);
        final String prefix = arguments[3];
        final long number = Long.parseLong(arguments[4]);
        final String passphrase = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (SecretBytes secret = SecretBytes.wrap(passphrase.getBytes(StandardCharsets.UTF_8));
             Vault vault = Vaults.open(TestVaults.options(vaultDirectory, home), secret)) {
            out.println("open");
            if ("add".equals(mode)) {
                for (int i = 0; i < number; i++) {
                    try (Entry entry = TestVaults.entry("secret-" + prefix + "-" + i + "\n")) {
                        vault.add(prefix + "-" + i, entry);
                    }
                }
                out.println("added " + number);
            } else {
                churn(vault, prefix, new Random(number), out);
            }
        }
    }

    /** Changes entries at random forever; every secret line is "value-NAME-COUNTER". */
    private static void churn(final Vault vault, final String prefix, final Random random, final PrintStream out)
            throws Exception {
        long done = 0;
        while (true) {
            final List<EntrySummary> entries = vault.list().entries();
            final int choice = entries.size() < 5 ? 0 : random.nextInt(4);
            final String name = prefix + "-" + random.nextInt(1_000_000);
            if (choice == 0) {
                if (entries.stream().noneMatch(summary -> name.equals(summary.name()))) {
                    try (Entry entry = TestVaults.entry("value-" + name + "-" + done + "\n")) {
                        vault.add(name, entry);
                    }
                }
            } else {
                final String target = entries.get(random.nextInt(entries.size())).name();
                if (choice == 1) {
                    try (Entry entry = TestVaults.entry("value-" + target + "-" + done + "\nname: " + target + "\n")) {
                        vault.edit(target, entry);
                    }
                } else if (choice == 2) {
                    if (entries.stream().noneMatch(summary -> name.equals(summary.name()))) {
                        vault.move(target, name);
                    }
                } else {
                    vault.remove(target);
                }
            }
            done++;
            out.println("done " + done);
        }
    }
}
