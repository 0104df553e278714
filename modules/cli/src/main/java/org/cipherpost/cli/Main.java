package org.cipherpost.cli;

/** Entry point of the cipherpost command line. */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(final String[] args) {
        System.exit(Cli.run(args, System.getenv(), System.in, System.out, System.err));
    }
}
