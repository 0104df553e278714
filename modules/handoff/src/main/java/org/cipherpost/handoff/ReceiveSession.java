package org.cipherpost.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.List;
import java.util.Optional;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.OuterRecord;

/** Receiving one share while holding its ledger lock; closing releases the lock. */
public interface ReceiveSession extends AutoCloseable {
    /**
     * Returns the earlier acceptance of this share, if the ledger holds one.
     *
     * @return earlier acceptance (burned or not) or empty
     * @throws IOException when the ledger entry cannot be read
     */
    Optional<Acceptance> previous() throws IOException;

    /**
     * Finds the share (its salted item first, the sender's v1 {@code _cipherpost} record only when the item is
     * absent) and checks, in order: the outer signature (BEP 44 or PKARR) and the inner signature against the URI's
     * sender, the share reference, the recipient and the time to live. Nothing is decrypted.
     *
     * @return the verified record; {@link OuterRecord#pinRequired()} says whether {@link #open(Optional)} needs a PIN
     * @throws ShareNotFoundException when the sender publishes no such share
     * @throws ShareWithdrawnException when the sender withdrew it
     * @throws SignatureException for every signature failure, a malformed record included
     * @throws WrongRecipientException when the share is for another identity
     * @throws ShareExpiredException when the time to live has passed
     * @throws IOException when the lookup failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    OuterRecord verify() throws IOException, GeneralSecurityException, InterruptedException;

    /**
     * Opens a share that needs no PIN.
     *
     * @return the share, to be closed by the caller
     * @throws IOException as for {@link #open(Optional)}
     * @throws GeneralSecurityException as for {@link #open(Optional)}
     * @throws InterruptedException when interrupted while waiting for the network
     */
    default IncomingShare open() throws IOException, GeneralSecurityException, InterruptedException {
        return open(Optional.empty());
    }

    /**
     * Verifies the share as {@link #verify()} does, then decrypts it (the PIN layer too) and parses the envelope.
     *
     * @param pin the PIN when the record requires one, owned by the caller
     * @return the share, to be closed by the caller
     * @throws IllegalArgumentException when the record requires a PIN and none is given
     * @throws WrongPinException when the PIN layer does not open
     * @throws SignatureException for every signature failure, a malformed envelope included
     * @throws GeneralSecurityException when decryption fails, and as for {@link #verify()}
     * @throws IOException as for {@link #verify()}
     * @throws InterruptedException when interrupted while waiting for the network
     */
    IncomingShare open(Optional<SecretBytes> pin) throws IOException, GeneralSecurityException, InterruptedException;

    /**
     * Accepts a share whose material the caller has written already.
     *
     * @param share share returned by {@link #open(Optional)}
     * @return the acceptance, its receipt published (or not needed for a self share)
     * @throws IOException as for {@link #accept(IncomingShare, MaterialSink)}
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting for the network
     */
    default Acceptance accept(final IncomingShare share) throws IOException, SignatureException, InterruptedException {
        return accept(share, MaterialSink.NONE);
    }

    /**
     * Writes the material to the sink FIRST, then records the acceptance in the ledger (marking a burn-after-read
     * share consumed), signs a receipt and publishes it as its own salted item under the receiver's key (and as
     * {@code _cprcpt-<share_ref>} in the receiver's packet when the share came from the v1 record, best effort).
     * When the sink fails, or the process stops before the ledger is written, the share stays receivable.
     *
     * @param share share returned by {@link #open(Optional)}
     * @param sink where the material goes
     * @return the acceptance, its receipt published (or not needed for a self share)
     * @throws IOException when the sink or the ledger failed, or the receipt could not be published (the acceptance
     *         is then recorded as pending)
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting for the network
     */
    Acceptance accept(IncomingShare share, MaterialSink sink)
            throws IOException, SignatureException, InterruptedException;

    /**
     * Publishes the receipt of an earlier acceptance that did not reach the network.
     *
     * @param acceptance earlier acceptance
     * @return the acceptance, now published
     * @throws IOException when the receipt could not be published or the ledger written
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting for the network
     */
    Acceptance publishReceipt(Acceptance acceptance) throws IOException, SignatureException, InterruptedException;

    /**
     * Returns the warnings of best-effort steps so far, such as a v1 receipt mirror that did not fit.
     *
     * @return one line each
     */
    List<String> warnings();

    /** Releases the ledger lock. */
    @Override
    void close();
}
