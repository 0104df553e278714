package org.cipherpost.wire;

import java.io.IOException;

/**
 * A BEP 44 item that breaks the protocol's rules, with the KRPC error code a storing node answers with.
 */
public final class Bep44Exception extends IOException {
    private static final long serialVersionUID = 1L;

    /** BEP 5 protocol error: malformed field. */
    public static final int PROTOCOL_ERROR = 203;

    /** BEP 44: value ({@code v}) too big. */
    public static final int VALUE_TOO_BIG = 205;

    /** BEP 44: salt too big. */
    public static final int SALT_TOO_BIG = 207;

    /** KRPC error code. */
    private final int code;

    /**
     * Creates an exception with a KRPC error code.
     *
     * @param code KRPC error code
     * @param message description of the problem
     */
    public Bep44Exception(final int code, final String message) {
        super(message);
        this.code = code;
    }

    /**
     * Returns the KRPC error code for this failure.
     *
     * @return error code such as {@link #VALUE_TOO_BIG}
     */
    public int code() {
        return code;
    }
}
