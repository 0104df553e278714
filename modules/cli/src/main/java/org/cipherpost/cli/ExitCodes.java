package org.cipherpost.cli;

/** The documented exit codes, in one place (README "Exit codes"). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** Generic or unexpected error. */
    public static final int GENERIC = 1;
    /** A share's time to live has passed. */
    public static final int EXPIRED = 2;
    /** Any signature verification failure. */
    public static final int SIGNATURE = 3;
    /** Passphrase missing or wrong, or decryption failed. */
    public static final int PASSPHRASE = 4;
    /** Size cap exceeded. */
    public static final int SIZE = 5;
    /** Network or DHT failure, including not found. */
    public static final int NETWORK = 6;
    /** Acceptance declined, or a share already burned. */
    public static final int DECLINED = 7;
    /** Command-line usage error (sysexits EX_USAGE). */
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
