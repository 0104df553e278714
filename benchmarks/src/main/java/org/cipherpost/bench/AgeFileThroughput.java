package org.cipherpost.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cipherpost.crypto.Age;
import org.cipherpost.crypto.AgeIdentity;
import org.cipherpost.crypto.AgeRecipient;
import org.cipherpost.crypto.SecretBytes;

/**
 * Encrypts or decrypts one file to another with our age API, for timing against the age CLI.
 *
 * <p>Usage: {@code encrypt RECIPIENTS_FILE IN OUT} (age -R format: age1 lines, # comments) or
 * {@code decrypt IDENTITY_FILE IN OUT} (age-keygen format). Prints the in-process time to stderr.
 */
public final class AgeFileThroughput {
    private AgeFileThroughput() {
    }

    /**
     * Runs one encryption or decryption.
     *
     * @param arguments encrypt|decrypt, key file, input, output
     * @throws IOException on I/O failures
     * @throws GeneralSecurityException on crypto failures
     */
    public static void main(final String[] arguments) throws IOException, GeneralSecurityException {
        if (arguments.length != 4) {
            System.err.println("usage: AgeFileThroughput encrypt|decrypt KEY_FILE IN OUT");
            System.exit(64);
        }
        final Path keyFile = Path.of(arguments[1]);
        final Path in = Path.of(arguments[2]);
        final Path out = Path.of(arguments[3]);
        final long start = System.nanoTime();
        final long bytes;
        try (FileChannel source = FileChannel.open(in);
                FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            switch (arguments[0]) {
                case "encrypt" -> bytes = Age.encrypt(source, target, recipients(keyFile), false);
                case "decrypt" -> {
                    try (AgeIdentity identity = identity(keyFile)) {
                        bytes = Age.decrypt(source, target, List.of(identity));
                    }
                }
                default -> throw new IllegalArgumentException("Mode [%s] not encrypt or decrypt".formatted(arguments[0]));
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "%s %d bytes in %.3f s (%.0f MB/s in process)%n", arguments[0], bytes, seconds,
                bytes / seconds / 1e6);
    }

    /** Reads age1 recipients, one per line, skipping blank and comment lines. */
    private static List<AgeRecipient> recipients(final Path file) throws IOException, GeneralSecurityException {
        final List<AgeRecipient> recipients = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            final String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                recipients.add(AgeRecipient.parse(trimmed));
            }
        }
        return recipients;
    }

    /** Reads the AGE-SECRET-KEY-1 line of an identity file without making a String of it. */
    private static AgeIdentity identity(final Path file) throws IOException, GeneralSecurityException {
        final byte[] content = Files.readAllBytes(file);
        try {
            int lineStart = 0;
            while (lineStart < content.length) {
                int lineEnd = lineStart;
                while (lineEnd < content.length && content[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (content[lineStart] != '#' && lineEnd > lineStart) {
                    try (SecretBytes line = SecretBytes.copyOf(content, lineStart, lineEnd - lineStart)) {
                        return AgeIdentity.parse(line);
                    }
                }
                lineStart = lineEnd + 1;
            }
            throw new IOException("No identity in [%s]".formatted(file));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
