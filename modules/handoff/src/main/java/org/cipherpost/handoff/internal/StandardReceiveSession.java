package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.ChunkIntegrityException;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.SaltedItemStore;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.MaterialSink;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.ShareExpiredException;
import org.cipherpost.handoff.ShareNotFoundException;
import org.cipherpost.handoff.ShareWithdrawnException;
import org.cipherpost.handoff.WrongPinException;
import org.cipherpost.handoff.WrongRecipientException;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.ItemSalts;
import org.cipherpost.wire.MutableItem;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.PacketTooLargeException;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ReceiptBuilder;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareItemValue;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.ShareUri;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;

/** Receives one share while holding its ledger lock. */
final class StandardReceiveSession implements ReceiveSession {
    private final Network network;
    private final StateLedger ledger;
    private final Identity self;
    private final ShareUri uri;
    private final StateLedger.Held lock;
    private final Runnable afterEmit;
    private final List<String> warnings = new ArrayList<>();
    private OuterRecord verified;
    private byte[] blobBytes;
    private boolean fromV1;

    /**
     * What a session reaches: the v1 packet, the salted items (when on the DHT) and the clock.
     *
     * @param client PKARR client
     * @param items salted items or empty
     * @param chunks chunked payloads or empty
     * @param clock clock
     * @param fixture record JSON consulted first (tests), empty by default
     */
    record Network(PkarrClient client, Optional<SaltedItemStore> items, Optional<ChunkedPayloads> chunks,
                   InstantSource clock, Function<ShareUri, Optional<byte[]>> fixture) {
    }

    /** Creates a session over a held ledger lock, which the session releases on close. */
    StandardReceiveSession(final Network network, final StateLedger ledger, final Identity self, final ShareUri uri,
                           final StateLedger.Held lock, final Runnable afterEmit) {
        this.network = network;
        this.ledger = ledger;
        this.self = self;
        this.uri = uri;
        this.lock = lock;
        this.afterEmit = afterEmit;
    }

    @Override
    public Optional<Acceptance> previous() throws IOException {
        return ledger.read(uri.shareRef());
    }

    @Override
    public OuterRecord verify() throws IOException, GeneralSecurityException, InterruptedException {
        if (verified != null) {
            return verified;
        }
        final OuterRecord record = find();
        if (record.chunks().isPresent()) {
            // Addressee and expiry first: the record is verified, and fetching chunks of an expired share would only
            // report them missing.
            checkAddressed(record);
            blobBytes = fetch(record, record.chunks().get());
            if (!ShareRef.derive(record.ciphertextOf(blobBytes), record.createdAt()).equals(record.shareRef())) {
                blobBytes = null;
                throw Failures.signature(null);
            }
        } else {
            blobBytes = Base64.getDecoder().decode(record.blob());
            if (!ShareRef.derive(record.ciphertext(), record.createdAt()).equals(record.shareRef())) {
                throw Failures.signature(null);
            }
            checkAddressed(record);
        }
        verified = record;
        return record;
    }

    /** Requires the record to be addressed to this identity and not expired. */
    private void checkAddressed(final OuterRecord record) throws WrongRecipientException, ShareExpiredException {
        final boolean forUs = record.recipient()
                .map(recipient -> MessageDigest.isEqual(recipient, self.publicKey()))
                .orElseGet(() -> MessageDigest.isEqual(record.publicKey(), self.publicKey()));
        if (!forUs) {
            throw new WrongRecipientException("Share is addressed to another identity");
        }
        final long now = network.clock().instant().getEpochSecond();
        if (now >= record.expiresAt()) {
            throw new ShareExpiredException(record.expiresAt());
        }
    }

    /**
     * Fetches a chunked record's blob bytes: in parallel, every item checked against its target, the whole against
     * the signed size and SHA-256, before anything is decrypted.
     */
    private byte[] fetch(final OuterRecord record, final OuterRecord.Chunks named)
            throws IOException, ChunkIntegrityException, InterruptedException {
        final ChunkedPayloads payloads = network.chunks().orElseThrow(() -> new IOException(
                "A chunked share needs the DHT: a relay cannot fetch its chunks"));
        final byte[] fetched = payloads.fetch(new ChunkManifest(named.size(), named.sha256(), named.root()));
        // ChunkedPayloads checked these already; checked again here because the decision to decrypt is ours.
        if (fetched.length != named.size() || !MessageDigest.isEqual(Hashes.sha256(fetched), named.sha256())
                || (record.pinRequired() && fetched.length <= OuterRecord.PIN_SALT_LENGTH)) {
            throw new ChunkIntegrityException("Chunked payload does not match the signed record");
        }
        return fetched;
    }

