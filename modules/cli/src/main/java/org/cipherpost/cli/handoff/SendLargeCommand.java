package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.blob.BlobManifest;
import org.cipherpost.blob.BlobStore;
import org.cipherpost.blob.BlobStoreFactory;
import org.cipherpost.blob.LargePayloads;
import org.cipherpost.blob.SealedBlob;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.Printable;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.KeyConversion;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareOptions;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.PublicKeys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code send-large}: seal a file or directory to the recipient, upload it to a blob store, share its manifest. */
@Command(name = "send-large",
        mixinStandardHelpOptions = true,
        header = "Send a file or directory of any size through a blob store you control.",
        description = {"Tar the file or directory as it is read, age-encrypt it to the recipient (or yourself) into a",
            "private spool file (no plaintext on disk), upload that ciphertext to the blob store with a progress",
            "bar, then send a normal signed share whose material is the blob's manifest (SHA-256, size and",
            "location, all encrypted). The recipient runs 'cipherpost receive-large'.",
            "Two kinds of store: an HTTP store (https://... ending in /), whose bearer token comes from",
            "--blob-token-file (mode 0600 or 0400) or CIPHERPOST_BLOB_TOKEN, never the command line; or a pubky",
            "homeserver (pubky://<host[:port]>), where you sign in with your own identity key (no token) and the",
            "blob goes under your key at /pub/cipherpost/blobs/<sha256>.age (public path, unguessable name).",
            "pubky+http://<host:port> is the same over plain HTTP, for a homeserver on this machine only."},
        footer = {"", "Examples:",
            "  cipherpost send-large --share <recipient-z32> -p 'site backup' ./backup --blob-store"
                    + " https://dav.example/blobs/ --blob-token-file ~/.blob-token",
            "  CIPHERPOST_BLOB_TOKEN=... cipherpost send-large --self -p photos ~/photos --blob-store"
                    + " https://dav.example/blobs/",
            "  cipherpost send-large --share <recipient-z32> -p 'vm image' ./vm --blob-store pubky://hs.example"})
public final class SendLargeCommand implements Callable<Integer> {
    private final CliContext context;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SendCommand.Target target;

    @Option(names = {"-p", "--purpose"}, required = true, paramLabel = "TEXT",
            description = "What the payload is for; shown to the recipient before they accept.")
    String purpose;

    @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to send.")
    Path source;

    @Option(names = "--blob-store", required = true, paramLabel = "URL",
            description = {"Blob store: an http(s) URL ending in / (PUT/GET with a bearer token, such as WebDAV),",
                "or pubky://<homeserver-host[:port]> to sign in to a pubky homeserver with your identity."})
    String blobStore;

