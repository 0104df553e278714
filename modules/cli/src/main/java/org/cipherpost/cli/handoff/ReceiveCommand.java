package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.api.MaterialType;
import org.cipherpost.cli.plugin.MaterialScreen;
import org.cipherpost.cli.plugin.PluginHost;
import org.cipherpost.material.MaterialHandler;
import org.cipherpost.material.UnknownMaterialTypeException;
import org.cipherpost.cli.BinaryPrintWriter;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.crypto.SecureFiles;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ShareUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code receive}: verify, confirm and decrypt a share, write the secret, publish a signed receipt. */
@Command(name = "receive",
        mixinStandardHelpOptions = true,
        header = "Receive a share: verify it, show who sent it and why, and accept it explicitly.",
        description = {"Fetch the share a URI names, verify both signatures against the URI's sender, check it is",
            "addressed to you and not expired, decrypt it and show who sent what for which purpose.",
            "You accept by typing the sender's key (or with --accept <sender-z32>); then the secret is",
            "written to standard output or to -o (mode 0600) and a signed receipt is published under",
            "your key. Receiving an accepted share again prints when it was accepted and does nothing else;",
            "a burn-after-read share is written once and then refused (exit 7). A PIN share asks for its",
            "PIN only after both signatures verified (or reads --pin-file / --pin-fd)."},
        footer = {"", "Examples:",
            "  cipherpost receive cipherpost://<sender-z32>/<share-ref>",
            "  cipherpost receive cipherpost://<sender-z32>/<share-ref> -o secret.txt",
            "  cipherpost receive <uri> --accept <sender-z32> --passphrase-file ~/.cipherpost-pass > secret.bin"})
