package org.cipherpost.handoff;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.List;
import java.util.Optional;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.ShareUri;

/** The three handoff flows over PKARR: send a share, receive one (with a receipt), list the receipts of a key. */
public interface Handoff {
    /** Largest material a share carries, in bytes (64 KiB). */
    int MAX_MATERIAL_BYTES = 65536;

    /**
     * Encrypts material to a recipient (or to the sender for a self share), signs the outer record and publishes it as
     * the {@code _cipherpost} TXT record under the sender's key, keeping the key's other records.
     *
     * @param sender sender's identity
     * @param recipient recipient's 32-byte Ed25519 key, empty for a self share
     * @param purpose purpose shown to the recipient
     * @param kind material type
     * @param material secret bytes, at most {@link #MAX_MATERIAL_BYTES}
     * @param ttlSeconds lifetime of the share in seconds
     * @return the share URI and what was published
     * @throws MaterialTooLargeException when the material is over the cap (nothing published)
     * @throws org.cipherpost.wire.PacketTooLargeException when the packet would be over 1000 bytes (nothing published)
     * @throws GeneralSecurityException when the recipient key is not a valid Ed25519 point
     * @throws IOException when publishing failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    SentShare send(Identity sender, Optional<byte[]> recipient, String purpose, MaterialKind kind, SecretBytes material,
                   long ttlSeconds) throws IOException, GeneralSecurityException, InterruptedException;

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
     * Resolves a recipient's key and verifies every {@code _cprcpt-*} receipt it publishes.
     *
     * @param recipient recipient's 32-byte Ed25519 key
     * @return one entry per receipt record, invalid ones included
     * @throws ShareNotFoundException when the key publishes no packet
     * @throws SignatureException when a relay answered with a packet that does not verify
     * @throws IOException when the lookup failed
     * @throws InterruptedException when interrupted while waiting for the network
     */
    List<ReceiptEntry> receipts(byte[] recipient) throws IOException, SignatureException, InterruptedException;
}
