package org.cipherpost.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.List;
import java.util.Optional;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.ShareUri;

/**
 * The handoff flows: send a share, receive one (with a receipt), list receipts, withdraw a share, keep items alive.
 *
 * <p>On the DHT every share is its own salted BEP 44 item under the sender's key and every receipt its own item under
 * the recipient's key (layout 2); the v1 {@code _cipherpost} record in the unsalted PKARR packet is kept as a mirror
 * for v1 readers. Through a PKARR relay, which carries unsalted packets only, the v1 layout is used alone.
 */
public interface Handoff {
    /** Largest material a share carries, in bytes (64 KiB). */
    int MAX_MATERIAL_BYTES = 65536;

    /** How long receipts are republished after acceptance, in seconds (7 days). */
    long RECEIPT_REPUBLISH_SECONDS = 7 * 86400L;

    /**
     * Sends a share without burn or PIN.
     *
     * @param sender sender's identity
     * @param recipient recipient's 32-byte Ed25519 key, empty for a self share
     * @param purpose purpose shown to the recipient
     * @param kind material type
     * @param material secret bytes, at most {@link #MAX_MATERIAL_BYTES}
     * @param ttlSeconds lifetime of the share in seconds
     * @return the share URI and what was published
     * @throws IOException as for {@link #send(Identity, Optional, String, MaterialKind, SecretBytes, long, ShareOptions)}
     * @throws GeneralSecurityException when the recipient key is not a valid Ed25519 point
     * @throws InterruptedException when interrupted while waiting for the network
     */
    default SentShare send(final Identity sender, final Optional<byte[]> recipient, final String purpose,
                           final MaterialKind kind, final SecretBytes material, final long ttlSeconds)
            throws IOException, GeneralSecurityException, InterruptedException {
        return send(sender, recipient, purpose, kind, material, ttlSeconds, ShareOptions.NONE);
    }

    /**
     * Encrypts material to a recipient (or to the sender for a self share), signs the outer record and publishes it
     * as its own salted item under the sender's key, and, at the same time, as the v1 {@code _cipherpost} record of
     * the sender's packet when it fits there (keeping the packet's other records). Records the share in the sent
     * ledger.
     *
     * @param sender sender's identity
     * @param recipient recipient's 32-byte Ed25519 key, empty for a self share
     * @param purpose purpose shown to the recipient
     * @param kind material type
     * @param material secret bytes, at most {@link #MAX_MATERIAL_BYTES}
     * @param ttlSeconds lifetime of the share in seconds
     * @param options burn and PIN
     * @return the share URI and what was published
     * @throws MaterialTooLargeException when the material is over the cap (nothing published)
     * @throws org.cipherpost.wire.PacketTooLargeException when the record would be over 1000 bytes (nothing
     *         published)
     * @throws WeakPinException when the PIN is refused (nothing published)
     * @throws GeneralSecurityException when the recipient key is not a valid Ed25519 point
     * @throws IOException when publishing failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    SentShare send(Identity sender, Optional<byte[]> recipient, String purpose, MaterialKind kind,
                   SecretBytes material, long ttlSeconds, ShareOptions options)
            throws IOException, GeneralSecurityException, InterruptedException;

    /**
     * Starts receiving a share: takes the share's ledger lock, held until the session is closed, so that concurrent
     * receives of one share behave as one.
     *
     * @param self receiving identity
     * @param uri share URI
     * @return session to be closed by the caller
     * @throws IOException when the state directory cannot be used
     * @throws InterruptedException when interrupted while waiting for the lock
     */
    ReceiveSession receive(Identity self, ShareUri uri) throws IOException, InterruptedException;

    /**
     * Finds and verifies the receipts a recipient published for the shares this home sent to it (sent ledger), in
     * their salted items, plus every v1 {@code _cprcpt-*} record of the recipient's packet.
     *
     * @param recipient recipient's 32-byte Ed25519 key
     * @return one entry per receipt found, invalid ones included
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws IOException when the lookup failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    List<ReceiptEntry> receipts(byte[] recipient) throws IOException, SignatureException, InterruptedException;

    /**
     * Finds and verifies the receipt a recipient published for one share: its salted item and any v1
     * {@code _cprcpt-<share_ref>} record.
     *
     * @param recipient recipient's 32-byte Ed25519 key
     * @param shareRef the share
     * @return entries found, invalid ones included
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws IOException when the lookup failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    List<ReceiptEntry> receipts(byte[] recipient, ShareRef shareRef)
            throws IOException, SignatureException, InterruptedException;

    /**
     * Withdraws a share: replaces its item with a signed tombstone at a higher {@code seq} and removes the v1 mirror
     * record when it holds this share.
     *
     * @param sender the share's sender (the URI's key)
     * @param uri share URI
     * @return what was withdrawn
     * @throws IllegalArgumentException when the identity is not the URI's sender
     * @throws ShareNotFoundException when neither the network nor the sent ledger knows the share
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws IOException when publishing failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    Revocation revoke(Identity sender, ShareUri uri) throws IOException, SignatureException, InterruptedException;

    /**
     * Re-puts, as stored (same {@code seq} and signature), every live sent share (unexpired, not withdrawn) and
     * every receipt this home published in the last 7 days; nodes that answer 302 already hold it.
     *
     * @return counts
     * @throws IOException when the ledgers cannot be read or the transport cannot carry salted items
     * @throws InterruptedException when interrupted while waiting for the network
     */
    RepublishReport republish() throws IOException, InterruptedException;

    /**
     * Re-puts one live sent share as stored.
     *
     * @param shareRef the share
     * @return nodes that stored or already held it
     * @throws ShareNotFoundException when the sent ledger does not hold the share
     * @throws ShareExpiredException when its lifetime has ended
     * @throws ShareWithdrawnException when it was withdrawn
     * @throws IOException when no node stored or held it
     * @throws InterruptedException when interrupted while waiting for the network
     */
    int republish(ShareRef shareRef) throws IOException, GeneralSecurityException, InterruptedException;
}
