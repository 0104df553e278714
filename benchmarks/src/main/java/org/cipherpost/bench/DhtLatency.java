package org.cipherpost.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.cipherpost.crypto.Ed25519;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtMode;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.DhtStats;
import org.cipherpost.dht.PkarrClient;
import org.cipherpost.dht.PkarrPublication;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.dht.PkarrTransport;
import org.cipherpost.dht.Testnet;
import org.cipherpost.wire.Bencode;
import org.cipherpost.wire.BencodeBytes;
import org.cipherpost.wire.BencodeDictionary;
import org.cipherpost.wire.ResourceRecord;

/**
 * PKARR publish and resolve latency on a loopback testnet, and KRPC queries one node answers per second.
 *
 * <p>Usage: {@code DhtLatency [NODES [OPERATIONS [CLIENT_THREADS [SECONDS]]]]}, defaults 100 200 4 5, after 20
 * untimed warm-up operations. Publish =
 * resolve + get lookup for tokens + put to the 8 closest (what {@link PkarrClient#publish} does); resolve = a full
 * BEP 44 get lookup from another client node. The throughput part sends {@code ping} and {@code get} from
 * CLIENT_THREADS sockets with 32 queries in flight each, to one full node whose per-source rate limit is lifted.
 */
public final class DhtLatency {
    private static final int WINDOW = 32;
    private static final int WARMUP = 20;

    private DhtLatency() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param arguments nodes, operations, client threads, seconds per throughput run
     * @throws Exception on failure
     */
    public static void main(final String[] arguments) throws Exception {
        final int nodes = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 100;
        final int operations = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 200;
        final int threads = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 4;
        final int seconds = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 5;
        latency(nodes, operations);
        throughput("ping", threads, seconds);
        throughput("get", threads, seconds);
    }

    private static void latency(final int nodes, final int operations) throws Exception {
        final long startNanos = System.nanoTime();
        final DhtConfig template = DhtConfig.builder().requestTimeout(Duration.ofSeconds(2))
                .operationTimeout(Duration.ofSeconds(20)).build();
        try (Testnet testnet = Testnet.start(nodes, template);
                DhtNode writerNode = DhtNode.start(testnet.clientConfig().build());
                DhtNode readerNode = DhtNode.start(testnet.clientConfig().build());
                PkarrTransport writer = PkarrTransport.dht(writerNode);
                PkarrTransport reader = PkarrTransport.dht(readerNode)) {
            System.out.printf(Locale.ROOT, "testnet of %d full nodes up in %.1f s%n", nodes,
                    (System.nanoTime() - startNanos) / 1e9);
            writerNode.bootstrap();
            readerNode.bootstrap();
            final PkarrClient publisher = PkarrClient.create(writer);
            for (int i = 0; i < WARMUP; i++) {
                try (SecretBytes seed = Ed25519.generateSeed()) {
                    publisher.publish(seed, List.of(ResourceRecord.txt("_warmup", 300, "warmup " + i)));
                    reader.resolve(Ed25519.publicKey(seed));
                }
            }
            final long[] publish = new long[operations];
            final long[] resolve = new long[operations];
            int stored = 0;
            int holding = 0;
            for (int i = 0; i < operations; i++) {
                try (SecretBytes seed = Ed25519.generateSeed()) {
                    final long t0 = System.nanoTime();
                    final PkarrPublication published = publisher.publish(seed,
                            List.of(ResourceRecord.txt("_bench", 300, "operation " + i)));
                    final long t1 = System.nanoTime();
                    final PkarrResolution resolved = reader.resolve(Ed25519.publicKey(seed));
                    final long t2 = System.nanoTime();
                    if (!published.packet().equals(resolved.packet().orElse(null))) {
                        throw new IllegalStateException("Resolved packet differs at operation " + i);
                    }
                    publish[i] = t1 - t0;
                    resolve[i] = t2 - t1;
                    stored += published.stored();
                    holding += resolved.holding();
                }
            }
            report("publish (resolve + put)", publish);
            report("resolve (other client)", resolve);
            System.out.printf(Locale.ROOT, "  mean nodes storing %.2f, mean nodes holding on resolve %.2f%n",
                    (double) stored / operations, (double) holding / operations);
            final DhtStats writerStats = writerNode.stats();
            final DhtStats readerStats = readerNode.stats();
            System.out.printf(Locale.ROOT, "  client request timeouts: writer %d of %d sent, reader %d of %d sent%n",
                    writerStats.timeouts(), writerStats.sent(), readerStats.timeouts(), readerStats.sent());
        }
    }

    private static void report(final String name, final long[] nanos) {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        final double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-24s n=%d median %.2f ms, p95 %.2f ms, max %.2f ms, mean %.2f ms%n", name,
                sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(sorted[sorted.length - 1]), mean / 1e6);
    }

    private static long percentile(final long[] sorted, final int percent) {
        final int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(final long nanos) {
        return nanos / 1e6;
    }

    /** Counts answers one full node sends to CLIENT_THREADS sockets keeping WINDOW queries in flight each. */
    private static void throughput(final String method, final int threads, final int seconds) throws Exception {
        final InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DhtNode node = DhtNode.start(DhtConfig.builder().bindAddress(loopback).mode(DhtMode.FULL).testnet(true)
                .bootstrap(List.of()).rateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE).build());
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            final AtomicLong answered = new AtomicLong();
            final long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            final List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                clients.add(pool.submit(() -> {
                    queryLoop(node.localAddress(), method, deadline, answered);
                    return null;
                }));
            }
            for (final Future<?> client : clients) {
                client.get();
            }
            final DhtStats stats = node.stats();
            System.out.printf(Locale.ROOT,
                    "KRPC %-4s one node, %d client sockets x %d in flight: %.0f answers/s (node answered %d,"
                            + " dropped %d malformed, %d rate-limited)%n", method, threads, WINDOW,
                    answered.get() / (double) seconds, stats.queriesAnswered(), stats.malformed(),
                    stats.rateLimited());
        }
    }

    private static void queryLoop(final InetSocketAddress target, final String method, final long deadline,
            final AtomicLong answered) throws IOException {
        final SecureRandom random = new SecureRandom();
        final byte[] id = new byte[20];
        random.nextBytes(id);
        try (DatagramSocket socket = new DatagramSocket(0, target.getAddress())) {
            socket.setSoTimeout(1000);
            int transaction = 0;
            for (int i = 0; i < WINDOW; i++) {
                send(socket, target, method, id, transaction++, random);
            }
            final byte[] buffer = new byte[2048];
            while (System.nanoTime() < deadline) {
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (final SocketTimeoutException e) {
                    send(socket, target, method, id, transaction++, random);
                    continue;
                }
                answered.incrementAndGet();
                send(socket, target, method, id, transaction++, random);
            }
        }
    }

    private static void send(final DatagramSocket socket, final InetSocketAddress target, final String method,
            final byte[] id, final int transaction, final SecureRandom random) throws IOException {
        final BencodeDictionary.Builder arguments = BencodeDictionary.builder().put("id", id);
        if (method.equals("get")) {
            final byte[] targetId = new byte[20];
            random.nextBytes(targetId);
            arguments.put("target", targetId);
        }
        final byte[] message = Bencode.encode(BencodeDictionary.builder()
                .put("a", arguments.build())
                .put("q", BencodeBytes.utf8(method))
                .put("t", ("t" + transaction).getBytes(StandardCharsets.US_ASCII))
                .put("y", BencodeBytes.utf8("q"))
                .build());
        socket.send(new DatagramPacket(message, message.length, target));
    }
}
