package org.cipherpost.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place where failures become a one-line message and an exit code. */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {
    /** Prefix of every error line. */
    static final String PREFIX = "cipherpost: ";

    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
                                        final ParseResult parseResult) {
        final PrintWriter err = commandLine.getErr();
        final int code = getExitCode(exception);
        if (exception instanceof CliException) {
            err.println(PREFIX + exception.getMessage());
        } else {
            err.println(PREFIX + "unexpected error (" + exception.getClass().getSimpleName() + "); run with --verbose for details");
        }
        if (verbose(commandLine)) {
            exception.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(final ParameterException exception, final String[] args) {
        final CommandLine commandLine = exception.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println(PREFIX + exception.getMessage());
        final String name = commandLine.getCommandSpec().qualifiedName();
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int getExitCode(final Throwable exception) {
        if (exception instanceof CliException cli) {
            return cli.exitCode();
        }
        if (exception instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.GENERIC;
    }

    private static boolean verbose(final CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof CipherpostCommand top && top.verbose;
    }
}
