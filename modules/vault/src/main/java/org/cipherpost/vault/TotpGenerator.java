package org.cipherpost.vault;

import java.security.GeneralSecurityException;
import java.time.Instant;

/** Computes RFC 6238 time-based one-time passwords for one secret. */
public interface TotpGenerator {
    /**
     * Computes the code valid at the given instant.
     *
     * @param instant time to compute the code for, not before the Unix epoch
     * @return code, owned by the caller
     * @throws GeneralSecurityException when the HMAC is not available or rejects the key
     */
    TotpCode generate(Instant instant) throws GeneralSecurityException;
}
