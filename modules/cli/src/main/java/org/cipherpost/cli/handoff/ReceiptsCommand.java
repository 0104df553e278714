package org.cipherpost.cli.handoff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.security.SignatureException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.Printable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.dht.DhtOptions;
import org.cipherpost.cli.dht.RelayOption;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.HandoffFactory;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ShareRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code receipts}: list and verify the receipts a recipient publishes. */
@Command(name = "receipts",
        mixinStandardHelpOptions = true,
        header = "List and verify the signed receipts a recipient published for your shares.",
        description = {"Find the receipts a recipient published for the shares you sent it (your sent ledger",
            "names them: each receipt is its own DHT item under the recipient's key), plus any v1",
            "_cprcpt-<share-ref> records of its PKARR packet, and verify each against the recipient's key.",
            "Invalid receipts are listed as invalid. With --share-ref, look up that share's receipt and",
            "print its full audit view. No passphrase is needed: receipts are public."},
        footer = {"", "Examples:",
            "  cipherpost receipts --from <recipient-z32>",
            "  cipherpost receipts --from <recipient-z32> --share-ref <share-ref>",
            "  cipherpost receipts --from <recipient-z32> --json"})
public final class ReceiptsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--from", required = true, paramLabel = "RECIPIENT-Z32",
            description = "Recipient whose receipts to read.")
    String from;

    @Option(names = "--share-ref", paramLabel = "HEX", description = "Show the full audit view of this share's receipt.")
    String shareRef;

    @Option(names = "--json", description = "Print JSON for scripts.")
    boolean json;

    @Mixin
    DhtOptions network;

    @Mixin
    RelayOption relay;

    /** Creates the command with its context. */
    ReceiptsCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final byte[] recipient;
        try {
            recipient = PublicKeys.parseZ32(from.strip());
        } catch (final IOException e) {
            throw new CliException(ExitCodes.USAGE, "--from is not a public key: expected 52 z-base-32 characters", e);
        }
        ShareRef ref = null;
        if (shareRef != null) {
            try {
                ref = ShareRef.parse(shareRef.strip());
            } catch (final IOException e) {
                throw new CliException(ExitCodes.USAGE, "--share-ref is not 32 hexadecimal characters", e);
            }
        }
        final var settings = network.settings(context.environment(), relay);
        final List<ReceiptEntry> selected;
        try (PkarrTransport transport = PkarrTransport.open(settings)) {
            final Handoff handoff = HandoffFactory.create(transport, context.home().resolve("state"),
                    InstantSource.system());
            selected = ref != null ? handoff.receipts(recipient, ref) : handoff.receipts(recipient);
        } catch (final IOException | SignatureException | InterruptedException e) {
            throw HandoffFailures.of("receipts", e);
        }
        final boolean one = ref != null;
        if (one && selected.isEmpty()) {
            throw new CliException(ExitCodes.NETWORK, "no receipt for share [" + shareRef.strip() + "] under ["
                    + PublicKeys.toZ32(recipient) + "]");
        }
        try {
            if (json) {
                printJson(selected);
            } else if (one) {
                printAudit(selected.get(0));
            } else {
                printTable(selected, recipient);
            }
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write JSON", e);
        }
        if (one && !selected.get(0).valid()) {
            throw new CliException(ExitCodes.SIGNATURE, HandoffFailures.SIGNATURE_FAILED);
        }
        return ExitCodes.OK;
    }

    private void printTable(final List<ReceiptEntry> entries, final byte[] recipient) {
        context.out().println("Receipts published by " + PublicKeys.toZ32(recipient) + ": " + entries.size());
        for (final ReceiptEntry entry : entries) {
            if (entry.receipt().isPresent()) {
                final Receipt receipt = entry.receipt().get();
                context.out().printf("  %s  valid    %s  from %s  %s%n", receipt.shareRef().hex(),
                        Instant.ofEpochSecond(receipt.acceptedAt()), receipt.senderZ32(),
                        Printable.escape(receipt.purpose()));
            } else {
                context.out().printf("  %s  INVALID  (does not verify against the recipient's key)%n",
                        Printable.escape(entry.label()));
            }
        }
        context.out().flush();
    }

    private void printAudit(final ReceiptEntry entry) {
        context.out().println("Record:           " + Printable.escape(entry.label()));
        if (entry.receipt().isEmpty()) {
            context.out().println("Status:           INVALID (does not verify against the recipient's key)");
            context.out().flush();
            return;
        }
        final Receipt receipt = entry.receipt().get();
        context.out().println("Status:           valid (Ed25519 signature by the recipient verified)");
        context.out().println("Share ref:        " + receipt.shareRef().hex());
        context.out().println("Sender:           " + receipt.senderZ32());
        context.out().println("Recipient:        " + receipt.recipientZ32());
        context.out().println("Accepted at:      " + Instant.ofEpochSecond(receipt.acceptedAt()) + " ("
                + receipt.acceptedAt() + ")");
        context.out().println("Purpose:          " + Printable.escape(receipt.purpose()));
        context.out().println("Ciphertext hash:  " + Hashes.hex(receipt.ciphertextHash()));
        context.out().println("Cleartext hash:   " + Hashes.hex(receipt.cleartextHash()));
        context.out().println("Nonce:            " + Hashes.hex(receipt.nonce()));
        context.out().println("Protocol version: " + receipt.protocolVersion());
        context.out().println("Signature:        " + receipt.signature());
        context.out().flush();
    }

    private void printJson(final List<ReceiptEntry> entries) throws IOException {
        final StringWriter text = new StringWriter();
        try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
            generator.useDefaultPrettyPrinter();
            generator.writeStartArray();
            for (final ReceiptEntry entry : entries) {
                generator.writeStartObject();
                generator.writeStringField("label", entry.label());
                generator.writeBooleanField("valid", entry.valid());
                if (entry.receipt().isPresent()) {
                    final Receipt receipt = entry.receipt().get();
                    generator.writeStringField("share_ref", receipt.shareRef().hex());
                    generator.writeStringField("sender_pubkey", receipt.senderZ32());
                    generator.writeStringField("recipient_pubkey", receipt.recipientZ32());
                    generator.writeNumberField("accepted_at", receipt.acceptedAt());
                    generator.writeStringField("purpose", receipt.purpose());
                    generator.writeStringField("ciphertext_hash", Hashes.hex(receipt.ciphertextHash()));
                    generator.writeStringField("cleartext_hash", Hashes.hex(receipt.cleartextHash()));
                    generator.writeStringField("nonce", Hashes.hex(receipt.nonce()));
                    generator.writeNumberField("protocol_version", receipt.protocolVersion());
                    generator.writeStringField("signature", receipt.signature());
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        context.out().println(text);
        context.out().flush();
    }
}
