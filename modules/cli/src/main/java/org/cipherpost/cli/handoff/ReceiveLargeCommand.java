package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.blob.BlobManifest;
import org.cipherpost.blob.BlobStore;
import org.cipherpost.blob.BlobStoreFactory;
import org.cipherpost.blob.LargePayloads;
import org.cipherpost.blob.Unpacked;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.Printable;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.wire.BencodeException;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ShareUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code receive-large}: verify and accept a blob-manifest share, download, verify, decrypt and unpack the blob. */
@Command(name = "receive-large",
        mixinStandardHelpOptions = true,
        header = "Receive a large payload sent with send-large: verify, accept, download, unpack.",
        description = {"Fetch and verify the share as 'receive' does, show who sent what (with the blob's size and",
            "SHA-256) and accept it explicitly; then check the target directory (new or empty, unless",
            "--force-nonempty), download the blob with a progress bar (an interrupted download resumes on the",
            "next run), check its SHA-256 against the signed manifest BEFORE decrypting, and unpack it safely",
            "(no absolute paths, no '..', no links out of the target, no devices): nothing is written unless",
            "everything verified. Then a signed receipt is published. A token (--blob-token-file or",
            "CIPHERPOST_BLOB_TOKEN) is sent only to the store named by --blob-store; without one the blob is",
            "fetched without credentials. Blobs on a pubky homeserver are public reads: no token, no sign-in;",
            "--blob-store pubky://<host[:port]> only insists that the blob is on that homeserver."},
        footer = {"", "Examples:",
            "  cipherpost receive-large cipherpost://<sender-z32>/<share-ref> -o ./backup",
            "  cipherpost receive-large <uri> -o ./backup --blob-store https://dav.example/blobs/"
                    + " --blob-token-file ~/.blob-token",
            "  cipherpost receive-large <uri> -o ./vm --blob-store pubky://hs.example"})
