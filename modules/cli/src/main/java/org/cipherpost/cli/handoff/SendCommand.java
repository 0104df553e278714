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
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.Layout;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareOptions;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.api.MaterialException;
import org.cipherpost.cli.plugin.PluginHost;
import org.cipherpost.material.MaterialHandler;
import org.cipherpost.material.PluginFailureException;
import org.cipherpost.material.UnknownMaterialTypeException;
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
            "as its own DHT item under your key (several shares live side by side), and also as the v1",
            "_cipherpost record of your PKARR packet when it fits there. Prints the share URI to hand to",
            "the recipient. Material is at most 64 KiB. A share too large for one 1000-byte item (more",
            "than about 125 bytes of material, or any PIN share) is stored as chunks (BEP 44 immutable",
            "items) under a signed protocol_version 2 record, which v1 readers cannot read. DHT items",
            "fade about 2 hours after their last put: keep this command running with --keep-alive, or",
            "run 'cipherpost republish' (both re-put the chunks too). Through a relay only the v1 packet",
            "is used (one live share per identity, about 75 bytes of material, no chunks).",
            "For files and directories of any size, use 'cipherpost send-large'."},
        footer = {"", "Examples:",
            "  cipherpost send --share <recipient-z32> -p 'staging db password' --material-file pass.txt",
            "  printf %%s \"$TOKEN\" | cipherpost send --self -p 'api token' --material-file - --ttl 1h",
            "  cipherpost send --share <recipient-z32> -p 'one-time token' --material-file t.txt --burn",
            "  cipherpost send --share <recipient-z32> -p key --material-file k.bin --keep-alive",
            "  cipherpost send --share <recipient-z32> -p 'tls cert' --material x509-cert --material-file cert.der",
            "  cipherpost send --share <recipient-z32> -p 'deploy key' --material ssh-key --material-file id_rsa --pin",
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

    @Option(names = "--material", paramLabel = "TYPE", defaultValue = "generic-secret",
            description = {"Type of the secret: generic-secret, x509-cert, pgp-key or ssh-key (default:"
                    + " ${DEFAULT-VALUE}).", "Typed material is checked and made canonical by its plugin before"
                    + " anything is encrypted (PEM certificates become DER, armored PGP keys binary)."})
    String materialType;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h",
            description = "How long the share may be received: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--burn", description = "Ask the recipient's client to let the share be received once only.")
    boolean burn;

    @Option(names = "--pin", description = "Add a PIN (at least 8 characters) as a second factor; asked twice on the"
            + " terminal unless --pin-file or --pin-fd gives it.")
    boolean pin;

    @Option(names = "--keep-alive", description = "After printing the URI, stay in the foreground and republish the"
            + " share every 45 minutes until its TTL ends (Ctrl-C stops).")
    boolean keepAlive;

    @Option(names = "--keep-alive-interval", hidden = true, paramLabel = "DURATION", defaultValue = "45m",
            description = "Time between republications with --keep-alive.")
    String keepAliveInterval;

    @Mixin
    PinOptions pinOptions;

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
        final long intervalSeconds = Printables.seconds(keepAliveInterval);
        if (intervalSeconds <= 0) {
            throw new CliException(ExitCodes.USAGE, "--keep-alive-interval [" + keepAliveInterval + "] is not a"
                    + " positive duration");
        }
        final Optional<byte[]> recipient = recipient();
        final MaterialHandler handler = handler(materialType);
        final MaterialKind kind = kind(handler);
        final var settings = network.settings(context.environment(), relay);
        if (keepAlive && settings.relay().isPresent()) {
            throw new CliException(ExitCodes.USAGE, "--keep-alive needs the DHT: a relay keeps what it stores itself");
        }
        final boolean withPin = pin || pinOptions.given();
        try (SecretBytes raw = readMaterial();
             SecretBytes material = ingest(handler, raw);
             SecretBytes pinBytes = withPin ? new PinReader(context, pinOptions).read(true) : null;
             Identity identity = new IdentityLoader(context).unlock(passphrase);
             PkarrTransport transport = PkarrTransport.open(settings)) {
            if (settings.relay().isPresent()) {
                context.err().println("cipherpost: note: a relay carries unsalted PKARR packets only: this share uses"
                        + " the v1 layout (one live share per identity; a new send replaces it)");
            }
            final Handoff handoff = HandoffFactory.create(transport, context.home().resolve("state"),
                    InstantSource.system());
            final SentShare sent = handoff.send(identity, recipient, purpose, kind, material,
                    ttlSeconds, new ShareOptions(burn, Optional.ofNullable(pinBytes)));
            report(sent, transport.describe());
            context.err().flush();
            context.out().println(sent.uri());
            context.out().flush();
            if (keepAlive) {
                keepAlive(handoff, sent, intervalSeconds);
            }
            return ExitCodes.OK;
        } catch (final IOException | GeneralSecurityException | InterruptedException e) {
            throw HandoffFailures.of("send", e);
        }
    }

    /** Prints where the share went on standard error. */
    private void report(final SentShare sent, final String via) {
        final Instant expires = Instant.ofEpochSecond(sent.record().expiresAt());
        final String where = switch (sent.layout()) {
            case SALTED -> "its own item";
            case V1_PACKET -> "v1 packet";
            case CHUNKED -> "its own item (protocol_version 2), "
                    + sent.record().chunks().orElseThrow().size() + " ciphertext bytes in chunks";
        };
        context.err().printf("Share published for %s: %d of 1000 bytes, %s, stored on %d nodes via %s;"
                + " expires %s%n", sent.record().recipientZ32().orElse("yourself"), sent.valueBytes(), where,
                sent.stored(), via, expires);
        sent.mirrorWarning().ifPresent(warning -> context.err().println((sent.layout() == Layout.CHUNKED
                ? "cipherpost: note: " : "cipherpost: warning: ") + warning));
    }

    /**
     * Finds the material type {@code --material} names, built in or from a plugin.
     *
     * @param text option value, e.g. {@code x509-cert} ({@code x509_cert} is accepted too)
     * @return handler
     * @throws CliException exit 64 when no built-in type or installed plugin provides it
     */
    private MaterialHandler handler(final String text) throws CliException {
        final String name = text.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        try {
            return PluginHost.materialRegistry(context).byName(name);
        } catch (final UnknownMaterialTypeException e) {
            throw new CliException(ExitCodes.USAGE, "--material [" + Printable.escape(text) + "] is not a material"
                    + " type here; 'cipherpost plugin list' shows the installed types", e);
        }
    }

    /**
     * Maps a material type to the envelope's wire tag.
     *
     * @param handler material type
     * @return material kind
     * @throws CliException exit 64 for a type whose wire tag this version cannot carry, or {@code blob_manifest}
     */
    static MaterialKind kind(final MaterialHandler handler) throws CliException {
        try {
            final MaterialKind kind = MaterialKind.fromWireName(handler.wireType());
            if (kind != MaterialKind.BLOB_MANIFEST) {
                return kind;
            }
        } catch (final IOException e) {
            // reported below
        }
        throw new CliException(ExitCodes.USAGE, "material type [" + handler.name() + "] (" + handler.origin()
                + ") has the wire type [" + Printable.escape(handler.wireType()) + "], which shares cannot carry;"
                + " use generic-secret, x509-cert, pgp-key or ssh-key");
    }

    /** Checks and canonicalizes the material with its type (a certificate in PEM becomes DER, and so on). */
    private static SecretBytes ingest(final MaterialHandler handler, final SecretBytes raw) throws CliException {
        try {
            final SecretBytes canonical = SecretBytes.wrap(handler.ingest(raw.bytes()));
            if (canonical.length() == 0) {
                canonical.close();
                throw new CliException(ExitCodes.USAGE, "material is empty");
            }
            return canonical;
        } catch (final MaterialException e) {
            throw new CliException(ExitCodes.GENERIC, "invalid " + handler.name() + " material: " + e.getMessage(),
                    e);
        } catch (final PluginFailureException e) {
            throw new CliException(ExitCodes.GENERIC, e.getMessage(), e);
        }
    }

    /** Republishes the share every interval until its TTL ends; progress on standard error. */
    private void keepAlive(final Handoff handoff, final SentShare sent, final long intervalSeconds)
            throws InterruptedException {
        final long expiresAt = sent.record().expiresAt();
        context.err().printf("Keeping the share alive until %s (every %s; Ctrl-C stops)%n",
                Instant.ofEpochSecond(expiresAt), keepAliveInterval);
        context.err().flush();
        while (true) {
            final long now = Instant.now().getEpochSecond();
            if (now >= expiresAt) {
                break;
            }
            Thread.sleep(Math.min(intervalSeconds, expiresAt - now) * 1000L);
            if (Instant.now().getEpochSecond() >= expiresAt) {
                break;
            }
            try {
                final int held = handoff.republish(sent.uri().shareRef());
                context.err().printf("%s republished share %s: held by %d nodes%n", Instant.now(),
                        sent.uri().shareRef().hex(), held);
            } catch (final IOException | GeneralSecurityException e) {
                context.err().printf("cipherpost: warning: republishing failed (%s); trying again in %s%n",
                        e.getMessage() != null ? e.getMessage() : "network failure", keepAliveInterval);
            }
            context.err().flush();
        }
        context.err().println("Share expired at " + Instant.ofEpochSecond(expiresAt) + "; keep-alive done");
        context.err().flush();
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
