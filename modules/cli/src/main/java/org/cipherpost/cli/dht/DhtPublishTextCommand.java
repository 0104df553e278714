package org.cipherpost.cli.dht;

import java.io.IOException;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.IdentityLoader;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.Identity;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.TxtData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dht publish-text}: sign and publish one TXT record in the identity's PKARR packet, keeping the others. */
@Command(name = "publish-text",
        mixinStandardHelpOptions = true,
        description = {"Publish a TXT record under your identity's key, signed with it.",
            "The packet already published is read first: its other records are kept and",
            "a TXT record of the same name is replaced. Prints how many DHT nodes stored",
            "the new packet."},
        footer = {"", "Examples:",
            "  cipherpost dht publish-text --label _hello --value world",
            "  cipherpost dht publish-text --label @ --value 'v=1' --passphrase-file ~/.cipherpost-pass",
            "  cipherpost dht publish-text --label _x --value y --bootstrap 127.0.0.1:7000",
            "  cipherpost dht publish-text --label _x --value y --relay https://relay.example"})
public final class DhtPublishTextCommand implements Callable<Integer> {
    private static final Pattern LABELS = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*");
    private static final int MAX_NAME_LENGTH = 190;

    private final CliContext context;

    @Option(names = "--label", required = true, paramLabel = "NAME",
            description = "Record name relative to your key, such as _hello or www; @ for the key itself.")
    String label;

    @Option(names = "--value", required = true, paramLabel = "TEXT", description = "TXT value (UTF-8).")
    String value;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "Record TTL (default: ${DEFAULT-VALUE}).")
    long ttl = 300;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    @Mixin
    PassphraseOptions passphrase;

    DhtPublishTextCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final String name = checkedLabel();
        if (ttl < 0 || ttl > 0xffffffffL) {
            throw new CliException(ExitCodes.USAGE, String.format("--ttl [%d] not in [0, 4294967295]", ttl));
        }
        final ResourceRecord record = ResourceRecord.txt(name, ttl, value);
        final var settings = network.settings(context.environment(), relay);
        try (Identity identity = new IdentityLoader(context).unlock(passphrase);
                PkarrTransport transport = PkarrTransport.open(settings)) {
            final PkarrPublication published = PkarrClient.create(transport)
                    .publish(identity.seed(), current -> replaceText(current, record));
            context.out().printf("Published TXT [%s] for pk:%s at %s (%d µs)%n", name,
                    published.packet().publicKeyZ32(), PacketView.iso(published.packet().timestamp()),
                    published.packet().timestamp());
            context.out().printf("Stored on %d nodes via %s%s%n", published.stored(), transport.describe(),
                    published.attempts() > 1 ? " (retried after a concurrent update)" : "");
            context.out().flush();
            return ExitCodes.OK;
        } catch (final SignatureException e) {
            throw DhtFailures.signature(e);
        } catch (final IOException e) {
            throw DhtFailures.of("publish", e);
        } catch (final InterruptedException e) {
            throw DhtFailures.interrupted(e);
        }
    }

    private String checkedLabel() throws CliException {
        final String name = label.strip();
        if (name.equals("@") || name.length() <= MAX_NAME_LENGTH && LABELS.matcher(name).matches()) {
            return name;
        }
        throw new CliException(ExitCodes.USAGE, "--label must be @ or DNS labels of letters, digits, _ and -"
                + " separated by dots (at most " + MAX_NAME_LENGTH + " characters)");
    }

    /** Keeps every record except TXT records of the same name, then adds the new one. */
    static List<ResourceRecord> replaceText(final List<ResourceRecord> current, final ResourceRecord record) {
        final String name = record.name().toLowerCase(Locale.ROOT);
        final List<ResourceRecord> records = new ArrayList<>(current.size() + 1);
        for (final ResourceRecord existing : current) {
            if (!(existing.data() instanceof TxtData && existing.name().toLowerCase(Locale.ROOT).equals(name))) {
                records.add(existing);
            }
        }
        records.add(record);
        return records;
    }
}
