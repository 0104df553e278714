package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.KeyConversion;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.dht.ChunkPutReport;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.handoff.Handoff;
import org.cipherpost.handoff.Layout;
import org.cipherpost.handoff.MaterialTooLargeException;
import org.cipherpost.handoff.ReceiptEntry;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.RepublishReport;
import org.cipherpost.handoff.Revocation;
import org.cipherpost.handoff.SentShare;
import org.cipherpost.handoff.ShareExpiredException;
import org.cipherpost.handoff.ShareNotFoundException;
import org.cipherpost.handoff.ShareOptions;
import org.cipherpost.handoff.ShareWithdrawnException;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.Bep44;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MaterialKind;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.OuterRecordBuilder;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareItemValue;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.ShareUri;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;

/** The handoff flows over salted items (when the transport reaches the DHT) and the v1 PKARR packet. */
public final class StandardHandoff implements Handoff {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PkarrClient client;
    private final Optional<SaltedItemStore> items;
    private final Optional<ChunkedPayloads> chunks;
    private final StateLedger ledger;
    private final SentLedger sent;
    private final InstantSource clock;
    private volatile Runnable afterEmit = () -> { };
    private volatile Function<ShareUri, Optional<byte[]>> fixture = uri -> Optional.empty();

    /**
     * Creates the flows.
     *
     * @param client PKARR client for the v1 packet
     * @param items salted items, empty for the v1 layout alone
     * @param stateDirectory ledger directory
     * @param clock clock
     */
    public StandardHandoff(final PkarrClient client, final Optional<SaltedItemStore> items, final Path stateDirectory,
                           final InstantSource clock) {
        this(client, items, Optional.empty(), stateDirectory, clock);
    }

    /**
     * Creates the flows with chunked shares.
     *
     * @param client PKARR client for the v1 packet
     * @param items salted items, empty for the v1 layout alone
     * @param chunks chunked payloads (immutable items), empty when shares must fit one item
     * @param stateDirectory ledger directory
     * @param clock clock
     */
    public StandardHandoff(final PkarrClient client, final Optional<SaltedItemStore> items,
                           final Optional<ChunkedPayloads> chunks, final Path stateDirectory,
                           final InstantSource clock) {
        this.client = Objects.requireNonNull(client, "PKARR client required");
        this.items = Objects.requireNonNull(items, "Salted items required (empty for the v1 layout)");
        this.chunks = Objects.requireNonNull(chunks, "Chunked payloads required (empty for none)");
        this.ledger = new StateLedger(stateDirectory);
        this.sent = new SentLedger(stateDirectory.resolve("sent"));
        this.clock = Objects.requireNonNull(clock, "Clock required");
    }

    /**
     * Installs a hook run between writing an accepted share's material and marking the ledger, for tests of the
     * crash window (a hook that throws stands for a crash).
     *
     * @param hook hook
     */
    void afterEmit(final Runnable hook) {
        this.afterEmit = Objects.requireNonNull(hook, "Hook required");
    }

    /**
     * Installs a source of record JSON consulted before the network, for tests of records no 1000-byte item can
     * carry (a PIN share); the inner signature is still verified.
     *
     * @param source record JSON by URI, empty to go to the network
     */
    void recordFixture(final Function<ShareUri, Optional<byte[]>> source) {
        this.fixture = Objects.requireNonNull(source, "Record source required");
    }

