package org.cipherpost.it;

import java.nio.charset.StandardCharsets;

/** What one run of a launcher produced: its exit code and everything it wrote to stdout and stderr. */
public final class LaunchResult {
    private static final int DESCRIBE_LIMIT = 4000;

    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;

    /**
     * Creates a result.
     *
     * @param exitCode the process exit code
     * @param stdout the bytes written to standard output
     * @param stderr the bytes written to standard error
     */
    LaunchResult(final int exitCode, final byte[] stdout, final byte[] stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
    }

    /**
     * Returns the exit code.
     *
     * @return the process exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Returns a copy of the standard output bytes.
     *
     * @return standard output
     */
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * Returns a copy of the standard error bytes.
     *
     * @return standard error
     */
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * Returns standard output decoded as UTF-8.
     *
     * @return standard output text
     */
    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Returns standard error decoded as UTF-8.
     *
     * @return standard error text
     */
    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Describes the run for assertion messages: exit code, stdout and stderr, each cut at a few thousand characters.
     *
     * @return a multi-line description
     */
    public String describe() {
        return "exit code [%d]%n--- stdout ---%n%s%n--- stderr ---%n%s".formatted(exitCode, cut(out()), cut(err()));
    }

    /**
     * Cuts long text for messages.
     *
     * @param text the text
     * @return the text, or its start and a marker
     */
    private static String cut(final String text) {
        return text.length() <= DESCRIBE_LIMIT ? text : text.substring(0, DESCRIBE_LIMIT) + "... [cut]";
    }

    @Override
    public String toString() {
        return describe();
    }
}
