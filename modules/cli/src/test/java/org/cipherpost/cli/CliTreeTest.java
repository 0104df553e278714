package org.cipherpost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The command tree is built for the command a line names, and behaves as the full tree does. */
class CliTreeTest {

    @Test
    void aNamedCommandGetsOnlyItsOwnSubtree() {
        assertEquals(List.of(org.cipherpost.cli.vault.VaultCommand.class),
                Cli.subcommandsFor(new String[] {"vault", "show", "x"}));
        assertEquals(List.of(org.cipherpost.cli.handoff.SendCommand.class),
                Cli.subcommandsFor(new String[] {"--verbose", "send", "--self"}));
        assertEquals(List.of(), Cli.subcommandsFor(new String[] {"--version"}));
    }

    @Test
    void aVaultCommandGetsOnlyItsOwnVaultSubcommand() {
        final List<Class<?>> vault = org.cipherpost.cli.vault.VaultCommand.SUBCOMMANDS;
        assertEquals(1, Cli.select(vault, new String[] {"vault", "show", "x"}, 1).size());
        assertEquals(Cli.select(vault, new String[] {"vault", "ls"}, 1),
                Cli.select(vault, new String[] {"vault", "list"}, 1), "aliases select the same command");
        assertEquals(vault, Cli.select(vault, new String[] {"vault", "--help"}, 1));
        assertEquals(vault, Cli.select(vault, new String[] {"vault"}, 1));
        assertEquals(vault, Cli.select(vault, new String[] {"vault", "shwo"}, 1));
        final String[] ls = run(0, "vault", "--help");
        for (final Class<?> type : vault) {
            final String name = type.getAnnotation(Command.class).name();
            assertTrue(ls[0].contains("  " + name), name + " missing from vault help:\n" + ls[0]);
        }
        assertTrue(run(0, "vault", "show", "--help")[0].contains("Usage: cipherpost vault show"));
        assertTrue(run(ExitCodes.USAGE, "vault", "shwo")[1].contains("shwo"));
    }

    @Test
    void helpCompletionAndUnknownWordsGetTheWholeTree() {
        for (final String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"},
                new String[] {"generate-completion"}, new String[] {"nonsense"}, new String[] {"--version", "x"})) {
            assertEquals(CipherpostCommand.SUBCOMMANDS, Cli.subcommandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void everySubcommandIsAnnotatedWithAUniqueName() {
        final long names = CipherpostCommand.SUBCOMMANDS.stream()
                .map(type -> type.getAnnotation(Command.class).name()).distinct().count();
        assertEquals(CipherpostCommand.SUBCOMMANDS.size(), names);
    }

    @Test
    void topLevelHelpStillListsEveryCommandAndSubcommandHelpWorks() {
        final String[] help = run(0, "--help");
        for (final Class<?> type : CipherpostCommand.SUBCOMMANDS) {
            final String name = type.getAnnotation(Command.class).name();
            assertTrue(help[0].contains("  " + name), name + " missing from help:\n" + help[0]);
        }
        assertTrue(run(0, "vault", "--help")[0].contains("Usage: cipherpost vault"));
        assertTrue(run(0, "--version")[0].strip().length() > 0);
        final String[] unknown = run(ExitCodes.USAGE, "sned");
        assertTrue(unknown[1].contains("sned"), unknown[1]);
        assertTrue(run(0, "generate-completion")[0].contains("receive-large"));
    }

    /** Runs the CLI and returns standard output and standard error. */
    private static String[] run(final int expected, final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringWriter err = new StringWriter();
        final CliContext context = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(err, true), new FakeTerminal(false));
        final int code = Cli.run(args, context);
        context.out().flush();
        final String[] result = {out.toString(StandardCharsets.UTF_8), err.toString()};
        assertEquals(expected, code, String.join(" ", args) + "\n" + result[0] + result[1]);
        return result;
    }
}
