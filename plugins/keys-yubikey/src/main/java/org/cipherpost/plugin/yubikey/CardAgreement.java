package org.cipherpost.plugin.yubikey;

import java.io.IOException;
import java.security.GeneralSecurityException;

/** ECDH with the private key held on a card: the step of an unwrap that needs the device. */
@FunctionalInterface
interface CardAgreement {
    /**
     * Computes the ECDH shared secret (the X coordinate) between the card's key and a peer point.
     *
     * @param peerPoint checked uncompressed P-256 point
     * @return new array holding the 32-byte shared secret, which the caller wipes
     * @throws IOException when the card cannot be reached
     * @throws GeneralSecurityException when the card refuses (wrong PIN, no key)
     */
    byte[] agree(byte[] peerPoint) throws IOException, GeneralSecurityException;
}