    @Override
    public IncomingShare open(final Optional<SecretBytes> pin)
            throws IOException, GeneralSecurityException, InterruptedException {
        final OuterRecord record = verify();
        if (record.pinRequired() && pin.isEmpty()) {
            throw new IllegalArgumentException("PIN required");
        }
        final Envelope envelope = decrypt(record, pin);
        try {
            if (envelope.createdAt() != record.createdAt()) {
                throw Failures.signature(null);
            }
            final byte[] cleartextHash;
            try (SecretBytes canonical = envelope.canonicalBytes()) {
                cleartextHash = Hashes.sha256(canonical.bytes());
            }
            return new IncomingShare(record, envelope, cleartextHash);
        } catch (final RuntimeException | SignatureException e) {
            envelope.close();
            throw e;
        }
    }

    @Override
    public Acceptance accept(final IncomingShare share, final MaterialSink sink)
            throws IOException, SignatureException, InterruptedException {
        final OuterRecord record = share.record();
        if (!record.shareRef().equals(uri.shareRef()) || verified == null) {
            throw new IllegalArgumentException("Share not opened by this session");
        }
        sink.write(share.envelope().material().bytes());
        afterEmit.run();
        final long now = network.clock().instant().getEpochSecond();
        final ReceiptBuilder builder = Receipt.builder();
        if (record.chunks().isPresent()) {
            // A chunked share's receipt commits to the signed SHA-256 of the whole (chunked) blob bytes.
            builder.shareRef(record.shareRef()).senderPublicKey(record.publicKey())
                    .ciphertextHash(record.chunks().get().sha256());
        } else {
            builder.share(record);
        }
        final Receipt receipt = builder.cleartextHash(share.cleartextHash())
                .acceptedAt(now).purpose(share.envelope().purpose()).sign(self);
        final OptionalLong burnedAt = share.envelope().burnAfterRead() ? OptionalLong.of(now) : OptionalLong.empty();
        if (record.recipient().isEmpty()) {
            final Acceptance acceptance = new Acceptance(receipt, ReceiptState.NOT_NEEDED, burnedAt);
            ledger.write(new StateLedger.Entry(acceptance, Optional.empty(), fromV1));
            return acceptance;
        }
        final Acceptance pending = new Acceptance(receipt, ReceiptState.PENDING, burnedAt);
        ledger.write(new StateLedger.Entry(pending, Optional.empty(), fromV1));
        return publishReceipt(pending);
    }

    @Override
    public Acceptance publishReceipt(final Acceptance acceptance)
            throws IOException, SignatureException, InterruptedException {
        if (acceptance.state() != ReceiptState.PENDING) {
            return acceptance;
        }
        final boolean mirror = ledger.readEntry(uri.shareRef()).map(StateLedger.Entry::fromV1).orElse(fromV1);
        final ResourceRecord txt = acceptance.receipt().toTxtRecord();
        Optional<MutableItem> item = Optional.empty();
        if (network.items().isPresent()) {
            item = Optional.of(new ItemPublisher(network.items().get(), network.clock()).publish(self.seed(),
                    ItemSalts.receipt(uri.shareRef()), BencodeBytes.of(acceptance.receipt().toJson()), 0).item());
            if (mirror) {
                mirrorReceipt(txt);
            }
        } else {
            network.client().publish(self.seed(), current -> RecordEdits.replaceText(current, txt));
        }
        final Acceptance published = acceptance.withState(ReceiptState.PUBLISHED);
        ledger.write(new StateLedger.Entry(published, item, mirror));
        return published;
    }

