package org.cipherpost.dht.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeValue;

/**
 * An iterative Kademlia lookup run on the calling (virtual) thread: keeps at most alpha queries in flight to
 * the closest unqueried candidates and stops once the k closest candidates that did not fail have all answered,
 * when candidates run out, when the visitor has what it needs, or at the deadline. Each request ends by its own
 * timeout, so a node that dies mid-lookup holds up one slot for at most one request timeout.
 */
final class Lookup {
    /** Most candidates kept; the farthest unqueried ones are dropped beyond this. */
    static final int MAX_CANDIDATES = 256;

    /** Most queries one lookup sends. */
    static final int MAX_QUERIES = 256;

    /** Longest write token kept from a response. */
    private static final int MAX_TOKEN = 64;

    private final NodeId target;
    private final NodeId self;
    private final int k;
    private final int alpha;
    private final AddressPolicy policy;
    private final Function<InetSocketAddress, CompletableFuture<KrpcResponse>> send;
    private final Visitor visitor;
    private final Map<InetSocketAddress, LookupCandidate> candidates = new HashMap<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Comparator<LookupCandidate> byDistance;

    /**
     * Creates a lookup.
     *
     * @param target target ID
     * @param self our node ID, never a candidate
     * @param k number of closest nodes to settle
     * @param alpha queries in flight
     * @param policy which addresses may be contacted
     * @param send sends the lookup's query to an address
     * @param visitor sees each response
     */
    Lookup(final NodeId target, final NodeId self, final int k, final int alpha, final AddressPolicy policy,
            final Function<InetSocketAddress, CompletableFuture<KrpcResponse>> send, final Visitor visitor) {
        this.target = target;
        this.self = self;
        this.k = k;
        this.alpha = alpha;
        this.policy = policy;
        this.send = send;
        this.visitor = visitor;
        this.byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
    }

    /**
     * Runs the lookup.
     *
     * @param seeds known nodes to start from
     * @param bootstrap addresses of nodes whose IDs are not known (queried first)
     * @param deadlineNanos {@link System#nanoTime()} at which to give up
     * @return responding candidates, closest first
     * @throws InterruptedException when interrupted (the node is closing)
     */
    List<LookupCandidate> run(final List<Contact> seeds, final List<InetSocketAddress> bootstrap,
            final long deadlineNanos) throws InterruptedException {
        for (final InetSocketAddress address : bootstrap) {
            offer(address, null);
        }
        for (final Contact seed : seeds) {
            offer(seed.address(), seed.id());
        }
        int inFlight = 0;
        int queries = 0;
        boolean done = false;
        while (!done) {
            while (inFlight < alpha && queries < MAX_QUERIES) {
                final LookupCandidate next = nextPending();
                if (next == null) {
                    break;
                }
                next.state(LookupCandidate.State.IN_FLIGHT);
                inFlight++;
                queries++;
                send.apply(next.address()).whenComplete((response, failure) ->
                        answers.add(new Answer(next, response)));
            }
            final long remaining = deadlineNanos - System.nanoTime();
            if (inFlight == 0 || remaining <= 0) {
                break;
            }
            final Answer answer = answers.poll(remaining, TimeUnit.NANOSECONDS);
            if (answer == null) {
                break;
            }
            inFlight--;
            done = accept(answer) || settled();
        }
        return candidates.values().stream()
                .filter(candidate -> candidate.state() == LookupCandidate.State.RESPONDED)
                .sorted(byDistance)
                .toList();
    }

    private boolean accept(final Answer answer) {
        final LookupCandidate candidate = answer.candidate();
        final KrpcResponse response = answer.response();
        if (response == null) {
            candidate.state(LookupCandidate.State.FAILED);
            return false;
        }
        try {
            candidate.id(response.senderId());
        } catch (final KrpcFormatException e) {
            candidate.state(LookupCandidate.State.FAILED);
            return false;
        }
        candidate.state(LookupCandidate.State.RESPONDED);
        if (response.values().get("token").orElse(null) instanceof BencodeBytes token
                && token.length() > 0 && token.length() <= MAX_TOKEN) {
            candidate.token(token.bytes());
        }
        final BencodeValue nodes = response.values().get("nodes").orElse(null);
        if (nodes instanceof BencodeBytes compact) {
            for (final Contact contact : CompactNodes.decode(compact.bytes())) {
                offer(contact.address(), contact.id());
            }
            prune();
        }
        return visitor.visit(candidate, response);
    }

    private void offer(final InetSocketAddress address, final NodeId id) {
        if (!policy.allows(address) || self.equals(id)) {
            return;
        }
        final LookupCandidate known = candidates.get(address);
        if (known == null) {
            candidates.put(address, new LookupCandidate(address, id));
        } else if (known.id() == null && id != null && known.state() == LookupCandidate.State.PENDING) {
            known.id(id);
        }
    }

    /**
     * Returns the closest pending candidate among the k closest that did not fail; while fewer than k are known,
     * a bootstrap node not yet queried.
     */
    private LookupCandidate nextPending() {
        int seen = 0;
        for (final LookupCandidate candidate : ranked()) {
            if (candidate.state() == LookupCandidate.State.PENDING) {
                return candidate;
            }
            if (++seen >= k) {
                return null;
            }
        }
        for (final LookupCandidate candidate : candidates.values()) {
            if (candidate.id() == null && candidate.state() == LookupCandidate.State.PENDING) {
                return candidate;
            }
        }
        return null;
    }

    /** Tells whether the k closest candidates that did not fail have all answered. */
    private boolean settled() {
        int responded = 0;
        for (final LookupCandidate candidate : ranked()) {
            if (candidate.state() != LookupCandidate.State.RESPONDED) {
                return false;
            }
            if (++responded >= k) {
                return true;
            }
        }
        return false;
    }

    /** Candidates with known IDs that did not fail, closest first. */
    private List<LookupCandidate> ranked() {
        final List<LookupCandidate> ranked = new ArrayList<>(candidates.size());
        for (final LookupCandidate candidate : candidates.values()) {
            if (candidate.id() != null && candidate.state() != LookupCandidate.State.FAILED) {
                ranked.add(candidate);
            }
        }
        ranked.sort(byDistance);
        return ranked;
    }

    private void prune() {
        if (candidates.size() <= MAX_CANDIDATES) {
            return;
        }
        final List<LookupCandidate> pending = candidates.values().stream()
                .filter(candidate -> candidate.id() != null && candidate.state() == LookupCandidate.State.PENDING)
                .sorted(byDistance.reversed())
                .toList();
        for (final LookupCandidate farthest : pending) {
            if (candidates.size() <= MAX_CANDIDATES) {
                return;
            }
            candidates.remove(farthest.address());
        }
    }

    /** Sees each response of a lookup, on the lookup's thread. */
    interface Visitor {

        /**
         * Examines one response.
         *
         * @param candidate responding node
         * @param response its response
         * @return true to stop the lookup now
         */
        boolean visit(LookupCandidate candidate, KrpcResponse response);
    }

    /** One request's outcome: a response, or null for a timeout or error. */
    private record Answer(LookupCandidate candidate, KrpcResponse response) {
    }
}
