package org.cipherpost.cli.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.cipherpost.cli.CliContext;
import org.cipherpost.vault.EntrySummary;
import org.cipherpost.vault.VaultProblem;

/** Prints index summaries (never secrets) as text or JSON, and the entries that could not be read to stderr. */
final class ListingOutput {
    private ListingOutput() {
    }

    /**
     * Prints entries.
     *
     * @param context command context
     * @param entries entries to print
     * @param problems unreadable entries, reported on stderr
     * @param json true for a JSON array
     * @throws IOException when JSON cannot be written
     */
    static void print(final CliContext context, final List<EntrySummary> entries, final List<VaultProblem> problems,
            final boolean json) throws IOException {
        for (final VaultProblem problem : problems) {
            context.err().println(skipped(problem));
        }
        context.err().flush();
        final PrintWriter out = context.out();
        if (json) {
            out.println(json(entries));
        } else {
            for (final EntrySummary entry : entries) {
                out.println(text(entry));
            }
        }
        out.flush();
    }

    /**
     * Formats the warning for an entry that could not be read.
     *
     * @param problem unreadable entry
     * @return the warning line, without its line feed
     */
    static String skipped(final VaultProblem problem) {
        return "cipherpost: warning: skipped [" + problem.id() + "]: " + problem.message();
    }

    /**
     * Formats one entry as a line: its name, and what is known about it.
     *
     * @param entry index summary
     * @return the line, without its line feed
     */
    static String text(final EntrySummary entry) {
        final StringBuilder line = new StringBuilder(entry.nameIfAny().map(Printables::clean).orElse("(no name) " + entry.id()));
        if (entry.attachment()) {
            line.append("  [file, ").append(entry.attachmentSize()).append(" bytes]");
        }
        if (entry.username() != null) {
            line.append("  user=").append(Printables.clean(entry.username()));
        }
        if (entry.url() != null) {
            line.append("  url=").append(Printables.clean(entry.url()));
        }
        if (!entry.tags().isEmpty()) {
            line.append("  tags=").append(Printables.clean(String.join(",", entry.tags())));
        }
        return line.toString();
    }

    /** Formats entries as a JSON array of objects. */
    private static String json(final List<EntrySummary> entries) throws IOException {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (final EntrySummary entry : entries) {
                json.writeStartObject();
                json.writeStringField("name", entry.name());
                json.writeStringField("id", entry.id().value());
                json.writeStringField("username", entry.username());
                json.writeStringField("url", entry.url());
                json.writeArrayFieldStart("tags");
                for (final String tag : entry.tags()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                json.writeBooleanField("attachment", entry.attachment());
                if (entry.attachment()) {
                    json.writeNumberField("size", entry.attachmentSize());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return text.toString();
    }
}
