package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.Identity;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.Revocation;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ShareUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code revoke}: withdraw a live share before its TTL ends. */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        header = "Withdraw a share you sent before its TTL ends.",
        description = {"Replace the share's DHT item with a signed tombstone (a higher seq under the same key and",
            "salt) and remove the v1 _cipherpost record when it holds this share. Only the sender can do",
            "this. Receivers then get 'withdrawn by its sender' (exit 2). DHT nodes that never saw the",
            "tombstone may still answer the old share until it fades (about 2 hours after its last put)."},
        footer = {"", "Examples:",
            "  cipherpost revoke cipherpost://<your-z32>/<share-ref>"})
public final class RevokeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SHARE-URI", description = "cipherpost://<sender-z32>/<share-ref>")
    String uriText;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    @Mixin
    PassphraseOptions passphrase;

    /** Creates the command with its context. */
    RevokeCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final ShareUri uri = ShareUriArgument.parse(uriText, null);
        final var settings = network.settings(context.environment(), relay);
        try (Identity identity = new IdentityLoader(context).unlock(passphrase)) {
            if (!MessageDigest.isEqual(identity.publicKey(), uri.senderPublicKey())) {
                throw new CliException(ExitCodes.GENERIC, "only the sender of a share can withdraw it: this identity"
                        + " is " + PublicKeys.toZ32(identity.publicKey()) + ", the share's sender is "
                        + uri.senderZ32());
            }
            try (PkarrTransport transport = PkarrTransport.open(settings)) {
                final Revocation revocation = HandoffFactory.create(transport, context.home().resolve("state"),
                        InstantSource.system()).revoke(identity, uri);
                context.err().printf("Share %s withdrawn at %s: tombstone stored on %d nodes%s%n",
                        revocation.shareRef().hex(), Instant.ofEpochSecond(revocation.revokedAt()),
                        revocation.stored(), revocation.mirrorRemoved() ? "; v1 record removed" : "");
                context.err().flush();
                return ExitCodes.OK;
            }
        } catch (final IOException | SignatureException | InterruptedException e) {
            throw HandoffFailures.of("revoke", e);
        }
    }
}