    @Option(names = "--blob-token-file", paramLabel = "PATH",
            description = "File holding the store's bearer token (mode 0600 or 0400); else CIPHERPOST_BLOB_TOKEN.")
    Path tokenFile;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h",
            description = "How long the share may be received: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--burn", description = "Ask the recipient's client to let the share be received once only.")
    boolean burn;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    @Mixin
    PassphraseOptions passphrase;

    /** Creates the command with its context. */
    SendLargeCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final long ttlSeconds = Printables.seconds(ttl);
        if (ttlSeconds <= 0) {
            throw new CliException(ExitCodes.USAGE, "--ttl [" + ttl + "] is not a positive duration such as 30m, 24h"
                    + " or 7d");
        }
        final Optional<URI> homeserver = pubkyHomeserver(blobStore);
        final URI base = homeserver.isPresent() ? null : storeBase(blobStore);
        if (homeserver.isPresent() && tokenFile != null) {
            throw new CliException(ExitCodes.USAGE, "--blob-token-file is for http(s) stores: a pubky homeserver"
                    + " is signed in to with your identity key");
        }
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new CliException(ExitCodes.GENERIC, "no file or directory at [" + source + "]");
        }
        final Optional<byte[]> recipient = recipient(target);
        final var settings = network.settings(context.environment(), relay);
        try (SecretBytes token = homeserver.isPresent() ? null
                : BlobTokenReader.read(tokenFile, context.environment()).orElse(null);
             Identity identity = new IdentityLoader(context).unlock(passphrase);
             AgeRecipient ageRecipient = recipient.isPresent()
                     ? AgeRecipient.fromX25519PublicKey(KeyConversion.x25519PublicKey(recipient.get()))
                     : identity.ageRecipient()) {
            if (homeserver.isPresent()) {
                // Signing in first: a key without an account there fails before minutes of sealing.
                context.err().println("Signing in to pubky homeserver " + homeserver.get() + " as "
                        + PublicKeys.toZ32(identity.publicKey()) + "...");
                context.err().flush();
            }
            final SealedBlob sealed;
            final URI locator;
            try (BlobStore store = homeserver.isPresent()
                    ? BlobStoreFactory.pubkySignIn(homeserver.get(), identity.seed())
                    : BlobStoreFactory.http(base, token)) {
                context.err().println("Sealing " + source + " (tar + age to " + recipient.map(PublicKeys::toZ32)
                        .orElse("yourself") + ")...");
                context.err().flush();
                sealed = LargePayloads.seal(source, List.of(ageRecipient), context.home().resolve("spool"));
                context.err().println("Sealed: " + ProgressBar.size(sealed.size()) + " (" + sealed.size()
                        + " bytes), SHA-256 " + sealed.address());
                final ProgressBar bar = new ProgressBar(context.err(), "upload", sealed.size());
                try {
                    locator = store.put(sealed, bar);
                } finally {
                    bar.finish();
                }
            }
            Files.deleteIfExists(sealed.file());
            final BlobManifest manifest = sealed.manifest(locator);
            try (PkarrTransport transport = PkarrTransport.open(settings);
                 SecretBytes material = SecretBytes.wrap(manifest.encode())) {
                final SentShare sent = HandoffFactory.create(transport, context.home().resolve("state"),
                        InstantSource.system()).send(identity, recipient, purpose, MaterialKind.BLOB_MANIFEST,
                        material, ttlSeconds, new ShareOptions(burn, Optional.empty()));
                context.err().printf("Blob uploaded to %s; manifest share published for %s, stored on %d nodes"
                        + " via %s%n", locator, sent.record().recipientZ32().orElse("yourself"), sent.stored(),
                        transport.describe());
                context.err().flush();
                context.out().println(sent.uri());
                context.out().flush();
            }
            return ExitCodes.OK;
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "send-large failed: " + e.getMessage(), e);
        } catch (final IOException | GeneralSecurityException | InterruptedException e) {
            throw HandoffFailures.of("send-large", e);
        }
    }

    /**
     * Parses a store's base URL.
     *
     * @param text option value
     * @return absolute http(s) URI ending in /
     * @throws CliException exit 64 when not such a URL
     */
    static URI storeBase(final String text) throws CliException {
        try {
            final URI base = new URI(text.strip());
            if (!base.isAbsolute() || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
                    || base.getRawAuthority() == null || base.getRawUserInfo() != null || base.getRawQuery() != null
                    || !base.getRawPath().endsWith("/")) {
                throw new java.net.URISyntaxException(text, "not an http(s) base URL ending in /");
            }
            return base;
        } catch (final java.net.URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "--blob-store [" + Printable.escape(text) + "] is not an http(s)"
                    + " URL ending in / without user info or query", e);
        }
    }

    /**
     * Reads a pubky homeserver store URL: {@code pubky://host[:port]} (HTTPS) or {@code pubky+http://host:port}
     * (plain HTTP, loopback hosts only, for a homeserver on this machine).
     *
     * @param text option value
     * @return the homeserver's base URI ending in /, or empty when the value is not a pubky URL
     * @throws CliException exit 64 for a malformed pubky URL
     */
    static Optional<URI> pubkyHomeserver(final String text) throws CliException {
        final String value = text.strip();
        final boolean plain = value.startsWith("pubky+http://");
        if (!plain && !value.startsWith("pubky://")) {
            return Optional.empty();
        }
        final String authority = value.substring(value.indexOf("://") + 3).replaceFirst("/$", "");
        final String usage = "--blob-store [" + Printable.escape(text) + "] is not pubky://<host[:port]> or"
                + " pubky+http://<loopback-host:port>";
        try {
            if (authority.isEmpty() || authority.contains("/") || authority.contains("@")
                    || authority.contains("?") || authority.contains("#")) {
                throw new java.net.URISyntaxException(text, "not a bare host[:port]");
            }
            final URI base = new URI((plain ? "http" : "https") + "://" + authority + "/");
            if (base.getHost() == null) {
                throw new java.net.URISyntaxException(text, "no host");
            }
            if (plain && !loopback(base.getHost())) {
                throw new CliException(ExitCodes.USAGE, "--blob-store [" + Printable.escape(text) + "]: plain HTTP"
                        + " is for a homeserver on this machine only (localhost, 127.0.0.1, [::1]); use pubky://");
            }
            return Optional.of(base);
        } catch (final java.net.URISyntaxException e) {
            throw new CliException(ExitCodes.USAGE, usage, e);
        }
    }

    private static boolean loopback(final String host) {
        return "localhost".equals(host) || "[::1]".equals(host) || host.matches("127(\\.\\d{1,3}){3}");
    }

    /** Parses the target group like {@code send} does. */
    private static Optional<byte[]> recipient(final SendCommand.Target target) throws CliException {
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
}
