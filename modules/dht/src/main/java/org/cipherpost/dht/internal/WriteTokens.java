package org.cipherpost.dht.internal;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.cipherpost.crypto.SecretBytes;

/**
 * Write tokens for {@code get}/{@code put} (BEP 5 and BEP 44): a truncated SHA-256 of a rotating secret, the
 * requester's IP address and the target. Secrets rotate every interval; tokens of the current and the previous
 * secret are accepted, so a token lives between one and two intervals.
 *
 * <pre>
 * token = SHA-256(secret || ip || target)[0..8)
 * </pre>
 */
final class WriteTokens implements AutoCloseable {
    /** Token length in bytes. */
    static final int TOKEN_LENGTH = 8;

    private static final int SECRET_LENGTH = 32;

    private final InstantSource clock;
    private final Duration rotation;
    private final SecureRandom random;
    private SecretBytes current;
    private SecretBytes previous;
    private Instant rotatedAt;
    private boolean closed;

    /**
     * Creates token state with fresh secrets.
     *
     * @param clock clock driving rotation
     * @param rotation rotation interval
     * @param random source of secrets
     */
    WriteTokens(final InstantSource clock, final Duration rotation, final SecureRandom random) {
        this.clock = clock;
        this.rotation = rotation;
        this.random = random;
        this.current = fresh();
        this.previous = fresh();
        this.rotatedAt = clock.instant();
    }

    /**
     * Issues a token for a requester and target.
     *
     * @param ip requester IP address
     * @param target 20-byte target
     * @return token
     */
    synchronized byte[] issue(final InetAddress ip, final byte[] target) {
        rotateIfDue();
        return token(current, ip, target);
    }

    /**
     * Checks a token presented with a {@code put}.
     *
     * @param token presented token, may be null
     * @param ip requester IP address
     * @param target 20-byte target of the put
     * @return true when issued to this IP for this target under the current or previous secret (never once closed)
     */
    synchronized boolean valid(final byte[] token, final InetAddress ip, final byte[] target) {
        if (closed || token == null || token.length != TOKEN_LENGTH) {
            return false;
        }
        rotateIfDue();
        return MessageDigest.isEqual(token, token(current, ip, target))
                || MessageDigest.isEqual(token, token(previous, ip, target));
    }

    /**
     * Wipes the secrets.
     */
    @Override
    public synchronized void close() {
        closed = true;
        current.close();
        previous.close();
    }

    private void rotateIfDue() {
        final Instant now = clock.instant();
        if (now.isBefore(rotatedAt.plus(rotation))) {
            return;
        }
        previous.close();
        if (now.isBefore(rotatedAt.plus(rotation).plus(rotation))) {
            previous = current;
        } else {
            current.close();
            previous = fresh();
        }
        current = fresh();
        rotatedAt = now;
    }

    private SecretBytes fresh() {
        final byte[] secret = new byte[SECRET_LENGTH];
        random.nextBytes(secret);
        return SecretBytes.wrap(secret);
    }

    private static byte[] token(final SecretBytes secret, final InetAddress ip, final byte[] target) {
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        sha256.update(secret.bytes());
        sha256.update(ip.getAddress());
        sha256.update(target);
        return Arrays.copyOf(sha256.digest(), TOKEN_LENGTH);
    }
}
