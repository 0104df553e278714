package org.cipherpost.dht.internal;

import java.io.IOException;
import java.security.SignatureException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtException;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.PkarrPutResult;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.wire.PublicKeys;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;

/**
 * Resolve-then-publish over a transport: timestamps move strictly forward, puts carry the seen timestamp as
 * {@code cas}, and one CAS conflict is retried after resolving again.
 */
final class StandardPkarrClient implements PkarrClient {
    private static final int MAX_ATTEMPTS = 2;

    private final PkarrTransport transport;
    private final InstantSource clock;

    /**
     * Creates a client.
     *
     * @param transport transport, owned by the caller
     * @param clock clock for new timestamps
     */
    StandardPkarrClient(final PkarrTransport transport, final InstantSource clock) {
        this.transport = Objects.requireNonNull(transport, "PKARR transport required");
        this.clock = Objects.requireNonNull(clock, "Clock required");
    }

    @Override
    public PkarrPublication publish(final SecretBytes seed, final UnaryOperator<List<ResourceRecord>> edit)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(seed, "Seed required");
        Objects.requireNonNull(edit, "Record edit required");
        final byte[] publicKey = Ed25519.publicKey(seed);
        PkarrPutResult last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            final Optional<SignedPacket> seen = transport.resolve(publicKey).packet();
            final List<ResourceRecord> current = seen.map(SignedPacket::records).orElse(List.of());
            final List<ResourceRecord> records = Objects.requireNonNull(edit.apply(current), "Edited records required");
            final long timestamp = seen.isPresent() ? Math.max(now(), Math.addExact(seen.get().timestamp(), 1))
                    : now();
            final SignedPacket packet = SignedPacket.build(seed, records, timestamp);
            last = transport.publish(packet, cas(seen));
            if (last.accepted()) {
                return new PkarrPublication(packet, last.stored(), 0, attempt);
            }
            if (last.casMismatch() == 0) {
                break;
            }
        }
        throw refused(last, PublicKeys.toZ32(publicKey));
    }

    @Override
    public PkarrPublication publish(final SignedPacket packet)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(packet, "Signed packet required");
        PkarrPutResult last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            final Optional<SignedPacket> seen = transport.resolve(packet.publicKey()).packet();
            if (seen.isPresent() && !seen.get().equals(packet) && !packet.moreRecentThan(seen.get())) {
                throw new DhtException(DhtException.SEQ_TOO_OLD, String.format(
                        "Packet of [%s] at timestamp [%d] not more recent than the published one at [%d]",
                        packet.publicKeyZ32(), packet.timestamp(), seen.get().timestamp()));
            }
            if (seen.isPresent() && seen.get().equals(packet)) {
                return republished(packet, transport.publish(packet, OptionalLong.empty()), attempt);
            }
            last = transport.publish(packet, cas(seen));
            if (last.accepted()) {
                return new PkarrPublication(packet, last.stored(), 0, attempt);
            }
            if (last.casMismatch() == 0) {
                break;
            }
        }
        throw refused(last, packet.publicKeyZ32());
    }

    @Override
    public PkarrPublication republish(final SignedPacket packet)
            throws IOException, SignatureException, InterruptedException {
        Objects.requireNonNull(packet, "Signed packet required");
        final Optional<SignedPacket> seen = transport.resolve(packet.publicKey()).packet();
        final SignedPacket renewed = seen.isPresent() && seen.get().moreRecentThan(packet) ? seen.get() : packet;
        return republished(renewed, transport.publish(renewed, OptionalLong.empty()), 1);
    }

    @Override
    public PkarrResolution resolve(final byte[] publicKey)
            throws IOException, SignatureException, InterruptedException {
        return transport.resolve(publicKey);
    }

    /** Counts 302 answers to a republish as nodes already holding the packet (resolved just before). */
    private static PkarrPublication republished(final SignedPacket packet, final PkarrPutResult put,
            final int attempt) throws DhtException {
        if (put.stored() + put.stale() == 0) {
            throw new DhtException(String.format("No node stored or held the packet of [%s] (%d asked)",
                    packet.publicKeyZ32(), put.attempted()));
        }
        return new PkarrPublication(packet, put.stored(), put.stale(), attempt);
    }

    private static OptionalLong cas(final Optional<SignedPacket> seen) {
        return seen.map(packet -> OptionalLong.of(packet.timestamp())).orElse(OptionalLong.empty());
    }

    private static DhtException refused(final PkarrPutResult put, final String key) {
        if (put.casMismatch() > 0) {
            return new DhtException(DhtException.CAS_MISMATCH, String.format(
                    "Packet of [%s] changed concurrently twice; [%d] nodes reported a CAS mismatch",
                    key, put.casMismatch()));
        }
        if (put.stale() > 0) {
            return new DhtException(DhtException.SEQ_TOO_OLD, String.format(
                    "[%d] nodes hold a more recent packet of [%s]", put.stale(), key));
        }
        return new DhtException(String.format("No node stored the packet of [%s] ([%d] asked)", key,
                put.attempted()));
    }

    private long now() {
        final Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
    }
}
