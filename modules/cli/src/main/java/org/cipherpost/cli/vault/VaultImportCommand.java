package org.cipherpost.cli.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Fields;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault import pass|passage}: copy every entry of an existing store into the vault. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Import a pass or passage store.",
            "Each file of a pass store is decrypted with 'gpg --decrypt'; a passage store is decrypted in this process with the identities of $PASSAGE_IDENTITIES_FILE (default ~/.passage/identities), or with 'age -d -i' on each file when that file holds other kinds of identities (passphrase-protected, plugins). The entry name is the file's path in the store without its extension; names already in the vault are skipped. Nothing is imported unless every file decrypts."},
        footer = {"", "Examples:",
            "  cipherpost vault import pass ~/.password-store",
            "  PASSAGE_IDENTITIES_FILE=~/.passage/identities ciphey import passage ~/.passage/store"})
final class VaultImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "pass or passage.")
    StoreImporter.Kind kind;

    @Parameters(index = "1", paramLabel = "STORE", description = "The store directory.")
    Path store;

    VaultImportCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        if (!Files.isDirectory(store)) {
            throw new CliException(ExitCodes.GENERIC, "[" + store + "] is not a directory");
        }
        final StoreImporter importer = new StoreImporter(context, kind, store);
        if (kind == StoreImporter.Kind.PASSAGE) {
            importer.identities();
        }
        final List<Entry> entries = new ArrayList<>();
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final List<Path> files = importer.files();
            if (files.isEmpty()) {
                throw new CliException(ExitCodes.GENERIC, "no " + kind.extension() + " files in [" + store + "]");
            }
            final Set<String> existing = new HashSet<>();
            for (final EntrySummary summary : vault.list().entries()) {
                existing.add(summary.name());
            }
            int skipped = 0;
            final List<Path> wanted = new ArrayList<>();
            for (final Path file : files) {
                final String name = importer.name(file);
                if (existing.contains(name)) {
                    context.err().println("cipherpost: warning: skipped [" + Printables.clean(name) + "]: the vault has an entry of that name");
                    skipped++;
                } else {
                    wanted.add(file);
                }
            }
            final List<SecretBytes> plaintexts = importer.decryptAll(wanted);
            try {
                for (int i = 0; i < wanted.size(); i++) {
                    try (Entry parsed = Entry.parse(plaintexts.get(i))) {
                        entries.add(parsed.withField(Fields.NAME, importer.name(wanted.get(i))));
                    }
                }
            } finally {
                plaintexts.forEach(SecretBytes::close);
            }
            vault.addAll(entries);
            context.err().println("cipherpost: imported " + entries.size() + " entries" + (skipped > 0 ? ", skipped " + skipped : ""));
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        } finally {
            entries.forEach(Entry::close);
        }
        return ExitCodes.OK;
    }
}