    @Override
    public SentShare send(final Identity sender, final Optional<byte[]> recipient, final String purpose,
                          final MaterialKind kind, final SecretBytes material, final long ttlSeconds,
                          final ShareOptions options)
            throws IOException, GeneralSecurityException, InterruptedException {
        Objects.requireNonNull(sender, "Sender identity required");
        Objects.requireNonNull(recipient, "Recipient required (empty for a self share)");
        Objects.requireNonNull(purpose, "Purpose required");
        Objects.requireNonNull(kind, "Material kind required");
        Objects.requireNonNull(material, "Material required");
        Objects.requireNonNull(options, "Share options required");
        if (material.length() > MAX_MATERIAL_BYTES) {
            throw new MaterialTooLargeException(material.length(), MAX_MATERIAL_BYTES);
        }
        if (ttlSeconds <= 0) {
            throw new IllegalArgumentException(String.format("TTL [%d] seconds not positive", ttlSeconds));
        }
        if (options.pin().isPresent()) {
            PinPolicy.check(options.pin().get());
        }
        final OuterRecord record = seal(sender, recipient, purpose, kind, material, ttlSeconds, options);
        final ResourceRecord txt = record.toTxtRecord();
        if (items.isEmpty()) {
            return sendV1(sender, record, txt);
        }
        final byte[] json = record.toJson();
        if (json.length > Bep44.MAX_VALUE_BYTES) {
            if (chunks.isEmpty()) {
                throw new PacketTooLargeException(json.length, Bep44.MAX_VALUE_BYTES);
            }
            return sendChunked(sender, record);
        }
        Optional<String> mirrorWarning = Optional.empty();
        FutureTask<PkarrPublication> mirror = null;
        try {
            SignedPacket.build(sender.seed(), List.of(txt), 0);
            mirror = new FutureTask<>(() -> client.publish(sender.seed(),
                    current -> RecordEdits.replaceText(current, txt)));
            Thread.ofVirtual().name("cipherpost-mirror").start(mirror);
        } catch (final PacketTooLargeException e) {
            mirrorWarning = Optional.of(String.format("the v1 record was not written: the share alone needs %d bytes"
                    + " of a PKARR packet's %d; v1 readers will not find it", e.size(), e.limit()));
        }
        final ItemPublisher.Published published;
        try {
            published = new ItemPublisher(items.get(), clock).publish(sender.seed(),
                    ItemSalts.share(record.shareRef()), BencodeBytes.of(json), 0);
        } finally {
            if (mirror != null) {
                mirrorWarning = mirrorOutcome(mirror);
            }
        }
        sent.write(new SentLedger.Entry(record, Optional.of(published.item()), mirrorWarning.isEmpty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty()));
        return new SentShare(ShareUri.of(sender.publicKey(), record.shareRef()), record, Layout.SALTED, json.length,
                published.stored(), mirrorWarning);
    }

    /**
     * Stores the blob bytes of a share too large for one item as chunks and publishes the chunked record (version
     * 2) in the share's salted item; a chunked record is not mirrored into the v1 packet (v1 cannot read it).
     */
    private SentShare sendChunked(final Identity sender, final OuterRecord single)
            throws IOException, InterruptedException {
        final byte[] blobBytes = Base64.getDecoder().decode(single.blob());
        final ChunkPutReport put = chunks.get().put(blobBytes);
        final OuterRecordBuilder builder = OuterRecord.builder().createdAt(single.createdAt())
                .ttlSeconds(single.ttlSeconds()).chunked(put.manifest().root());
        if (single.pinRequired()) {
            builder.pinCiphertext(single.pinSalt().orElseThrow(), single.ciphertext());
        } else {
            builder.ciphertext(single.ciphertext());
        }
        if (single.recipient().isPresent()) {
            builder.recipient(single.recipient().get());
        } else {
            builder.selfShare();
        }
        final OuterRecord record = builder.sign(sender);
        final byte[] json = record.toJson();
        if (json.length > Bep44.MAX_VALUE_BYTES) {
            throw new PacketTooLargeException(json.length, Bep44.MAX_VALUE_BYTES);
        }
        final ItemPublisher.Published published = new ItemPublisher(items.orElseThrow(), clock).publish(
                sender.seed(), ItemSalts.share(record.shareRef()), BencodeBytes.of(json), 0);
        sent.write(new SentLedger.Entry(record, Optional.of(published.item()), false, OptionalLong.empty(),
                OptionalLong.empty(), Optional.of(blobBytes)));
        return new SentShare(ShareUri.of(sender.publicKey(), record.shareRef()), record, Layout.CHUNKED, json.length,
                published.stored(), Optional.of(String.format("chunked share (%d bytes in %d immutable items, each"
                        + " stored on at least %d nodes) is not written to the v1 _cipherpost record: v1 readers"
                        + " cannot read protocol_version 2", blobBytes.length, put.items(), put.minStored())));
    }

