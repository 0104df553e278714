package org.cipherpost.dht;

import java.io.IOException;

/**
 * A DHT operation failed: a remote KRPC error, a closed node, or no reachable nodes.
 */
public class DhtException extends IOException {
    private static final long serialVersionUID = 1L;

    /** No KRPC error code: the failure happened locally. */
    public static final int NO_CODE = 0;

    /** BEP 5: generic error. */
    public static final int GENERIC_ERROR = 201;

    /** BEP 5: server error. */
    public static final int SERVER_ERROR = 202;

    /** BEP 5: protocol error (malformed packet, invalid arguments or bad token). */
    public static final int PROTOCOL_ERROR = 203;

    /** BEP 5: method unknown. */
    public static final int METHOD_UNKNOWN = 204;

    /** BEP 44: value too big. */
    public static final int VALUE_TOO_BIG = 205;

    /** BEP 44: invalid signature. */
    public static final int INVALID_SIGNATURE = 206;

    /** BEP 44: salt too big. */
    public static final int SALT_TOO_BIG = 207;

    /** BEP 44: compare-and-swap mismatch. */
    public static final int CAS_MISMATCH = 301;

    /** BEP 44: sequence number less than current. */
    public static final int SEQ_TOO_OLD = 302;

    /** KRPC error code, or {@link #NO_CODE}. */
    private final int code;

    /**
     * Creates a local failure.
     *
     * @param message description of the problem
     */
    public DhtException(final String message) {
        this(NO_CODE, message);
    }

    /**
     * Creates a failure carrying a KRPC error code.
     *
     * @param code KRPC error code, or {@link #NO_CODE}
     * @param message description of the problem
     */
    public DhtException(final int code, final String message) {
        super(message);
        this.code = code;
    }

    /**
     * Returns the KRPC error code.
     *
     * @return code such as {@link #PROTOCOL_ERROR}, or {@link #NO_CODE}
     */
    public int code() {
        return code;
    }
}