    /** Merges the receipt into the receiver's v1 packet as {@code _cprcpt-<share_ref>}, best effort. */
    private void mirrorReceipt(final ResourceRecord txt) throws InterruptedException {
        try {
            network.client().publish(self.seed(), current -> RecordEdits.replaceText(current, txt));
        } catch (final PacketTooLargeException e) {
            warnings.add(String.format("the v1 receipt record %s was not written: your PKARR packet would need %d"
                    + " bytes of %d; the receipt is published as its own item", txt.name(), e.size(), e.limit()));
        } catch (final IOException | SignatureException e) {
            warnings.add("the v1 receipt record " + txt.name() + " was not written: "
                    + (e.getMessage() != null ? e.getMessage() : "network failure")
                    + "; the receipt is published as its own item");
        }
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Finds the record: the salted item first, the v1 record only when the item is absent; verifies both signatures. */
    private OuterRecord find() throws IOException, GeneralSecurityException, InterruptedException {
        final Optional<byte[]> fixed = network.fixture().apply(uri);
        if (fixed.isPresent()) {
            return parse(fixed.get());
        }
        if (network.items().isPresent()) {
            final byte[] salt = ItemSalts.share(uri.shareRef());
            final Optional<MutableItem> item;
            try {
                item = network.items().get().get(uri.senderPublicKey(), salt).value();
            } catch (final SignatureException e) {
                throw Failures.signature(e);
            }
            if (item.isPresent()) {
                return fromItem(item.get(), salt);
            }
        }
        fromV1 = true;
        final OuterRecord record = fromPacket();
        if (!record.shareRef().equals(uri.shareRef())) {
            throw new ShareNotFoundException(String.format("Sender [%s] now publishes share [%s], not [%s]",
                    uri.senderZ32(), record.shareRef().hex(), uri.shareRef().hex()));
        }
        return record;
    }

    private OuterRecord fromItem(final MutableItem item, final byte[] salt) throws GeneralSecurityException {
        if (!MessageDigest.isEqual(item.publicKey(), uri.senderPublicKey()) || !Arrays.equals(item.salt(), salt)) {
            throw Failures.signature(null);
        }
        final ShareItemValue value;
        try {
            value = ShareItemValue.of(item.value());
        } catch (final IOException e) {
            throw Failures.signature(e);
        }
        return switch (value) {
            case ShareItemValue.Withdrawn withdrawn -> throw new ShareWithdrawnException(uri.shareRef(),
                    withdrawn.revokedAt());
            case ShareItemValue.Live live -> {
                final OuterRecord record = parse(live.json());
                if (!record.shareRef().equals(uri.shareRef())) {
                    throw Failures.signature(null);
                }
                yield record;
            }
        };
    }

    /** Resolves the sender's packet and returns its one outer record, verified against the URI's sender. */
    private OuterRecord fromPacket() throws IOException, SignatureException, InterruptedException {
        final SignedPacket packet = network.client().resolve(uri.senderPublicKey()).packet().orElseThrow(
                () -> new ShareNotFoundException(String.format("No share [%s] published by [%s]",
                        uri.shareRef().hex(), uri.senderZ32())));
        final List<ResourceRecord> outers = new ArrayList<>(1);
        for (final ResourceRecord record : packet.records()) {
            if (record.name().toLowerCase(Locale.ROOT).equals(DhtLabels.OUTER)) {
                outers.add(record);
            }
        }
        if (outers.isEmpty()) {
            throw new ShareNotFoundException(String.format("No share [%s] published by [%s]", uri.shareRef().hex(),
                    uri.senderZ32()));
        }
        if (outers.size() > 1 || !(outers.get(0).data() instanceof TxtData txt)) {
            throw Failures.signature(null);
        }
        return parse(txt.value());
    }

    private OuterRecord parse(final byte[] json) throws SignatureException {
        final OuterRecord record;
        try {
            record = OuterRecord.parse(json);
        } catch (final IOException e) {
            throw Failures.signature(e);
        }
        record.verify(uri.senderPublicKey());
        if (!Arrays.equals(record.toJson(), json)) {
            throw Failures.signature(null);
        }
        return record;
    }

    private Envelope decrypt(final OuterRecord record, final Optional<SecretBytes> pin)
            throws GeneralSecurityException {
        try (AgeIdentity identity = self.ageIdentity();
             SecretBytes outer = Age.decrypt(record.ciphertextOf(blobBytes), List.of(identity))) {
            if (!record.pinRequired()) {
                return parseEnvelope(outer);
            }
            try (SecretBytes inner = openPin(outer, pin.orElseThrow(), record.pinSaltOf(blobBytes).orElseThrow())) {
                return parseEnvelope(inner);
            }
        } catch (final IOException e) {
            throw new GeneralSecurityException("Share failed to decrypt", e);
        }
    }

    private static SecretBytes openPin(final SecretBytes outer, final SecretBytes pin, final byte[] salt)
            throws GeneralSecurityException {
        try (AgeIdentity pinIdentity = PinKeys.identity(pin, salt)) {
            return Age.decrypt(outer.bytes(), List.of(pinIdentity));
        } catch (final IOException | GeneralSecurityException e) {
            throw new WrongPinException();
        }
    }

    private static Envelope parseEnvelope(final SecretBytes plaintext) throws SignatureException {
        try {
            return Envelope.parse(plaintext.bytes());
        } catch (final IOException e) {
            throw Failures.signature(e);
        }
    }
}
