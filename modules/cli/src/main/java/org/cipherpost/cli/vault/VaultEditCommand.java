package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vault edit}: change an entry in {@code $EDITOR}. */
@Command(name = "edit",
        mixinStandardHelpOptions = true,
        description = {"Change an entry in $EDITOR.",
            "Opens the entry in $EDITOR (else $VISUAL, else vi) on a private temporary file (0600 in a 0700 directory on /dev/shm when possible) that is overwritten and deleted afterwards. Unchanged content writes nothing; a different 'name:' line renames the entry."},
        footer = {"", "Examples:", "  cipherpost vault edit example.com", "  EDITOR='code --wait' ciphey edit mail"})
final class VaultEditCommand implements Callable<Integer> {
    /** Field that marks an attached file's entry (docs/VAULT-FORMAT.md). */
    static final String ATTACHMENT_FIELD = "attachment-sha256";

    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    VaultEditCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open();
             Entry entry = vault.get(name);
             SecretBytes original = entry.toBytes()) {
            if (entry.first(ATTACHMENT_FIELD).isPresent()) {
                throw new CliException(ExitCodes.GENERIC, "entry [" + name + "] is an attached file; use detach and attach");
            }
            try (SecretBytes edited = new EditorSession(context).edit(name, original)) {
                if (MessageDigest.isEqual(original.bytes(), edited.bytes())) {
                    context.err().println("cipherpost: no changes to [" + name + "]");
                    return ExitCodes.OK;
                }
                try (Entry changed = Entry.parse(edited)) {
                    final boolean written = vault.edit(name, changed);
                    context.err().println(written ? "cipherpost: saved [" + name + "]" : "cipherpost: no changes to [" + name + "]");
                }
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