public final class ReceiveLargeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SHARE-URI", description = "cipherpost://<sender-z32>/<share-ref>")
    String uriText;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Directory to unpack into: new, or empty unless --force-nonempty.")
    Path output;

    @Option(names = "--force-nonempty", description = "Unpack into a non-empty directory (never over existing names).")
    boolean forceNonEmpty;

    @Option(names = "--blob-store", paramLabel = "URL",
            description = {"Base URL of your blob store; the token is sent only to blobs under it. Or",
                "pubky://<homeserver-host[:port]>: the blob must be on that homeserver (read without a token)."})
    String blobStore;

    @Option(names = "--blob-token-file", paramLabel = "PATH",
            description = "File holding the store's bearer token (mode 0600 or 0400); else CIPHERPOST_BLOB_TOKEN.")
    Path tokenFile;

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
    ReceiveLargeCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final ShareUri uri = ShareUriArgument.parse(uriText, "cipherpost send-large");
        final Optional<URI> homeserver = blobStore == null ? Optional.empty()
                : SendLargeCommand.pubkyHomeserver(blobStore);
        final Optional<URI> base = blobStore == null || homeserver.isPresent() ? Optional.empty()
                : Optional.of(SendLargeCommand.storeBase(blobStore));
        if (homeserver.isPresent() && tokenFile != null) {
            throw new CliException(ExitCodes.USAGE, "--blob-token-file is for http(s) stores: blobs on a pubky"
                    + " homeserver are read without a token");
        }
        final var settings = network.settings(context.environment(), relay);
        try (SecretBytes token = homeserver.isPresent() ? null
                : BlobTokenReader.read(tokenFile, context.environment()).orElse(null);
             Identity identity = new IdentityLoader(context).unlock(passphrase);
             PkarrTransport transport = PkarrTransport.open(settings);
             ReceiveSession session = HandoffFactory.create(transport, context.home().resolve("state"),
                     InstantSource.system()).receive(identity, uri)) {
            if (tokenFile != null && base.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "--blob-token-file needs --blob-store naming the store the"
                        + " token is for: a token is never sent to a host the sender chose");
            }
            final Optional<Acceptance> previous = session.previous();
            if (previous.isPresent() && previous.get().burned()) {
                throw new CliException(ExitCodes.DECLINED, "share " + uri.shareRef().hex() + " already consumed"
                        + " (burned at " + Instant.ofEpochSecond(previous.get().burnedAt().getAsLong()) + ")");
            }
            if (previous.isPresent()) {
                context.err().println("Share already accepted at " + Instant.ofEpochSecond(previous.get()
                        .acceptedAt()) + "; nothing downloaded or written again");
                if (previous.get().state() == ReceiptState.PENDING) {
                    session.publishReceipt(previous.get());
                    context.err().println("Receipt published now (it had failed to publish before)");
                }
                return ExitCodes.OK;
            }
            final OuterRecord verified = session.verify();
            try (SecretBytes pin = verified.pinRequired() ? new PinReader(context, pinOptions).read(false) : null;
                 IncomingShare share = Acceptances.open(context, session, pin)) {
                if (share.envelope().material().kind() != MaterialKind.BLOB_MANIFEST) {
                    throw new CliException(ExitCodes.USAGE, "this share is not a large payload; receive it with"
                            + " 'cipherpost receive " + uri + "' (nothing was written)");
                }
                final BlobManifest manifest = manifest(share);
                screen(share, manifest);
                Acceptances.confirm(context, accept, uri);
                try {
                    LargePayloads.checkTarget(output, forceNonEmpty);
                } catch (final IOException e) {
                    throw new CliException(ExitCodes.GENERIC, "cannot unpack into [" + output + "]: "
                            + e.getMessage() + " (use --force-nonempty for a non-empty directory); nothing was"
                            + " downloaded", e);
                }
                final Unpacked unpacked = download(identity, manifest, base, homeserver, token);
                final Acceptance acceptance;
                try {
                    acceptance = session.accept(share, material -> { });
                } catch (final IOException e) {
                    throw new CliException(ExitCodes.NETWORK, "payload unpacked into " + unpacked.target()
                            + ", but the receipt was not published: " + e.getMessage()
                            + "; run the same receive-large again to retry", e);
                }
                session.warnings().forEach(warning -> context.err().println("cipherpost: warning: " + warning));
                context.err().printf("Unpacked %d entries (%s) into %s%n", unpacked.entries(),
                        ProgressBar.size(unpacked.bytes()), unpacked.target());
                context.err().println(acceptance.state() == ReceiptState.NOT_NEEDED
                        ? "Accepted (self share: no receipt needed)"
                        : "Accepted; receipt published as " + ItemSalts.receiptText(acceptance.receipt().shareRef())
                                + " under " + PublicKeys.toZ32(identity.publicKey()));
                context.err().flush();
            }
            return ExitCodes.OK;
        } catch (final IOException | GeneralSecurityException | InterruptedException e) {
            throw HandoffFailures.of("receive-large", e);
        }
    }

    /** Downloads (resuming a partial download), verifies the hash, then decrypts and unpacks; nothing else first. */
    private Unpacked download(final Identity identity, final BlobManifest manifest, final Optional<URI> base,
                              final Optional<URI> homeserver, final SecretBytes token)
            throws IOException, GeneralSecurityException, InterruptedException {
        final URI storeBase = homeserver.map(h -> h.resolve("/" + BlobStoreFactory.PUBKY_FOLDER))
                .orElseGet(() -> base.orElseGet(() -> manifest.locator().resolve(".")));
        final Path spool = context.home().resolve("spool");
        final Path verified;
        try (BlobStore store = homeserver.isPresent()
                ? BlobStoreFactory.pubky(homeserver.get(), pubkyHost(manifest.locator()), null)
                : BlobStoreFactory.http(storeBase, base.isPresent() ? token : null)) {
            final ProgressBar bar = new ProgressBar(context.err(), "download", manifest.size());
            try {
                verified = LargePayloads.fetch(store, manifest, spool, bar);
            } finally {
                bar.finish();
            }
        } catch (final IllegalArgumentException e) {
            throw new IOException("blob at " + manifest.locator() + " is not under the store named by --blob-store"
                    + " (" + storeBase + ")", e);
        }
        try (AgeIdentity ageIdentity = identity.ageIdentity()) {
            return LargePayloads.open(verified, List.of(ageIdentity), output, forceNonEmpty);
        } finally {
            Files.deleteIfExists(verified);
        }
    }

    /** Returns the {@code pubky-host} a pubky locator names (its owner), or an empty name that the store refuses. */
    private static String pubkyHost(final URI locator) {
        final String query = locator.getRawQuery() == null ? "" : locator.getRawQuery();
        for (final String pair : query.split("&")) {
            if (pair.startsWith("pubky-host=")) {
                return pair.substring("pubky-host=".length());
            }
        }
        return "";
    }

    private static BlobManifest manifest(final IncomingShare share) throws CliException {
        try {
            return BlobManifest.decode(share.envelope().material().bytes().bytes());
        } catch (final BencodeException e) {
            throw new CliException(ExitCodes.GENERIC, "the share's blob manifest is malformed: " + e.getMessage(),
                    e);
        }
    }

    /** Prints the acceptance screen on standard error; every field comes from verified, decrypted data. */
    private void screen(final IncomingShare share, final BlobManifest manifest) {
        Acceptances.printHeader(context, share);
        context.err().println("Material:     large payload (tar inside age), " + ProgressBar.size(manifest.size())
                + " (" + manifest.size() + " bytes) of ciphertext");
        context.err().println("SHA-256:      " + HexFormat.of().formatHex(manifest.sha256()));
        context.err().println("Stored at:    " + Printable.escape(manifest.locator().toString()));
        context.err().println("Unpack into:  " + output);
        context.err().flush();
    }
}
