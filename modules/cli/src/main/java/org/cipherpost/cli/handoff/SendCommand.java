package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.cli.Printable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.KeyConversion;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.PublicKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code send}: encrypt a secret to a recipient (or yourself) and publish the share under your key. */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        header = "Send a secret to a person (or yourself) as a signed, encrypted share on the DHT.",
        description = {"Encrypt a secret to a recipient's key (or to yourself with --self), sign it and publish it",
            "as the _cipherpost record under your key; your other records are kept. Prints the share URI",
            "to hand to the recipient. Material is at most 64 KiB, and the share must fit in one PKARR",
            "packet of 1000 bytes (about 75 bytes of material with a short purpose)."},
        footer = {"", "Examples:",
            "  cipherpost send --share <recipient-z32> -p 'staging db password' --material-file pass.txt",
            "  printf %%s \"$TOKEN\" | cipherpost send --self -p 'api token' --material-file - --ttl 1h",
            "  cipherpost send --share <recipient-z32> -p key --material-file k.bin --relay https://relay.example"})
public final class SendCommand implements Callable<Integer> {
    private final CliContext context;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = {"-p", "--purpose"}, required = true, paramLabel = "TEXT",
            description = "What the secret is for; shown to the recipient before they accept.")
    String purpose;

    @Option(names = "--material-file", required = true, paramLabel = "PATH|-",
            description = "File holding the secret, or - for standard input.")
    String materialFile;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h",
            description = "How long the share may be received: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    @Mixin
    PassphraseOptions passphrase;

    /** Who the share is for. */
    static final class Target {
        @Option(names = "--self", required = true, description = "Share to yourself (receive it with your identity).")
        boolean self;

        @Option(names = "--share", required = true, paramLabel = "RECIPIENT",
                description = "Recipient's public key (z-base-32, as 'cipherpost identity show' prints it).")
        String recipient;
    }

    /** Creates the command with its context. */
    SendCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final long ttlSeconds = Printables.seconds(ttl);
        if (ttlSeconds <= 0) {
            throw new CliException(ExitCodes.USAGE, "--ttl [" + ttl + "] is not a positive duration such as 30m, 24h"
                    + " or 7d");
        }
        final Optional<byte[]> recipient = recipient();
        final var settings = network.settings(context.environment(), relay);
        try (SecretBytes material = readMaterial();
             Identity identity = new IdentityLoader(context).unlock(passphrase);
             PkarrTransport transport = PkarrTransport.open(settings)) {
            final Handoff handoff = HandoffFactory.create(PkarrClient.create(transport),
                    context.home().resolve("state"), InstantSource.system());
            final SentShare sent = handoff.send(identity, recipient, purpose, MaterialKind.GENERIC_SECRET, material,
                    ttlSeconds);
            context.err().printf("Share published for %s: %d of %d packet bytes, stored on %d nodes via %s;"
                    + " expires %s%n", sent.record().recipientZ32().orElse("yourself"), sent.packetBytes(),
                    1000, sent.stored(), transport.describe(),
                    Instant.ofEpochSecond(sent.record().createdAt() + sent.record().ttlSeconds()));
            context.err().flush();
            context.out().println(sent.uri());
            context.out().flush();
            return ExitCodes.OK;
        } catch (final IOException | GeneralSecurityException | InterruptedException e) {
            throw HandoffFailures.of("send", e);
        }
    }

    private Optional<byte[]> recipient() throws CliException {
        if (target.self) {
            return Optional.empty();
        }
        try {
            final byte[] key = PublicKeys.parseZ32(target.recipient.strip());
            KeyConversion.x25519PublicKey(key);
            return Optional.of(key);
        } catch (final IOException | InvalidKeyException e) {
            throw new CliException(ExitCodes.USAGE, "--share [" + Printable.escape(target.recipient)
                    + "] is not a public key: expected 52 z-base-32 characters", e);
        }
    }

    /** Reads at most the cap plus one byte, so that an oversize secret fails before anything else happens. */
    private SecretBytes readMaterial() throws CliException {
        final byte[] bytes;
        try {
            if (materialFile.equals("-")) {
                bytes = context.stdin().readNBytes(Handoff.MAX_MATERIAL_BYTES + 1);
            } else {
                final Path file = Path.of(materialFile);
                final long size = Files.size(file);
                if (size > Handoff.MAX_MATERIAL_BYTES) {
                    throw new CliException(ExitCodes.SIZE, String.format(
                            "material file is %d bytes; a share holds at most %d", size, Handoff.MAX_MATERIAL_BYTES));
                }
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes(Handoff.MAX_MATERIAL_BYTES + 1);
                }
            }
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "no material file at [" + materialFile + "]", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read material [" + materialFile + "]: "
                    + e.getMessage(), e);
        }
        final SecretBytes material = SecretBytes.wrap(bytes);
        if (bytes.length > Handoff.MAX_MATERIAL_BYTES) {
            material.close();
            throw new CliException(ExitCodes.SIZE, String.format(
                    "material is more than %d bytes; a share holds at most %d", Handoff.MAX_MATERIAL_BYTES,
                    Handoff.MAX_MATERIAL_BYTES));
        }
        if (bytes.length == 0) {
            material.close();
            throw new CliException(ExitCodes.USAGE, "material is empty");
        }
        return material;
    }
}
