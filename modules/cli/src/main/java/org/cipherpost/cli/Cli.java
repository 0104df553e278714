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
        final int word = firstWord(args, 0);
        final List<Class<?>> selected = subcommandsFor(args);
        final boolean whole = selected.equals(CipherpostCommand.SUBCOMMANDS);
        for (final Class<?> subcommand : selected) {
            final CommandLine child = new CommandLine(subcommand, factory);
            final List<Class<?>> grandchildren = LAZY_GROUPS.get(subcommand);
            if (grandchildren != null) {
                for (final Class<?> grandchild : whole ? grandchildren
                        : select(grandchildren, args, word < 0 ? args.length : word + 1)) {
                    child.addSubcommand(new CommandLine(grandchild, factory));
                }
            }
            commandLine.addSubcommand(child);
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

    /** Command groups whose subcommands are listed in code (not in their annotation), so they can be built lazily. */
    private static final Map<Class<?>, List<Class<?>>> LAZY_GROUPS =
            Map.of(org.cipherpost.cli.vault.VaultCommand.class, org.cipherpost.cli.vault.VaultCommand.SUBCOMMANDS);

    /** Selects the top-level subcommands a command line needs (see {@link #commandLine(CliContext, String[])}). */
    static List<Class<?>> subcommandsFor(final String[] args) {
        if (firstWord(args, 0) < 0 && versionOnly(args)) {
            return List.of();
        }
        final int word = firstWord(args, 0);
        if (word >= 0 && (args[word].equals("generate-completion") || args[word].equals("generate-man-pages"))) {
            return CipherpostCommand.SUBCOMMANDS;
        }
        return select(CipherpostCommand.SUBCOMMANDS, args, 0);
    }

    /**
     * Selects the subcommands of a group: the one the first word from {@code from} names, or all of them when an
     * option comes first, the word names none of them, or there is no word.
     *
     * @param all the group's subcommands
     * @param args arguments
     * @param from index of the first argument after the group's own name
     * @return subcommands to build
     */
    static List<Class<?>> select(final List<Class<?>> all, final String[] args, final int from) {
        final int word = firstWord(args, from);
        if (word < 0 || word != firstArgument(args, from)) {
            return all;
        }
        for (final Class<?> subcommand : all) {
            final Command command = subcommand.getAnnotation(Command.class);
            if (command != null && (command.name().equals(args[word]) || List.of(command.aliases())
                    .contains(args[word]))) {
                return List.of(subcommand);
            }
        }
        return all;
    }

    /** Returns the index of the first argument from {@code from} that is not {@code --verbose}, or -1. */
    private static int firstArgument(final String[] args, final int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].equals("--verbose")) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first argument from {@code from} that is not an option, or -1 (also after "--"). */
    private static int firstWord(final String[] args, final int from) {
        for (int i = from; i < args.length; i++) {
            if (args[i].equals("--")) {
                return -1;
            }
            if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** Tells whether the arguments ask for the version and nothing else. */
    private static boolean versionOnly(final String[] args) {
        boolean version = false;
        for (final String arg : args) {
            if (arg.equals("--version") || arg.equals("-V")) {
                version = true;
            } else if (!arg.equals("--verbose")) {
                return false;
            }
        }
        return version;
    }
}
