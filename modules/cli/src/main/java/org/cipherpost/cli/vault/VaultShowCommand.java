package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.Field;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault show}: write an entry, one field, or copy its secret to the clipboard. */
// No mixinStandardHelpOptions: its -V/--version would take the name of --version N.
@Command(name = "show",
        description = {"Print an entry or one field, or copy it to the clipboard.",
            "Writes the entry to stdout exactly as stored (first line the secret), or the value of one field. With --clip the secret (or the field) goes to the clipboard instead and is cleared after 45 s ($CIPHERPOST_CLIP_TIME) if it is still there."},
        footer = {"", "Examples:",
            "  cipherpost vault show example.com",
            "  cipherpost vault show example.com --field username",
            "  cipherpost vault show example.com --clip",
            "  cipherpost vault show example.com --version 2"})
final class VaultShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Option(names = "--field", paramLabel = "FIELD", description = "Only this field's value (first match, any case).")
    String field;

    @Option(names = "--clip", description = "Copy to the clipboard instead of writing to stdout.")
    boolean clip;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "N",
            description = "An earlier version, numbered as 'vault history' lists them (needs the hook-git plugin).")
    Integer version;

    VaultShowCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open();
             Entry entry = version == null ? vault.get(name) : VaultVersions.of(context, vault).get(name, version)) {
            if (field != null) {
                final Optional<Field> found = entry.first(field);
                if (found.isEmpty()) {
                    throw new CliException(ExitCodes.GENERIC, "entry [" + name + "] has no field [" + field + "]");
                }
                try (SecretBytes value = found.get().value()) {
                    emit(value, "field [" + field + "] of [" + name + "]");
                }
            } else if (clip) {
                try (SecretBytes secret = entry.secret()) {
                    if (secret.length() == 0) {
                        throw new CliException(ExitCodes.GENERIC, "entry [" + name + "] has no secret (its first line is empty)");
                    }
                    emit(secret, "the secret of [" + name + "]");
                }
            } else {
                try (OutputStream out = RawOutput.of(context)) {
                    entry.writeTo(out);
                }
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Writes a value and a newline to stdout, or copies it to the clipboard. */
    private void emit(final SecretBytes value, final String what) throws CliException, IOException {
        if (clip) {
            new StandardClipboard(context).copy(value, what);
            return;
        }
        try (OutputStream out = RawOutput.of(context)) {
            out.write(value.bytes());
            out.write('\n');
        }
    }
}
