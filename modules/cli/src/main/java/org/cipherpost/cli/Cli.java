package org.cipherpost.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        return commandLine(context, args).execute(args);
    }

    /**
     * Builds the configured command tree.
     *
     * @param context context handed to every command
     * @return command line
     */
    static CommandLine commandLine(final CliContext context) {
        return commandLine(context, new String[0]);
    }

    /**
     * Builds the command tree a command line needs: only the top-level subcommand it names (picocli builds the model
     * of every command it is given, which costs start-up time), none for a bare {@code --version}, all of them for
     * help, completion and anything it does not recognise.
     *
     * @param context context handed to every command
     * @param args arguments about to be executed
     * @return command line
     */
    static CommandLine commandLine(final CliContext context, final String[] args) {
        final ContextFactory factory = new ContextFactory(context);
        final CommandLine commandLine = new CommandLine(new CipherpostCommand(), factory);
        for (final Class<?> subcommand : subcommandsFor(args)) {
            commandLine.addSubcommand(new CommandLine(subcommand, factory));
        }
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

    /** Selects the subcommands a command line needs (see {@link #commandLine(CliContext, String[])}). */
    static List<Class<?>> subcommandsFor(final String[] args) {
        boolean versionOnly = false;
        for (final String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                versionOnly = true;
                continue;
            }
            if (arg.equals("--verbose")) {
                continue;
            }
            if (arg.startsWith("-")) {
                return CipherpostCommand.SUBCOMMANDS;
            }
            for (final Class<?> subcommand : CipherpostCommand.SUBCOMMANDS) {
                final Command command = subcommand.getAnnotation(Command.class);
                if (command != null && command.name().equals(arg) && !arg.equals("generate-completion")) {
                    return List.of(subcommand);
                }
            }
            return CipherpostCommand.SUBCOMMANDS;
        }
        return versionOnly ? List.of() : CipherpostCommand.SUBCOMMANDS;
    }
}
