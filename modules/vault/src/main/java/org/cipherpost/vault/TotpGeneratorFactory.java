package org.cipherpost.vault;

import java.util.Objects;

/** Creates TOTP generators for parsed otpauth URIs. */
public final class TotpGeneratorFactory {
    private TotpGeneratorFactory() {
    }

    /**
     * Creates a generator that reads the secret of the given URI; it works while the URI stays open.
     *
     * @param otpAuth parsed otpauth URI
     * @return generator
     */
    public static TotpGenerator newTotpGenerator(final OtpAuth otpAuth) {
        Objects.requireNonNull(otpAuth, "OTP Auth required");
        return new StandardTotpGenerator(otpAuth);
    }
}