    /** Waits for the v1 mirror and turns its failure into one warning line. */
    private static Optional<String> mirrorOutcome(final FutureTask<PkarrPublication> mirror)
            throws InterruptedException {
        try {
            mirror.get();
            return Optional.empty();
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof PacketTooLargeException tooLarge) {
                return Optional.of(String.format("the v1 record was not written: your PKARR packet would need %d"
                        + " bytes of %d (it holds other records, such as a receipt); v1 readers will not find this"
                        + " share", tooLarge.size(), tooLarge.limit()));
            }
            final String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : "network failure";
            return Optional.of("the v1 record was not written: " + reason + "; v1 readers will not find this share");
        }
    }

    private SentShare sendV1(final Identity sender, final OuterRecord record, final ResourceRecord txt)
            throws IOException, GeneralSecurityException, InterruptedException {
        // Fails with the measured size before anything reaches the network when the share alone does not fit.
        SignedPacket.build(sender.seed(), List.of(txt), 0);
        final PkarrPublication published = client.publish(sender.seed(),
                current -> RecordEdits.replaceText(current, txt));
        sent.write(new SentLedger.Entry(record, Optional.empty(), true, OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty()));
        return new SentShare(ShareUri.of(sender.publicKey(), record.shareRef()), record, Layout.V1_PACKET,
                published.packet().packet().length, published.stored(), Optional.empty());
    }

    /** Builds the envelope, encrypts it (under the PIN layer when asked) and signs the outer record. */
    OuterRecord seal(final Identity sender, final Optional<byte[]> recipient, final String purpose,
                             final MaterialKind kind, final SecretBytes material, final long ttlSeconds,
                             final ShareOptions options) throws IOException, GeneralSecurityException {
        final long createdAt = clock.instant().getEpochSecond();
        final OuterRecordBuilder builder = OuterRecord.builder().ttlSeconds(ttlSeconds).createdAt(createdAt);
        try (Envelope envelope = Envelope.builder().material(kind, material).purpose(purpose).createdAt(createdAt)
                .burnAfterRead(options.burnAfterRead()).build();
             SecretBytes plaintext = envelope.canonicalBytes();
             AgeRecipient ageRecipient = recipient.isPresent()
                     ? AgeRecipient.fromX25519PublicKey(KeyConversion.x25519PublicKey(recipient.get()))
                     : sender.ageRecipient()) {
            if (options.pin().isPresent()) {
                final byte[] salt = new byte[OuterRecord.PIN_SALT_LENGTH];
                RANDOM.nextBytes(salt);
                final byte[] inner;
                try (AgeIdentity pinIdentity = PinKeys.identity(options.pin().get(), salt)) {
                    inner = Age.encrypt(plaintext.bytes(), List.of(pinIdentity.recipient()));
                }
                builder.pinCiphertext(salt, Age.encrypt(inner, List.of(ageRecipient)));
            } else {
                builder.ciphertext(Age.encrypt(plaintext.bytes(), List.of(ageRecipient)));
            }
        }
        if (recipient.isPresent()) {
            builder.recipient(recipient.get());
        } else {
            builder.selfShare();
        }
        return builder.sign(sender);
    }

    @Override
    public ReceiveSession receive(final Identity self, final ShareUri uri) throws IOException, InterruptedException {
        Objects.requireNonNull(self, "Receiving identity required");
        Objects.requireNonNull(uri, "Share URI required");
        return new StandardReceiveSession(new StandardReceiveSession.Network(client, items, chunks, clock, fixture),
                ledger, self, uri,
                ledger.lock(uri.shareRef()), afterEmit);
    }

    @Override
    public List<ReceiptEntry> receipts(final byte[] recipient)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(recipient, "Recipient key required");
        final String z32 = PublicKeys.toZ32(recipient);
        final List<ShareRef> refs = new ArrayList<>();
        for (final SentLedger.Entry entry : sent.entries()) {
            if (entry.record().recipientZ32().map(z32::equals).orElse(false)) {
                refs.add(entry.shareRef());
            }
        }
        return receipts(recipient, refs, Optional.empty());
    }

    @Override
    public List<ReceiptEntry> receipts(final byte[] recipient, final ShareRef shareRef)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(recipient, "Recipient key required");
        Objects.requireNonNull(shareRef, "Share reference required");
        return receipts(recipient, List.of(shareRef), Optional.of(shareRef));
    }

    private List<ReceiptEntry> receipts(final byte[] recipient, final List<ShareRef> refs,
                                        final Optional<ShareRef> only)
            throws IOException, SignatureException, InterruptedException {
        final List<ReceiptEntry> entries = new ArrayList<>();
        final Set<ShareRef> found = new HashSet<>();
        if (items.isPresent()) {
            for (final ShareRef ref : refs) {
                final Optional<MutableItem> item;
                try {
                    item = items.get().get(recipient, ItemSalts.receipt(ref)).value();
                } catch (final SignatureException e) {
                    entries.add(new ReceiptEntry(ItemSalts.receiptText(ref), Optional.empty()));
                    continue;
                }
                if (item.isPresent()) {
                    final Optional<Receipt> receipt = item.get().value() instanceof BencodeBytes bytes
                            ? verified(bytes.bytes(), Optional.of(ref), recipient) : Optional.empty();
                    receipt.ifPresent(valid -> found.add(valid.shareRef()));
                    entries.add(new ReceiptEntry(ItemSalts.receiptText(ref), receipt));
                }
            }
        }
        final Optional<SignedPacket> packet = client.resolve(recipient).packet();
        if (packet.isPresent()) {
            for (final ResourceRecord record : packet.get().records()) {
                final Optional<ShareRef> labelRef = DhtLabels.receiptShareRef(record.name());
                if (labelRef.isEmpty() && !record.name().toLowerCase(Locale.ROOT)
                        .startsWith(DhtLabels.RECEIPT_PREFIX)) {
                    continue;
                }
                if (only.isPresent() && !only.equals(labelRef)) {
                    continue;
                }
                final Optional<Receipt> receipt = record.data() instanceof TxtData txt
                        ? verified(txt.value(), labelRef, recipient) : Optional.empty();
                if (receipt.isPresent() && found.contains(receipt.get().shareRef())) {
                    continue;
                }
                entries.add(new ReceiptEntry(record.name(), receipt));
            }
        }
        return entries;
    }

    private static Optional<Receipt> verified(final byte[] json, final Optional<ShareRef> expected,
                                              final byte[] recipient) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        try {
            final Receipt receipt = Receipt.parse(json);
            receipt.verify(recipient);
            return receipt.shareRef().equals(expected.get()) ? Optional.of(receipt) : Optional.empty();
        } catch (final IOException | SignatureException e) {
            return Optional.empty();
        }
    }

    @Override
    public Revocation revoke(final Identity sender, final ShareUri uri)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(sender, "Sender identity required");
        Objects.requireNonNull(uri, "Share URI required");
        if (!MessageDigest.isEqual(sender.publicKey(), uri.senderPublicKey())) {
            throw new IllegalArgumentException("Identity is not the share's sender");
        }
        final ShareRef ref = uri.shareRef();
        final Optional<SentLedger.Entry> entry = sent.read(ref);
        final long now = clock.instant().getEpochSecond();
        int stored = 0;
        boolean onNetwork = false;
        if (items.isPresent()) {
            final ItemPublisher publisher = new ItemPublisher(items.get(), clock);
            final byte[] salt = ItemSalts.share(ref);
            onNetwork = publisher.current(sender.publicKey(), salt).isPresent();
            if (onNetwork || entry.flatMap(SentLedger.Entry::item).isPresent()) {
                final long floor = entry.flatMap(SentLedger.Entry::item).map(item -> item.seq() + 1).orElse(0L);
                stored = publisher.publish(sender.seed(), salt, new ShareItemValue.Withdrawn(now).toBencode(),
                        floor).stored();
            }
        }
        final boolean mirrored = client.resolve(sender.publicKey()).packet()
                .map(packet -> packet.records().stream().anyMatch(record -> RecordEdits.holdsShare(record, ref)))
                .orElse(false);
        if (mirrored) {
            client.publish(sender.seed(), current -> RecordEdits.removeShare(current, ref));
        }
        if (stored == 0 && !mirrored) {
            throw new ShareNotFoundException(String.format("No share [%s] published by [%s]", ref.hex(),
                    uri.senderZ32()));
        }
        if (entry.isPresent()) {
            sent.write(entry.get().revoked(now));
        }
        return new Revocation(ref, now, stored, mirrored);
    }

    @Override
    public RepublishReport republish() throws IOException, InterruptedException {
        final ItemPublisher publisher = publisher();
        final long now = clock.instant().getEpochSecond();
        int shares = 0;
        int sharesFailed = 0;
        for (final SentLedger.Entry entry : sent.entries()) {
            if (entry.revokedAt().isPresent() || entry.record().expiresAt() <= now || entry.item().isEmpty()) {
                continue;
            }
            try {
                publisher.republish(entry.item().get());
                republishChunks(entry);
                sent.write(entry.renewed(now));
                shares++;
            } catch (final IOException e) {
                sharesFailed++;
            }
        }
        int receipts = 0;
        int receiptsFailed = 0;
        for (final StateLedger.Entry entry : ledger.entries()) {
            if (entry.item().isEmpty() || entry.acceptance().acceptedAt() < now - RECEIPT_REPUBLISH_SECONDS) {
                continue;
            }
            try {
                publisher.republish(entry.item().get());
                receipts++;
            } catch (final IOException e) {
                receiptsFailed++;
            }
        }
        return new RepublishReport(shares, sharesFailed, receipts, receiptsFailed);
    }

    @Override
    public int republish(final ShareRef shareRef) throws IOException, GeneralSecurityException, InterruptedException {
        Objects.requireNonNull(shareRef, "Share reference required");
        final SentLedger.Entry entry = sent.read(shareRef).orElseThrow(() -> new ShareNotFoundException(
                String.format("Share [%s] not in the sent ledger", shareRef.hex())));
        if (entry.revokedAt().isPresent()) {
            throw new ShareWithdrawnException(shareRef, entry.revokedAt().getAsLong());
        }
        final long now = clock.instant().getEpochSecond();
        if (entry.record().expiresAt() <= now) {
            throw new ShareExpiredException(entry.record().expiresAt());
        }
        final MutableItem item = entry.item().orElseThrow(() -> new IOException(
                "Share was published in the v1 packet only; a relay keeps it"));
        final int held = publisher().republish(item);
        republishChunks(entry);
        sent.write(entry.renewed(now));
        return held;
    }

    /** Puts the chunks of a chunked share again; nothing for a share that fits its item. */
    private void republishChunks(final SentLedger.Entry entry) throws IOException, InterruptedException {
        if (entry.record().chunks().isEmpty()) {
            return;
        }
        final byte[] blobBytes = entry.blobBytes().orElseThrow(() -> new IOException(String.format(
                "Sent ledger holds no chunks of share [%s]", entry.shareRef().hex())));
        final OuterRecord.Chunks named = entry.record().chunks().get();
        chunks.orElseThrow(() -> new IOException("Republishing chunks needs the DHT"))
                .republish(blobBytes, new ChunkManifest(named.size(), named.sha256(), named.root()));
    }

    private ItemPublisher publisher() throws IOException {
        return new ItemPublisher(items.orElseThrow(() -> new IOException(
                "Republishing needs the DHT: a relay carries unsalted packets only")), clock);
    }
}