public final class ReceiveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SHARE-URI", description = "cipherpost://<sender-z32>/<share-ref>")
    String uriText;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Write the secret to this file (mode 0600, atomically) instead of standard output.")
    Path output;

    @Option(names = "--armor",
            description = "Write typed material as text: a certificate as PEM, a PGP key ASCII-armored.")
    boolean armor;

    @Option(names = "--accept", paramLabel = "SENDER-Z32",
            description = "Accept without a prompt when the sender is this key; any other value declines.")
    String accept;

    @Mixin
    PinOptions pinOptions;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    @Mixin
    PassphraseOptions passphrase;

    /** Creates the command with its context. */
    ReceiveCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final ShareUri uri = ShareUriArgument.parse(uriText, "cipherpost send");
        final var settings = network.settings(context.environment(), relay);
        try (Identity identity = new IdentityLoader(context).unlock(passphrase);
             PkarrTransport transport = PkarrTransport.open(settings);
             ReceiveSession session = HandoffFactory.create(transport, context.home().resolve("state"),
                     InstantSource.system()).receive(identity, uri)) {
            final Optional<Acceptance> previous = session.previous();
            if (previous.isPresent() && previous.get().burned()) {
                throw new CliException(ExitCodes.DECLINED, "share " + uri.shareRef().hex() + " already consumed"
                        + " (burned at " + Instant.ofEpochSecond(previous.get().burnedAt().getAsLong()) + ")");
            }
            if (previous.isPresent()) {
                return again(session, previous.get());
            }
            final OuterRecord verified = session.verify();
            try (SecretBytes pin = verified.pinRequired() ? new PinReader(context, pinOptions).read(false) : null;
                 IncomingShare share = Acceptances.open(context, session, pin)) {
                if (share.envelope().material().kind() == MaterialKind.BLOB_MANIFEST) {
                    throw new CliException(ExitCodes.USAGE, "this share is a large payload kept in a blob store;"
                            + " receive it with 'cipherpost receive-large " + uri + " -o <dir>' (nothing was"
                            + " written)");
                }
                final Optional<MaterialHandler> armored = armor ? Optional.of(armorHandler(share)) : Optional.empty();
                screen(share);
                Acceptances.confirm(context, accept, uri);
                final boolean[] emitted = new boolean[1];
                final Acceptance acceptance;
                try {
                    acceptance = session.accept(share, material -> {
                        if (armored.isPresent()) {
                            try (SecretBytes rendered = render(armored.get(), material)) {
                                write(rendered);
                            }
                        } else {
                            write(material);
                        }
                        emitted[0] = true;
                    });
                } catch (final PacketTooLargeException e) {
                    throw new CliException(ExitCodes.SIZE, String.format("secret written, but the receipt was not"
                            + " published: your records would need %d bytes and a PKARR packet holds at most %d",
                            e.size(), e.limit()), e);
                } catch (final IOException e) {
                    if (!emitted[0]) {
                        throw new CliException(ExitCodes.GENERIC, "cannot write the secret"
                                + (output != null ? " to [" + output + "]" : "") + ": " + e.getMessage(), e);
                    }
                    throw new CliException(ExitCodes.NETWORK, "secret written, but the receipt was not published: "
                            + e.getMessage() + "; run the same receive again to retry", e);
                }
                session.warnings().forEach(warning -> context.err().println("cipherpost: warning: " + warning));
                report(acceptance, identity);
            }
            return ExitCodes.OK;
        } catch (final IOException | GeneralSecurityException | InterruptedException e) {
            throw HandoffFailures.of("receive", e);
        }
    }

    private int again(final ReceiveSession session, final Acceptance previous)
            throws IOException, GeneralSecurityException, InterruptedException {
        context.err().println("Share already accepted at " + Instant.ofEpochSecond(previous.acceptedAt())
                + "; nothing decrypted or written again");
        if (previous.state() == ReceiptState.PENDING) {
            session.publishReceipt(previous);
            context.err().println("Receipt published now (it had failed to publish before)");
        }
        context.err().flush();
        return ExitCodes.OK;
    }

    /** Finds the type that renders the share's material as text, or refuses {@code --armor} before acceptance. */
    private MaterialHandler armorHandler(final IncomingShare share) throws CliException {
        final String wireType = share.envelope().material().kind().wireName();
        try {
            final MaterialHandler handler = PluginHost.materialRegistry(context).byWireType(wireType);
            if (handler.renderings().contains(MaterialType.ARMOR)) {
                return handler;
            }
            throw new CliException(ExitCodes.USAGE, "--armor: " + handler.name() + " material has no text form;"
                    + " receive it without --armor (nothing was written)");
        } catch (final UnknownMaterialTypeException e) {
            throw new CliException(ExitCodes.USAGE, "--armor: no installed plugin renders [" + wireType + "]"
                    + " material; receive it without --armor (nothing was written)", e);
        }
    }

    /** Renders material as text (PEM, ASCII armor) with its type. */
    private static SecretBytes render(final MaterialHandler handler, final SecretBytes material) throws IOException {
        return SecretBytes.wrap(handler.render(material.bytes(), MaterialType.ARMOR));
    }

    /** Prints the acceptance screen on standard error; every field comes from verified, decrypted data. */
    private void screen(final IncomingShare share) throws IOException {
        Acceptances.printHeader(context, share);
        MaterialScreen.print(context.err(), MaterialScreen.lines(PluginHost.materialRegistry(context),
                share.envelope().material().kind().wireName(), share.envelope().material().bytes().bytes()));
    }

    /** Writes the secret to standard output or, atomically with mode 0600, to the output file. */
    private void write(final SecretBytes material) throws IOException {
        if (output == null || output.toString().equals("-")) {
            context.out().flush();
            final OutputStream stream = context.out() instanceof BinaryPrintWriter binary
                    ? binary.stream() : System.out;
            stream.write(material.bytes());
            stream.flush();
        } else {
            SecureFiles.writeAtomically(output, material.bytes(), SecureFiles.PRIVATE_FILE);
        }
    }

    private void report(final Acceptance acceptance, final Identity identity) {
        if (acceptance.state() == ReceiptState.NOT_NEEDED) {
            context.err().println("Accepted (self share: no receipt needed)");
        } else {
            context.err().println("Accepted; receipt published as " + ItemSalts.receiptText(acceptance.receipt()
                    .shareRef()) + " under " + PublicKeys.toZ32(identity.publicKey()));
        }
        if (output != null && !output.toString().equals("-")) {
            context.err().println("Secret written to " + output);
        }
        context.err().flush();
    }
}
