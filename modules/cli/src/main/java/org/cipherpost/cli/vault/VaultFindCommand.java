package org.cipherpost.cli.vault;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.EntryQuery;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.Listing;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault find}: search names, tags, usernames and urls in the index; never secrets. */
@Command(name = "find",
        mixinStandardHelpOptions = true,
        description = {"Find entries by name, username, url or tag; never by secret.",
            "Looks for QUERY (any case) in the name, username, url and tags of the encrypted index: no secret and no other field is searched (use 'grep' to search inside entries). --tag and --field narrow the search further; every criterion must hold."},
        footer = {"", "Examples:", "  cipherpost vault find mail", "  cipherpost vault find --tag work --field url=example.com --json"})
final class VaultFindCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "Text to look for.")
    String query;

    @Option(names = "--tag", paramLabel = "TAG", description = "Require this tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--field", paramLabel = "FIELD=TEXT", description = "Require name, username or url to contain TEXT (repeatable).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--json", description = "Print a JSON array for scripts.")
    boolean json;

    VaultFindCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        if (query == null && tags.isEmpty() && fields.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "nothing to find: give QUERY, --tag or --field");
        }
        final EntryQuery criteria = criteria();
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final Listing listing = vault.find(criteria);
            final List<EntrySummary> found = listing.entries().stream().filter(this::matchesQuery).toList();
            ListingOutput.print(context, found, listing.problems(), json);
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Builds the index query from --tag and --field. */
    private EntryQuery criteria() throws CliException {
        EntryQuery criteria = EntryQuery.all();
        for (final String tag : tags) {
            criteria = criteria.withTag(tag);
        }
        try {
            for (final String field : fields) {
                final int equals = field.indexOf('=');
                if (equals <= 0) {
                    throw new CliException(ExitCodes.USAGE, "--field [" + field + "] is not FIELD=TEXT");
                }
                criteria = criteria.withField(field.substring(0, equals), field.substring(equals + 1));
            }
        } catch (final IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, VaultFailures.line(e), e);
        }
        return criteria;
    }

    /** Tells whether the free-text query is in the name, username, url or a tag. */
    private boolean matchesQuery(final EntrySummary entry) {
        return matches(entry, query);
    }

    /**
     * Tells whether a free-text query (any case) is in an entry's name, username, url or a tag.
     *
     * @param entry index summary
     * @param query text, or null to match everything
     * @return true when it matches
     */
    static boolean matches(final EntrySummary entry, final String query) {
        if (query == null) {
            return true;
        }
        final String wanted = query.toLowerCase(Locale.ROOT);
        final List<String> haystack = new ArrayList<>(entry.tags());
        haystack.add(entry.name());
        haystack.add(entry.username());
        haystack.add(entry.url());
        return haystack.stream().anyMatch(value -> value != null && value.toLowerCase(Locale.ROOT).contains(wanted));
    }
}
