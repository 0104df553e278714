package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.KeyConversion;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.MaterialTooLargeException;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareNotFoundException;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.OuterRecordBuilder;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.ShareUri;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;

/** The handoff flows over a {@link PkarrClient}. */
public final class StandardHandoff implements Handoff {
    private final PkarrClient client;
    private final StateLedger ledger;
    private final InstantSource clock;

    /**
     * Creates the flows.
     *
     * @param client PKARR client
     * @param stateDirectory ledger directory
     * @param clock clock
     */
    public StandardHandoff(final PkarrClient client, final Path stateDirectory, final InstantSource clock) {
        this.client = Objects.requireNonNull(client, "PKARR client required");
        this.ledger = new StateLedger(stateDirectory);
        this.clock = Objects.requireNonNull(clock, "Clock required");
    }

    @Override
    public SentShare send(final Identity sender, final Optional<byte[]> recipient, final String purpose,
                          final MaterialKind kind, final SecretBytes material, final long ttlSeconds)
            throws IOException, GeneralSecurityException, InterruptedException {
        Objects.requireNonNull(sender, "Sender identity required");
        Objects.requireNonNull(recipient, "Recipient required (empty for a self share)");
        Objects.requireNonNull(purpose, "Purpose required");
        Objects.requireNonNull(kind, "Material kind required");
        Objects.requireNonNull(material, "Material required");
        if (material.length() > MAX_MATERIAL_BYTES) {
            throw new MaterialTooLargeException(material.length(), MAX_MATERIAL_BYTES);
        }
        if (ttlSeconds <= 0) {
            throw new IllegalArgumentException(String.format("TTL [%d] seconds not positive", ttlSeconds));
        }
        final long createdAt = clock.instant().getEpochSecond();
        final byte[] ciphertext;
        try (Envelope envelope = Envelope.builder().material(kind, material).purpose(purpose).createdAt(createdAt)
                .build();
             SecretBytes plaintext = envelope.canonicalBytes();
             AgeRecipient ageRecipient = recipient.isPresent()
                     ? AgeRecipient.fromX25519PublicKey(KeyConversion.x25519PublicKey(recipient.get()))
                     : sender.ageRecipient()) {
            ciphertext = Age.encrypt(plaintext.bytes(), List.of(ageRecipient));
        }
        final OuterRecordBuilder builder = OuterRecord.builder().ciphertext(ciphertext).ttlSeconds(ttlSeconds)
                .createdAt(createdAt);
        if (recipient.isPresent()) {
            builder.recipient(recipient.get());
        } else {
            builder.selfShare();
        }
        final OuterRecord record = builder.sign(sender);
        final ResourceRecord txt = record.toTxtRecord();
        // Fails with the measured size before anything reaches the network when the share alone does not fit.
        SignedPacket.build(sender.seed(), List.of(txt), 0);
        final PkarrPublication published = client.publish(sender.seed(),
                current -> RecordEdits.replaceText(current, txt));
        return new SentShare(ShareUri.of(sender.publicKey(), record.shareRef()), record,
                published.packet().packet().length, published.stored());
    }

    @Override
    public ReceiveSession receive(final Identity self, final ShareUri uri) throws IOException, InterruptedException {
        Objects.requireNonNull(self, "Receiving identity required");
        Objects.requireNonNull(uri, "Share URI required");
        return new StandardReceiveSession(client, ledger, clock, self, uri, ledger.lock(uri.shareRef()));
    }

    @Override
    public List<ReceiptEntry> receipts(final byte[] recipient)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(recipient, "Recipient key required");
        final PkarrResolution resolution = client.resolve(recipient);
        final SignedPacket packet = resolution.packet().orElseThrow(() -> new ShareNotFoundException(
                String.format("No packet published by [%s]", PublicKeys.toZ32(recipient))));
        final List<ReceiptEntry> entries = new ArrayList<>();
        for (final ResourceRecord record : packet.records()) {
            final Optional<ShareRef> labelRef = DhtLabels.receiptShareRef(record.name());
            if (labelRef.isEmpty() && !record.name().toLowerCase(java.util.Locale.ROOT)
                    .startsWith(DhtLabels.RECEIPT_PREFIX)) {
                continue;
            }
            entries.add(new ReceiptEntry(record.name(), verified(record, labelRef, recipient)));
        }
        return entries;
    }

    private static Optional<Receipt> verified(final ResourceRecord record, final Optional<ShareRef> labelRef,
                                              final byte[] recipient) {
        if (labelRef.isEmpty() || !(record.data() instanceof TxtData txt)) {
            return Optional.empty();
        }
        try {
            final Receipt receipt = Receipt.parse(txt.value());
            receipt.verify(recipient);
            return receipt.shareRef().equals(labelRef.get()) ? Optional.of(receipt) : Optional.empty();
        } catch (final IOException | SignatureException e) {
            return Optional.empty();
        }
    }
}
