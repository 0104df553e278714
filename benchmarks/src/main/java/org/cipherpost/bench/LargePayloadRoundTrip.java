package org.cipherpost.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.cipherpost.blob.BlobManifest;
import org.cipherpost.blob.BlobStore;
import org.cipherpost.blob.BlobStoreFactory;
import org.cipherpost.blob.LargePayloads;
import org.cipherpost.blob.SealedBlob;
import org.cipherpost.blob.Unpacked;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;

/**
 * One half of a large-payload round trip through an HTTP blob store, for timing against tar and the age CLI.
 *
 * <p>Usage: {@code send DIR STORE_URL TOKEN_FILE RECIPIENT_FILE SPOOL} prints the manifest (hex) on stdout;
 * {@code receive MANIFEST_HEX STORE_URL TOKEN_FILE IDENTITY_FILE SPOOL OUT_DIR}. Both print timings and the peak
 * heap used to stderr.
 */
public final class LargePayloadRoundTrip {
    private LargePayloadRoundTrip() {
    }

    /**
     * Runs one half.
     *
     * @param arguments see the class comment
     * @throws Exception on any failure
     */
    public static void main(final String[] arguments) throws Exception {
        if (arguments.length < 6 || !(arguments[0].equals("send") || arguments[0].equals("receive"))) {
            System.err.println("usage: LargePayloadRoundTrip send DIR URL TOKEN_FILE RECIPIENT_FILE SPOOL"
                    + " | receive MANIFEST_HEX URL TOKEN_FILE IDENTITY_FILE SPOOL OUT_DIR");
            System.exit(64);
        }
        final URI base = URI.create(arguments[2]);
        try (SecretBytes token = SecretBytes.wrap(Files.readString(Path.of(arguments[3])).strip()
                .getBytes(StandardCharsets.US_ASCII)); BlobStore store = BlobStoreFactory.http(base, token)) {
            if (arguments[0].equals("send")) {
                final AgeRecipient recipient = AgeRecipient.parse(Files.readString(Path.of(arguments[4])).strip());
                long start = System.nanoTime();
                final SealedBlob blob = LargePayloads.seal(Path.of(arguments[1]), List.of(recipient),
                        Path.of(arguments[5]));
                final double sealSeconds = seconds(start);
                start = System.nanoTime();
                final URI locator = store.put(blob, n -> { });
                final double putSeconds = seconds(start);
                Files.delete(blob.file());
                System.out.println(HexFormat.of().formatHex(blob.manifest(locator).encode()));
                System.err.printf(Locale.ROOT, "send: %d ciphertext bytes, seal %.2f s, upload %.2f s, peak heap %d MiB%n",
                        blob.size(), sealSeconds, putSeconds, peakHeapMiB());
            } else {
                final BlobManifest manifest = BlobManifest.decode(HexFormat.of().parseHex(arguments[1]));
                try (AgeIdentity identity = identity(Path.of(arguments[4]))) {
                    long start = System.nanoTime();
                    final Path ciphertext = LargePayloads.fetch(store, manifest, Path.of(arguments[5]), n -> { });
                    final double fetchSeconds = seconds(start);
                    start = System.nanoTime();
                    final Unpacked unpacked = LargePayloads.open(ciphertext, List.of(identity), Path.of(arguments[6]),
                            false);
                    final double openSeconds = seconds(start);
                    Files.delete(ciphertext);
                    System.err.printf(Locale.ROOT, "receive: %d entries, %d bytes, download+verify %.2f s,"
                            + " decrypt+unpack %.2f s, peak heap %d MiB%n", unpacked.entries(), unpacked.bytes(),
                            fetchSeconds, openSeconds, peakHeapMiB());
                }
            }
        }
    }

    private static double seconds(final long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static AgeIdentity identity(final Path file) throws IOException, GeneralSecurityException {
        final byte[] content = Files.readAllBytes(file);
        try {
            int start = 0;
            while (start < content.length) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                if (end > start && content[start] != '#') {
                    try (SecretBytes line = SecretBytes.copyOf(content, start, end - start)) {
                        return AgeIdentity.parse(line);
                    }
                }
                start = end + 1;
            }
            throw new IOException("No identity in [%s]".formatted(file));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
