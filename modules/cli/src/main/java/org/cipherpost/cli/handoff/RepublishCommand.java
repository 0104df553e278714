package org.cipherpost.cli.handoff;

import java.io.IOException;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.RepublishReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code republish}: renew the DHT items of live shares and recent receipts. */
@Command(name = "republish",
        mixinStandardHelpOptions = true,
        header = "Renew your live shares and recent receipts on the DHT (items fade ~2 hours after a put).",
        description = {"Re-put, exactly as stored (same seq, same signature), every share you sent that has not",
            "expired or been withdrawn, and every receipt you published in the last 7 days. No passphrase",
            "is needed: the signed items come from the ledgers under $CIPHERPOST_HOME/state. Run it from",
            "cron every hour or so, or use 'send --keep-alive' for one share. Exit 6 when an item found no",
            "node."},
        footer = {"", "Examples:",
            "  cipherpost republish",
            "  cipherpost republish --json"})
public final class RepublishCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Mixin
    DhtOptions network;

    /** Creates the command with its context. */
    RepublishCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final var settings = network.settings(context.environment(), null);
        final RepublishReport report;
        try (PkarrTransport transport = PkarrTransport.open(settings)) {
            report = HandoffFactory.create(transport, context.home().resolve("state"), InstantSource.system())
                    .republish();
        } catch (final IOException | InterruptedException e) {
            throw HandoffFailures.of("republish", e);
        }
        if (json) {
            context.out().printf("{\"shares\":%d,\"shares_failed\":%d,\"receipts\":%d,\"receipts_failed\":%d}%n",
                    report.shares(), report.sharesFailed(), report.receipts(), report.receiptsFailed());
        } else {
            context.out().printf("Republished %d live share(s) and %d receipt(s); %d failed%n", report.shares(),
                    report.receipts(), report.sharesFailed() + report.receiptsFailed());
        }
        context.out().flush();
        return report.complete() ? ExitCodes.OK : ExitCodes.NETWORK;
    }
}
