package org.cipherpost.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Optional;

/** Receiving one share while holding its ledger lock; closing releases the lock. */
public interface ReceiveSession extends AutoCloseable {
    /**
     * Returns the earlier acceptance of this share, if the ledger holds one.
     *
     * @return earlier acceptance or empty
     * @throws IOException when the ledger entry cannot be read
     */
    Optional<Acceptance> previous() throws IOException;

    /**
     * Resolves the sender's packet and checks, in order: the outer and inner signatures against the URI's sender, the
     * share reference, the recipient (before any decryption), the time to live; then decrypts and parses the
     * envelope.
     *
     * @return the share, to be closed by the caller
     * @throws ShareNotFoundException when the sender publishes no share or another one
     * @throws SignatureException for every signature failure, a malformed record or envelope included
     * @throws WrongRecipientException when the share is for another identity
     * @throws ShareExpiredException when the time to live has passed
     * @throws GeneralSecurityException when decryption fails
     * @throws IOException when the lookup failed or the share uses an unsupported feature
     * @throws InterruptedException when interrupted while waiting for the network
     */
    IncomingShare open() throws IOException, GeneralSecurityException, InterruptedException;

    /**
     * Records the acceptance in the ledger, signs a receipt and publishes it as {@code _cprcpt-<share_ref>} under the
     * receiver's key, keeping the key's other records.
     *
     * @param share share returned by {@link #open()}
     * @return the acceptance, its receipt published (or not needed for a self share)
     * @throws IOException when the ledger cannot be written or the receipt could not be published (the acceptance
     *         is then recorded as pending)
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws InterruptedException when interrupted while waiting for the network
     */
    Acceptance accept(IncomingShare share) throws IOException, SignatureException, InterruptedException;

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

    /** Releases the ledger lock. */
    @Override
    void close();
}
