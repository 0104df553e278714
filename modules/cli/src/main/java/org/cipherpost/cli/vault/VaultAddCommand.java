package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntryId;
import org.cipherpost.vault.PassphrasePolicy;
import org.cipherpost.vault.PasswordGenerator;
import org.cipherpost.vault.PasswordGeneratorFactory;
import org.cipherpost.vault.PasswordPolicy;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault add}: a new entry whose secret is typed, piped or generated. */
@Command(name = "add",
        mixinStandardHelpOptions = true,
        description = {"Add an entry: typed, piped (--stdin) or generated (--generate).",
            "The secret is typed on the terminal (twice, not echoed), read with --stdin (the whole entry: first line the secret, then 'field: value' lines, then notes), or generated with --generate. Fields given with --field are visible in the process list: keep secrets out of them."},
        footer = {"", "Examples:",
            "  cipherpost vault add example.com --field username=alice --field url=https://example.com",
            "  cipherpost vault add wifi --generate --words 6",
            "  printf 'hunter2\\nusername: bob\\n' | cipherpost vault add mail --stdin"})
final class VaultAddCommand implements Callable<Integer> {
    /** Largest entry read from standard input. */
    static final int MAXIMUM_ENTRY = 16 << 20;

    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name (its 'name' field).")
    String name;

    @Option(names = "--stdin", description = "Read the entry from standard input.")
    boolean stdin;

    @Option(names = "--generate", description = "Generate the secret with a secure random generator.")
    boolean generate;

    @Option(names = "--length", paramLabel = "N",
            description = "Length of a generated password (default: " + PasswordPolicy.DEFAULT_LENGTH + ").")
    Integer length;

    @Option(names = "--words", paramLabel = "N", description = "Generate a passphrase of N words instead of a password.")
    Integer words;

    @Option(names = "--no-symbols", description = "Generate a password of letters and digits only.")
    boolean noSymbols;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "Add a field line (repeatable).")
    List<String> fields = new ArrayList<>();

    VaultAddCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        checkOptions();
        final List<String[]> parsedFields = EntryFields.parse(fields);
        try (Entry base = content();
             Entry entry = EntryFields.withFields(base, parsedFields);
             Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final EntryId id = vault.add(name, entry);
            context.err().println("cipherpost: added [" + name + "] as [" + id + "]");
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Refuses contradictory secret sources before anything is asked for. */
    private void checkOptions() throws CliException {
        if (stdin && generate) {
            throw new CliException(ExitCodes.USAGE, "--stdin and --generate exclude each other");
        }
        if (!generate && (length != null || words != null || noSymbols)) {
            throw new CliException(ExitCodes.USAGE, "--length, --words and --no-symbols need --generate");
        }
        if (words != null && (length != null || noSymbols)) {
            throw new CliException(ExitCodes.USAGE, "--words makes a passphrase: it excludes --length and --no-symbols");
        }
        if (!stdin && !generate && !context.terminal().available()) {
            throw new CliException(ExitCodes.USAGE, "no secret: no terminal to type it on; use --stdin or --generate");
        }
    }

    /** Builds the entry from the chosen source. */
    private Entry content() throws CliException, IOException {
        if (stdin) {
            try (SecretBytes bytes = SecretBuffer.readAll(context.stdin(), MAXIMUM_ENTRY)) {
                if (bytes.length() == 0) {
                    throw new CliException(ExitCodes.USAGE, "standard input is empty: nothing to add");
                }
                return Entry.parse(bytes);
            }
        }
        if (generate) {
            final PasswordGenerator generator;
            try {
                generator = words != null
                        ? PasswordGeneratorFactory.newPassphraseGenerator(PassphrasePolicy.ofWords(words))
                        : PasswordGeneratorFactory.newCharacterGenerator(policy());
            } catch (final IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, VaultFailures.line(e), e);
            }
            try (SecretBytes secret = generator.generate()) {
                context.err().println("cipherpost: generated a secret of %.0f bits; see it with 'show %s'"
                        .formatted(generator.entropyBits(), name));
                return Entry.create(secret);
            }
        }
        try (SecretBytes secret = context.terminal().readSecret("Secret for [" + name + "]: ");
             SecretBytes again = context.terminal().readSecret("Repeat the secret: ")) {
            if (secret == null || again == null) {
                throw new CliException(ExitCodes.GENERIC, "no secret entered");
            }
            if (!secret.contentEquals(again)) {
                throw new CliException(ExitCodes.GENERIC, "the secrets do not match");
            }
            return Entry.create(secret);
        }
    }

    /** Returns the character password policy from the options. */
    private PasswordPolicy policy() {
        final PasswordPolicy policy = PasswordPolicy.ofLength(length != null ? length : PasswordPolicy.DEFAULT_LENGTH);
        return noSymbols ? policy.withoutSymbols() : policy;
    }
}
