package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.Printable;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.IdentityStore;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.WrongPinException;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ShareUri;

/** The steps of the acceptance flow that {@code receive} and {@code receive-large} share. */
final class Acceptances {
    private Acceptances() {
    }

    /**
     * Opens a verified share; a wrong PIN reads exactly as a wrong passphrase does.
     *
     * @param context command context
     * @param session receive session
     * @param pin PIN bytes, or null when the share needs none
     * @return the opened share
     * @throws CliException exit 4 for a wrong PIN
     * @throws IOException as {@link ReceiveSession#open(Optional)}
     * @throws GeneralSecurityException as {@link ReceiveSession#open(Optional)}
     * @throws InterruptedException as {@link ReceiveSession#open(Optional)}
     */
    static IncomingShare open(final CliContext context, final ReceiveSession session, final SecretBytes pin)
            throws IOException, GeneralSecurityException, InterruptedException, CliException {
        try {
            return session.open(Optional.ofNullable(pin));
        } catch (final WrongPinException e) {
            throw new CliException(ExitCodes.PASSPHRASE, "wrong passphrase for identity file ["
                    + new IdentityStore(context.home()).file() + "]", e);
        }
    }

    /**
     * Prints the top of the acceptance screen on standard error (burn marker, sender, purpose, expiry); every field
     * comes from verified, decrypted data. The caller prints what the material is.
     *
     * @param context command context
     * @param share opened share
     */
    static void printHeader(final CliContext context, final IncomingShare share) {
        final OuterRecord record = share.record();
        final Instant now = Instant.now();
        final Instant expires = Instant.ofEpochSecond(record.expiresAt());
        if (share.envelope().burnAfterRead()) {
            context.err().println("[BURN - you will only see this once: the share is consumed when you accept]");
        }
        context.err().println("Share from:   " + record.pubkeyZ32());
        context.err().println("Fingerprint:  " + Identity.opensshFingerprint(record.publicKey()));
        context.err().println("Purpose:      " + Printable.escape(share.envelope().purpose()));
        context.err().println("Expires:      " + expires + " (" + Printables.remaining(now, expires) + " left)");
    }

    /**
     * Asks the receiver to type the sender's key (or takes {@code --accept}); anything else declines.
     *
     * @param context command context
     * @param accept the {@code --accept} value, or null to prompt
     * @param uri share URI naming the sender
     * @throws CliException exit 7 when declined or when there is no terminal to ask on
     * @throws IOException when the terminal cannot be read
     */
    static void confirm(final CliContext context, final String accept, final ShareUri uri)
            throws CliException, IOException {
        final String typed;
        if (accept != null) {
            typed = accept;
        } else if (context.terminal().available()) {
            typed = context.terminal().readLine("To accept, type the sender's key (anything else declines): ");
        } else {
            throw new CliException(ExitCodes.DECLINED, "declined: no terminal to confirm on; pass --accept "
                    + "<sender-z32> to accept without a prompt");
        }
        if (typed == null || !sameKey(typed, uri.senderPublicKey())) {
            throw new CliException(ExitCodes.DECLINED, "declined: the key given is not the sender's; nothing written");
        }
    }

    /** Compares a typed z-base-32 key with the sender's key in constant time; malformed text is not the key. */
    private static boolean sameKey(final String typed, final byte[] sender) {
        try {
            return MessageDigest.isEqual(PublicKeys.parseZ32(typed.strip()), sender);
        } catch (final IOException e) {
            return false;
        }
    }
}
