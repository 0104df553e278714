package org.cipherpost.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Builds the command tree with its context and runs it, mapping every outcome to an exit code. */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs the command line.
     *
     * @param args arguments
     * @param environment environment variables
     * @param stdin standard input
     * @param stdout standard output
     * @param stderr standard error
     * @return exit code
     */
    public static int run(final String[] args, final Map<String, String> environment, final InputStream stdin,
                          final OutputStream stdout, final OutputStream stderr) {
        final PrintWriter out = new BinaryPrintWriter(stdout);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        final CliContext context = new CliContext(environment, stdin, out, err, new DevTtyTerminal());
        try {
            return run(args, context);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command line in a given context.
     *
     * @param args arguments
     * @param context context handed to every command
     * @return exit code
     */
    public static int run(final String[] args, final CliContext context) {
        return commandLine(context).execute(args);
    }

    /**
     * Builds the configured command tree.
     *
     * @param context context handed to every command
     * @return command line
     */
    static CommandLine commandLine(final CliContext context) {
        final CommandLine commandLine = new CommandLine(new CipherpostCommand(), new ContextFactory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        final ErrorHandler handler = new ErrorHandler();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExitCodeExceptionMapper(handler);
        return commandLine;
    }
}
