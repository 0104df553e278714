package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.GrepMatch;
import org.cipherpost.vault.GrepResult;
import org.cipherpost.vault.Vault;
import org.cipherpost.vault.VaultProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault grep}: decrypt every entry and report where a pattern matches. */
@Command(name = "grep",
        mixinStandardHelpOptions = true,
        description = {"Search inside every decrypted entry; prints NAME:LINE only.",
            "Decrypts EVERY entry (not attached files) and prints NAME:LINE for each line the regular expression finds. Matching lines are not printed: they may be secret ('show' prints them)."},
        footer = {"", "Examples:", "  cipherpost vault grep 'username: alice'", "  ciphey grep -i recovery"})
final class VaultGrepCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "REGEX", description = "Java regular expression, applied to each line.")
    String regex;

    @Option(names = {"-i", "--ignore-case"}, description = "Ignore case.")
    boolean ignoreCase;

    VaultGrepCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final Pattern pattern;
        try {
            pattern = Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (final PatternSyntaxException e) {
            throw new CliException(ExitCodes.USAGE, "invalid regular expression: " + e.getDescription(), e);
        }
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final GrepResult result = vault.grep(pattern);
            for (final VaultProblem problem : result.problems()) {
                context.err().println("cipherpost: warning: skipped [" + problem.id() + "]: " + problem.message());
            }
            for (final GrepMatch match : result.matches()) {
                context.out().println((match.name() != null ? Printables.clean(match.name()) : match.id().value()) + ":" + match.line());
            }
            context.out().flush();
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
