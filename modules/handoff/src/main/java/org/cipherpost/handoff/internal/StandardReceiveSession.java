package org.cipherpost.handoff.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.Hashes;
import org.cipherpost.crypto.Identity;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.handoff.Acceptance;
import org.cipherpost.handoff.IncomingShare;
import org.cipherpost.handoff.ReceiptState;
import org.cipherpost.handoff.ReceiveSession;
import org.cipherpost.handoff.ShareExpiredException;
import org.cipherpost.handoff.ShareNotFoundException;
import org.cipherpost.handoff.WrongRecipientException;
import org.cipherpost.wire.DhtLabels;
import org.cipherpost.wire.Envelope;
import org.cipherpost.wire.OuterRecord;
import org.cipherpost.wire.Receipt;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.ShareRef;
import org.cipherpost.wire.ShareUri;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.TxtData;

/** Receives one share while holding its ledger lock. */
final class StandardReceiveSession implements ReceiveSession {
    private final PkarrClient client;
    private final StateLedger ledger;
    private final InstantSource clock;
    private final Identity self;
    private final ShareUri uri;
    private final StateLedger.Held lock;

    /** Creates a session over a held ledger lock, which the session releases on close. */
    StandardReceiveSession(final PkarrClient client, final StateLedger ledger, final InstantSource clock,
                           final Identity self, final ShareUri uri, final StateLedger.Held lock) {
        this.client = client;
        this.ledger = ledger;
        this.clock = clock;
        this.self = self;
        this.uri = uri;
        this.lock = lock;
    }

    @Override
    public Optional<Acceptance> previous() throws IOException {
        return ledger.read(uri.shareRef());
    }

    @Override
    public IncomingShare open() throws IOException, GeneralSecurityException, InterruptedException {
        final OuterRecord record = verifiedRecord();
        if (!record.shareRef().equals(uri.shareRef())) {
            throw new ShareNotFoundException(String.format("Sender [%s] now publishes share [%s], not [%s]",
                    uri.senderZ32(), record.shareRef().hex(), uri.shareRef().hex()));
        }
        if (record.pinRequired()) {
            throw new IOException("PIN-protected shares are not supported yet");
        }
        final byte[] ciphertext = record.ciphertext();
        if (!ShareRef.derive(ciphertext, record.createdAt()).equals(record.shareRef())) {
            throw Failures.signature(null);
        }
        final boolean forUs = record.recipient()
                .map(recipient -> MessageDigest.isEqual(recipient, self.publicKey()))
                .orElseGet(() -> MessageDigest.isEqual(record.publicKey(), self.publicKey()));
        if (!forUs) {
            throw new WrongRecipientException("Share is addressed to another identity");
        }
        final long now = clock.instant().getEpochSecond();
        final long expiresAt = expiresAt(record);
        if (now >= expiresAt) {
            throw new ShareExpiredException(expiresAt);
        }
        final Envelope envelope = decrypt(ciphertext);
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
    public Acceptance accept(final IncomingShare share) throws IOException, SignatureException, InterruptedException {
        final OuterRecord record = share.record();
        if (!record.shareRef().equals(uri.shareRef())) {
            throw new IllegalArgumentException("Share not opened by this session");
        }
        final Receipt receipt = Receipt.builder().share(record).cleartextHash(share.cleartextHash())
                .acceptedAt(clock.instant().getEpochSecond()).purpose(share.envelope().purpose()).sign(self);
        if (record.recipient().isEmpty()) {
            final Acceptance acceptance = new Acceptance(receipt, ReceiptState.NOT_NEEDED);
            ledger.write(acceptance);
            return acceptance;
        }
        final Acceptance pending = new Acceptance(receipt, ReceiptState.PENDING);
        ledger.write(pending);
        return publishReceipt(pending);
    }

    @Override
    public Acceptance publishReceipt(final Acceptance acceptance)
            throws IOException, SignatureException, InterruptedException {
        if (acceptance.state() != ReceiptState.PENDING) {
            return acceptance;
        }
        final ResourceRecord txt = acceptance.receipt().toTxtRecord();
        client.publish(self.seed(), current -> RecordEdits.replaceText(current, txt));
        final Acceptance published = new Acceptance(acceptance.receipt(), ReceiptState.PUBLISHED);
        ledger.write(published);
        return published;
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Resolves the sender's packet and returns its one outer record, verified against the URI's sender. */
    private OuterRecord verifiedRecord() throws IOException, SignatureException, InterruptedException {
        final SignedPacket packet = client.resolve(uri.senderPublicKey()).packet().orElseThrow(
                () -> new ShareNotFoundException(String.format("No packet published by [%s]", uri.senderZ32())));
        final List<ResourceRecord> outers = new ArrayList<>(1);
        for (final ResourceRecord record : packet.records()) {
            if (record.name().toLowerCase(Locale.ROOT).equals(DhtLabels.OUTER)) {
                outers.add(record);
            }
        }
        if (outers.isEmpty()) {
            throw new ShareNotFoundException(String.format("No share published by [%s]", uri.senderZ32()));
        }
        if (outers.size() > 1 || !(outers.get(0).data() instanceof TxtData txt)) {
            throw Failures.signature(null);
        }
        final OuterRecord record;
        try {
            record = OuterRecord.parse(txt.value());
        } catch (final IOException e) {
            throw Failures.signature(e);
        }
        record.verify(uri.senderPublicKey());
        return record;
    }

    private static long expiresAt(final OuterRecord record) {
        try {
            return Math.addExact(record.createdAt(), record.ttlSeconds());
        } catch (final ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private Envelope decrypt(final byte[] ciphertext) throws GeneralSecurityException {
        try (AgeIdentity identity = self.ageIdentity();
             SecretBytes plaintext = Age.decrypt(ciphertext, List.of(identity))) {
            try {
                return Envelope.parse(plaintext.bytes());
            } catch (final IOException e) {
                throw Failures.signature(e);
            }
        } catch (final IOException e) {
            throw new GeneralSecurityException("Share failed to decrypt", e);
        }
    }
}
