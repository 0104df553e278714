package org.cipherpost.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate-man-pages}: writes a roff man page (section 1) for every command, from the same text as --help. */
@Command(name = "generate-man-pages",
        mixinStandardHelpOptions = true,
        header = "Write man pages (section 1) for every command into a directory.",
        description = {"Writes cipherpost.1 and one page per subcommand (cipherpost-send.1, cipherpost-vault-show.1, ...),",
            "made from the same text as --help. The image ships them in share/man/man1."},
        footer = {"", "Examples:",
            "  cipherpost generate-man-pages --dir ~/.local/share/man/man1 && man cipherpost-send",
            "  man -l share/man/man1/cipherpost-receive.1"})
public final class ManPageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final CliContext context;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory to write the pages to"
            + " (created when missing; existing pages are replaced).")
    Path directory;

    /** Creates the command with its context. */
    ManPageCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final List<CommandLine> commands = new ArrayList<>();
        collect(spec.root().commandLine(), commands);
        try {
            Files.createDirectories(directory);
            for (final CommandLine command : commands) {
                final String name = pageName(command.getCommandSpec());
                final Path page = directory.resolve(name + ".1");
                final Path temporary = directory.resolve("." + name + ".1.tmp");
                Files.writeString(temporary, page(command.getCommandSpec()), StandardCharsets.UTF_8);
                Files.move(temporary, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write man pages to [" + directory + "]: "
                    + e.getMessage(), e);
        }
        context.err().printf("Wrote %d man pages to %s%n", commands.size(), directory);
        return ExitCodes.OK;
    }

    /** Adds a command and, depth first, its visible subcommands. */
    private static void collect(final CommandLine command, final List<CommandLine> into) {
        into.add(command);
        for (final CommandLine child : command.getSubcommands().values()) {
            if (!child.getCommandSpec().usageMessage().hidden() && !into.contains(child)) {
                collect(child, into);
            }
        }
    }

    /**
     * Returns a command's page name: its qualified name with dashes, e.g. {@code cipherpost-vault-show}.
     *
     * @param command command
     * @return page name
     */
    static String pageName(final CommandSpec command) {
        return command.qualifiedName("-");
    }

    /**
     * Renders one page.
     *
     * @param command command
     * @return roff source
     */
    static String page(final CommandSpec command) {
        final StringBuilder out = new StringBuilder();
        final String name = pageName(command);
        out.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"")
                .append(escape(versionLine(command))).append("\" \"Cipherpost Manual\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(command))).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n");
        final CommandLine.Help help = new CommandLine.Help(command,
                CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        for (final String line : help.synopsis(0).strip().split("\n", -1)) {
            out.append(escape(line)).append('\n');
        }
        out.append(".fi\n");
        final List<String> description = lines(command.usageMessage().description());
        if (!description.isEmpty()) {
            out.append(".SH DESCRIPTION\n");
            paragraph(out, description);
        }
        final List<PositionalParamSpec> positionals = command.positionalParameters().stream()
                .filter(parameter -> !parameter.hidden()).toList();
        if (!positionals.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (final PositionalParamSpec parameter : positionals) {
                out.append(".TP\n.I ").append(escape(parameter.paramLabel())).append('\n');
                paragraph(out, lines(parameter.description()));
            }
        }
        final List<OptionSpec> options = command.options().stream().filter(option -> !option.hidden()).toList();
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (final OptionSpec option : options) {
                out.append(".TP\n.B ").append(escape(String.join(", ", option.names())));
                if (option.arity().max() > 0) {
                    out.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
                }
                out.append('\n');
                paragraph(out, lines(option.description()));
            }
        }
        final List<CommandSpec> children = command.subcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(child -> !child.usageMessage().hidden()).distinct().toList();
        if (!children.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (final CommandSpec child : children) {
                out.append(".TP\n.B ").append(escape(child.name())).append('\n')
                        .append(escape(summary(child))).append("\nSee \\fB").append(escape(pageName(child)))
                        .append("\\fR(1).\n");
            }
        }
        final List<String> footer = lines(command.usageMessage().footer());
        final String heading = lines(command.usageMessage().footerHeading()).stream().findFirst().orElse("")
                .replace(":", "").strip();
        if (!footer.isEmpty()) {
            out.append(".SH ").append(heading.isEmpty() ? "NOTES" : escape(heading.toUpperCase(Locale.ROOT)))
                    .append("\n.nf\n");
            for (final String line : footer) {
                out.append(escape(line)).append('\n');
            }
            out.append(".fi\n");
        }
        if (command.parent() != null) {
            out.append(".SH SEE ALSO\n\\fB").append(escape(pageName(command.parent()))).append("\\fR(1)\n");
        }
        return out.toString();
    }

    /** Returns the one-line summary: the header, else the first description line. */
    private static String summary(final CommandSpec command) {
        final List<String> header = lines(command.usageMessage().header());
        if (!header.isEmpty()) {
            return header.get(0);
        }
        final List<String> description = lines(command.usageMessage().description());
        return description.isEmpty() ? command.name() : description.get(0);
    }

    /** Returns the first version line of the root command. */
    private static String versionLine(final CommandSpec command) {
        final String[] version = command.root().version();
        return version.length > 0 ? lines(version).get(0) : "cipherpost";
    }

    /** Writes text lines as one filled paragraph (blank lines start a new one). */
    private static void paragraph(final StringBuilder out, final List<String> lines) {
        for (final String line : lines) {
            out.append(line.isBlank() ? ".PP" : escape(line.strip())).append('\n');
        }
    }

    /** Applies picocli's format specifiers ({@code %n}, {@code %%}) and splits into lines. */
    private static List<String> lines(final String[] text) {
        final List<String> result = new ArrayList<>();
        for (final String line : text) {
            String formatted;
            try {
                formatted = String.format(Locale.ROOT, line);
            } catch (final IllegalFormatException e) {
                formatted = line;
            }
            result.addAll(List.of(formatted.split("\\R", -1)));
        }
        while (!result.isEmpty() && result.get(result.size() - 1).isBlank()) {
            result.remove(result.size() - 1);
        }
        while (!result.isEmpty() && result.get(0).isBlank()) {
            result.remove(0);
        }
        return result;
    }

    /** Returns a single string as lines. */
    private static List<String> lines(final String text) {
        return lines(new String[] {text == null ? "" : text});
    }

    /**
     * Escapes text for roff: backslashes, dashes, and a leading dot or quote.
     *
     * @param text text
     * @return roff-safe text
     */
    static String escape(final String text) {
        final String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
