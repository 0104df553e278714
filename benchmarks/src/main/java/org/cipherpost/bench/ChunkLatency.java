package org.cipherpost.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.cipherpost.dht.ChunkManifest;
import org.cipherpost.dht.ChunkPutReport;
import org.cipherpost.dht.ChunkedPayloads;
import org.cipherpost.dht.DhtConfig;
import org.cipherpost.dht.DhtNode;
import org.cipherpost.dht.Testnet;

/**
 * Put and fetch latency of chunked payloads (tier 1 of issue 7) against size, on a loopback testnet, from two client
 * nodes: one puts, a fresh one fetches.
 *
 * <p>Usage: {@code ChunkLatency [NODES [ROUNDS]]}, defaults 100 and 10 per size, after 3 untimed warm-up rounds.
 * The per-source rate limit of the testnet's nodes is lifted (one client sends every lookup of a share).
 */
public final class ChunkLatency {
    private static final int[] SIZES = {1024, 4096, 16384, 32768, 65736};

    private ChunkLatency() {
    }

    /**
     * Runs the measurements and prints a table.
     *
     * @param arguments nodes, rounds per size
     * @throws Exception on failure
     */
    public static void main(final String[] arguments) throws Exception {
        final int nodes = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 100;
        final int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 10;
        final DhtConfig template = DhtConfig.builder().requestTimeout(Duration.ofSeconds(2))
                .operationTimeout(Duration.ofSeconds(30)).rateLimit(100_000, 100_000).build();
        final SecureRandom random = new SecureRandom();
        try (Testnet testnet = Testnet.start(nodes, template);
                DhtNode writer = DhtNode.start(testnet.clientConfig().build());
                DhtNode reader = DhtNode.start(testnet.clientConfig().build())) {
            writer.bootstrap();
            reader.bootstrap();
            System.out.printf(Locale.ROOT, "%d-node loopback testnet, %d rounds per size%n", nodes, rounds);
            System.out.printf(Locale.ROOT, "%10s %6s %10s %10s %10s %10s %8s%n", "ciphertext", "items", "put med",
                    "put p95", "fetch med", "fetch p95", "stored");
            for (final int size : SIZES) {
                final List<Double> puts = new ArrayList<>();
                final List<Double> fetches = new ArrayList<>();
                int items = 0;
                int minStored = Integer.MAX_VALUE;
                for (int round = -3; round < rounds; round++) {
                    final byte[] payload = new byte[size];
                    random.nextBytes(payload);
                    long start = System.nanoTime();
                    final ChunkPutReport report = ChunkedPayloads.over(writer).put(payload);
                    final double put = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    final ChunkManifest manifest = report.manifest();
                    final byte[] fetched = ChunkedPayloads.over(reader).fetch(manifest);
                    final double fetch = (System.nanoTime() - start) / 1e6;
                    if (fetched.length != size) {
                        throw new IllegalStateException("Fetched payload has the wrong size");
                    }
                    if (round >= 0) {
                        puts.add(put);
                        fetches.add(fetch);
                        items = report.items();
                        minStored = Math.min(minStored, report.minStored());
                    }
                }
                System.out.printf(Locale.ROOT, "%10d %6d %8.1fms %8.1fms %8.1fms %8.1fms %8d%n", size, items,
                        percentile(puts, 50), percentile(puts, 95), percentile(fetches, 50), percentile(fetches, 95),
                        minStored);
            }
        }
    }

    private static double percentile(final List<Double> values, final int percent) {
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
