package org.cipherpost.wire;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.Base64;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;

/** Inner Ed25519 signatures over canonical signable bytes, with one message for every way they can fail. */
final class Signatures {
    /** The only message of a signature failure, whatever the cause (SPEC D-16). */
    static final String FAILURE = "signature verification failed";

    private Signatures() {
    }

    /**
     * Signs canonical signable bytes.
     *
     * @param seed 32-byte Ed25519 seed
     * @param signable canonical signable bytes
     * @return padded standard Base64 of the 64-byte signature
     */
    static String sign(final SecretBytes seed, final byte[] signable) {
        return Base64.getEncoder().encodeToString(Ed25519.sign(seed, signable));
    }

    /**
     * Verifies a signature over signable bytes, after checking the bytes survive re-canonicalization.
     *
     * @param publicKey 32-byte signer key
     * @param signable canonical signable bytes rebuilt from the parsed structure
     * @param signature padded standard Base64 of the signature, as received
     * @throws SignatureException with the one failure message when anything is wrong
     */
    static void verify(final byte[] publicKey, final byte[] signable, final String signature)
            throws SignatureException {
        final byte[] decoded;
        try {
            decoded = WireFields.base64(signature, "signature");
        } catch (final IOException e) {
            throw failure();
        }
        if (decoded.length != Ed25519.SIGNATURE_LENGTH) {
            throw failure();
        }
        try {
            if (!MessageDigest.isEqual(Jcs.canonicalize(signable), signable)) {
                throw failure();
            }
        } catch (final IOException e) {
            throw failure();
        }
        if (!Ed25519.verify(publicKey, signable, decoded)) {
            throw failure();
        }
    }

    /**
     * Verifies a signature under the key a structure names for its signer.
     *
     * @param signerZ32 the signer's z-base-32 key as the structure states it
     * @param field name of that member, for format errors
     * @param signable canonical signable bytes rebuilt from the parsed structure
     * @param signature padded standard Base64 of the signature, as received
     * @throws SignatureException with the one failure message when anything is wrong, a malformed key included
     */
    static void verifyNamed(final String signerZ32, final String field, final byte[] signable, final String signature)
            throws SignatureException {
        final byte[] key;
        try {
            key = WireFields.z32Key(signerZ32, field);
        } catch (final IOException e) {
            throw failure();
        }
        verify(key, signable, signature);
    }

    /**
     * Verifies a signature under an expected key, which the structure must also name as its signer.
     *
     * @param signerZ32 the signer's z-base-32 key as the structure states it
     * @param expected 32-byte key the caller expects, such as a share URI's sender
     * @param signable canonical signable bytes rebuilt from the parsed structure
     * @param signature padded standard Base64 of the signature, as received
     * @throws SignatureException with the one failure message when anything is wrong, another signer included
     */
    static void verifyExpected(final String signerZ32, final byte[] expected, final byte[] signable,
                               final String signature) throws SignatureException {
        PublicKeys.checkLength(expected);
        if (!signerZ32.equals(PublicKeys.toZ32(expected))) {
            throw failure();
        }
        verify(expected, signable, signature);
    }

    /**
     * Returns a new signature failure with the one message.
     *
     * @return exception to throw
     */
    static SignatureException failure() {
        return new SignatureException(FAILURE);
    }
}
