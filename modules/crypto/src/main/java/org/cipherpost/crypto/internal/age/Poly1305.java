package org.cipherpost.crypto.internal.age;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Poly1305 one-time authenticator (RFC 8439 section 2.5) over whole 16-byte blocks, in radix 2^44.
 *
 * <p>Blocks are absorbed two at a time as {@code (h + m) r^2 + n r}: the two products are independent, so the
 * processor overlaps them, and one carry chain serves two blocks (about 30% faster than one block per step).
 *
 * <p>The JDK only intrinsifies Poly1305 on processors with AVX-512 IFMA; elsewhere its AEAD runs at a third
 * of the speed of its ChaCha20 intrinsic. Here the accumulator and key sit in three limbs of 44, 44 and 42
 * bits, so every partial product stays below 2^96 and splits exactly into its low 44 bits and, through
 * {@link Math#unsignedMultiplyHigh} (an intrinsic) on pre-shifted factors, the rest: no carry detection, no branch and no table lookup on secret data. Callers pad to block
 * boundaries themselves, as the AEAD construction does.
 */
final class Poly1305 {
    /** Block length in bytes. */
    static final int BLOCK_LENGTH = 16;

    /** Key length in bytes: r then s. */
    static final int KEY_LENGTH = 32;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long MASK_44 = (1L << 44) - 1;

    private static final long MASK_42 = (1L << 42) - 1;

    /** The 2^128 bit of every full block, as seen in the top limb (bit 128 - 88). */
    private static final long HIGH_BIT = 1L << 40;

    private long r0;
    private long r1;
    private long r2;
    private long s0;
    private long s1;
    private long h0;
    private long h1;
    private long h2;
    private long q0;
    private long q1;
    private long q2;

    /**
     * Starts a new authenticator with a one-time key.
     *
     * @param key array holding the 32-byte one-time key
     * @param offset first key byte
     */
    void init(final byte[] key, final int offset) {
        Objects.checkFromIndexSize(offset, KEY_LENGTH, key.length);
        final long low = (long) LONG_LE.get(key, offset) & 0x0FFFFFFC0FFFFFFFL;
        final long high = (long) LONG_LE.get(key, offset + 8) & 0x0FFFFFFC0FFFFFFCL;
        r0 = low & MASK_44;
        r1 = ((low >>> 44) | (high << 20)) & MASK_44;
        r2 = (high >>> 24) & MASK_42;
        s0 = (long) LONG_LE.get(key, offset + 16);
        s1 = (long) LONG_LE.get(key, offset + 24);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        squareKey();
    }

    /** Sets q to r^2 with limbs below 2^44, 2^44 and 2^42 (not necessarily fully reduced). */
    private void squareKey() {
        final long k1Folded = r1 * 20;
        final long k2Folded = r2 * 20;
        long d0Low = ((r0 * r0) & MASK_44) + ((r1 * k2Folded) & MASK_44) + ((r2 * k1Folded) & MASK_44);
        final long d0High = Math.unsignedMultiplyHigh(r0, r0 << 20) + Math.unsignedMultiplyHigh(r1 << 5, k2Folded << 15)
                + Math.unsignedMultiplyHigh(r2 << 5, k1Folded << 15);
        long d1Low = ((r0 * r1) & MASK_44) + ((r1 * r0) & MASK_44) + ((r2 * k2Folded) & MASK_44);
        final long d1High = Math.unsignedMultiplyHigh(r0, r1 << 20) + Math.unsignedMultiplyHigh(r1, r0 << 20)
                + Math.unsignedMultiplyHigh(r2 << 5, k2Folded << 15);
        long d2Low = ((r0 * r2) & MASK_44) + ((r1 * r1) & MASK_44) + ((r2 * r0) & MASK_44);
        final long d2High = Math.unsignedMultiplyHigh(r0, r2 << 20) + Math.unsignedMultiplyHigh(r1, r1 << 20)
                + Math.unsignedMultiplyHigh(r2, r0 << 20);
        long carry = d0High + (d0Low >>> 44);
        long a0 = d0Low & MASK_44;
        d1Low += carry;
        carry = d1High + (d1Low >>> 44);
        long a1 = d1Low & MASK_44;
        d2Low += carry;
        carry = (d2High << 2) + (d2Low >>> 42);
        long a2 = d2Low & MASK_42;
        a0 += carry * 5;
        for (int round = 0; round < 2; round++) {
            carry = a0 >>> 44;
            a0 &= MASK_44;
            a1 += carry;
            carry = a1 >>> 44;
            a1 &= MASK_44;
            a2 += carry;
            carry = a2 >>> 42;
            a2 &= MASK_42;
            a0 += carry * 5;
        }
        carry = a0 >>> 44;
        a0 &= MASK_44;
        a1 += carry;
        q0 = a0;
        q1 = a1;
        q2 = a2;
    }

    /**
     * Absorbs whole blocks, each with the 2^128 bit set.
     *
     * @param message message bytes
     * @param offset first byte
     * @param length byte count, a multiple of 16
     */
    void blocks(final byte[] message, final int offset, final int length) {
        Objects.checkFromIndexSize(offset, length, message.length);
        if ((length & (BLOCK_LENGTH - 1)) != 0) {
            throw new IllegalArgumentException("Length [%d] not a multiple of [%d]".formatted(length, BLOCK_LENGTH));
        }
        final long k0 = r0;
        final long k1 = r1;
        final long k2 = r2;
        // 2^132 = 4 * 2^130 = 4 * 5 (mod 2^130 - 5): limbs that overflow past 2^132 fold back times 20
        final long k1Folded = k1 * 20;
        final long k2Folded = k2 * 20;
        // multipliers pre-shifted so that one unsigned high multiply yields floor(a * k / 2^44) exactly:
        // k < 2^44 shifted by 20, folded k < 2^49 shifted by 15 (the other factor then by 5), all below 2^64
        final long k0High = k0 << 20;
        final long k1High = k1 << 20;
        final long k2High = k2 << 20;
        final long k1FoldedHigh = k1Folded << 15;
        final long k2FoldedHigh = k2Folded << 15;
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        final int end = offset + length;
        final long p0 = q0;
        final long p1 = q1;
        final long p2 = q2;
        final long p1Folded = p1 * 20;
        final long p2Folded = p2 * 20;
        final long p0High = p0 << 20;
        final long p1High = p1 << 20;
        final long p2High = p2 << 20;
        final long p1FoldedHigh = p1Folded << 15;
        final long p2FoldedHigh = p2Folded << 15;
        final int pairsEnd = offset + (length & -(2 * BLOCK_LENGTH));
        int i = offset;
        for (; i < pairsEnd; i += 2 * BLOCK_LENGTH) {
            // (a + m) r^2 + n r for the blocks m, n: two independent products, one carry chain
            final long m0 = (long) LONG_LE.get(message, i);
            final long m1 = (long) LONG_LE.get(message, i + 8);
            final long n0 = (long) LONG_LE.get(message, i + 16);
            final long n1 = (long) LONG_LE.get(message, i + 24);
            a0 += m0 & MASK_44;
            a1 += ((m0 >>> 44) | (m1 << 20)) & MASK_44;
            a2 += (m1 >>> 24) | HIGH_BIT;
            final long b0 = n0 & MASK_44;
            final long b1 = ((n0 >>> 44) | (n1 << 20)) & MASK_44;
            final long b2 = (n1 >>> 24) | HIGH_BIT;
            final long a1Shifted = a1 << 5;
            final long a2Shifted = a2 << 5;
            final long b1Shifted = b1 << 5;
            final long b2Shifted = b2 << 5;

            long d0Low = ((a0 * p0) & MASK_44) + ((a1 * p2Folded) & MASK_44) + ((a2 * p1Folded) & MASK_44)
                    + ((b0 * k0) & MASK_44) + ((b1 * k2Folded) & MASK_44) + ((b2 * k1Folded) & MASK_44);
            final long d0High = Math.unsignedMultiplyHigh(a0, p0High) + Math.unsignedMultiplyHigh(a1Shifted, p2FoldedHigh)
                    + Math.unsignedMultiplyHigh(a2Shifted, p1FoldedHigh) + Math.unsignedMultiplyHigh(b0, k0High)
                    + Math.unsignedMultiplyHigh(b1Shifted, k2FoldedHigh) + Math.unsignedMultiplyHigh(b2Shifted, k1FoldedHigh);
            long d1Low = ((a0 * p1) & MASK_44) + ((a1 * p0) & MASK_44) + ((a2 * p2Folded) & MASK_44)
                    + ((b0 * k1) & MASK_44) + ((b1 * k0) & MASK_44) + ((b2 * k2Folded) & MASK_44);
            final long d1High = Math.unsignedMultiplyHigh(a0, p1High) + Math.unsignedMultiplyHigh(a1, p0High)
                    + Math.unsignedMultiplyHigh(a2Shifted, p2FoldedHigh) + Math.unsignedMultiplyHigh(b0, k1High)
                    + Math.unsignedMultiplyHigh(b1, k0High) + Math.unsignedMultiplyHigh(b2Shifted, k2FoldedHigh);
            long d2Low = ((a0 * p2) & MASK_44) + ((a1 * p1) & MASK_44) + ((a2 * p0) & MASK_44)
                    + ((b0 * k2) & MASK_44) + ((b1 * k1) & MASK_44) + ((b2 * k0) & MASK_44);
            final long d2High = Math.unsignedMultiplyHigh(a0, p2High) + Math.unsignedMultiplyHigh(a1, p1High)
                    + Math.unsignedMultiplyHigh(a2, p0High) + Math.unsignedMultiplyHigh(b0, k2High)
                    + Math.unsignedMultiplyHigh(b1, k1High) + Math.unsignedMultiplyHigh(b2, k0High);

            long carry = d0High + (d0Low >>> 44);
            a0 = d0Low & MASK_44;
            d1Low += carry;
            carry = d1High + (d1Low >>> 44);
            a1 = d1Low & MASK_44;
            d2Low += carry;
            carry = (d2High << 2) + (d2Low >>> 42);
            a2 = d2Low & MASK_42;
            a0 += carry * 5;
            carry = a0 >>> 44;
            a0 &= MASK_44;
            a1 += carry;
        }
        for (; i < end; i += BLOCK_LENGTH) {
            final long m0 = (long) LONG_LE.get(message, i);
            final long m1 = (long) LONG_LE.get(message, i + 8);
            a0 += m0 & MASK_44;
            a1 += ((m0 >>> 44) | (m1 << 20)) & MASK_44;
            a2 += (m1 >>> 24) | HIGH_BIT;
            final long a1Shifted = a1 << 5;
            final long a2Shifted = a2 << 5;

            // d = a * r, each limb kept as (bits below 2^44, everything above) so that sums never overflow
            long d0Low = (a0 * k0) & MASK_44;
            long d0High = Math.unsignedMultiplyHigh(a0, k0High);
            d0Low += (a1 * k2Folded) & MASK_44;
            d0High += Math.unsignedMultiplyHigh(a1Shifted, k2FoldedHigh);
            d0Low += (a2 * k1Folded) & MASK_44;
            d0High += Math.unsignedMultiplyHigh(a2Shifted, k1FoldedHigh);

            long d1Low = (a0 * k1) & MASK_44;
            long d1High = Math.unsignedMultiplyHigh(a0, k1High);
            d1Low += (a1 * k0) & MASK_44;
            d1High += Math.unsignedMultiplyHigh(a1, k0High);
            d1Low += (a2 * k2Folded) & MASK_44;
            d1High += Math.unsignedMultiplyHigh(a2Shifted, k2FoldedHigh);

            long d2Low = (a0 * k2) & MASK_44;
            long d2High = Math.unsignedMultiplyHigh(a0, k2High);
            d2Low += (a1 * k1) & MASK_44;
            d2High += Math.unsignedMultiplyHigh(a1, k1High);
            d2Low += (a2 * k0) & MASK_44;
            d2High += Math.unsignedMultiplyHigh(a2, k0High);

            // partial carry: limbs back under 2^44, 2^44 and 2^42, the overflow folded back times 5
            long carry = d0High + (d0Low >>> 44);
            a0 = d0Low & MASK_44;
            d1Low += carry;
            carry = d1High + (d1Low >>> 44);
            a1 = d1Low & MASK_44;
            d2Low += carry;
            carry = (d2High << 2) + (d2Low >>> 42);
            a2 = d2Low & MASK_42;
            a0 += carry * 5;
            carry = a0 >>> 44;
            a0 &= MASK_44;
            a1 += carry;
        }
        h0 = a0;
        h1 = a1;
        h2 = a2;
    }

    /**
     * Writes the 16-byte tag and clears the state.
     *
     * @param tag destination
     * @param offset first tag byte
     */
    void finish(final byte[] tag, final int offset) {
        Objects.checkFromIndexSize(offset, BLOCK_LENGTH, tag.length);
        long a0 = h0;
        long a1 = h1;
        long a2 = h2;
        for (int round = 0; round < 2; round++) {
            long carry = a1 >>> 44;
            a1 &= MASK_44;
            a2 += carry;
            carry = a2 >>> 42;
            a2 &= MASK_42;
            a0 += carry * 5;
            carry = a0 >>> 44;
            a0 &= MASK_44;
            a1 += carry;
        }
        // g = h + 5 - 2^130; keep h when g is negative, selected by mask
        long g0 = a0 + 5;
        long carry = g0 >>> 44;
        g0 &= MASK_44;
        long g1 = a1 + carry;
        carry = g1 >>> 44;
        g1 &= MASK_44;
        final long g2 = a2 + carry - (1L << 42);
        final long useG = (g2 >>> 63) - 1;
        a0 = (a0 & ~useG) | (g0 & useG);
        a1 = (a1 & ~useG) | (g1 & useG);
        a2 = (a2 & ~useG) | (g2 & useG);
        // to radix 2^64, then add s modulo 2^128
        final long f0 = a0 | (a1 << 44);
        final long f1 = (a1 >>> 20) | (a2 << 24);
        final long t0 = f0 + s0;
        final long sumCarry = ((f0 & s0) | ((f0 | s0) & ~t0)) >>> 63;
        final long t1 = f1 + s1 + sumCarry;
        LONG_LE.set(tag, offset, t0);
        LONG_LE.set(tag, offset + 8, t1);
        clear();
    }

    /** Zeroes key and accumulator. */
    void clear() {
        r0 = 0;
        r1 = 0;
        r2 = 0;
        s0 = 0;
        s1 = 0;
        h0 = 0;
        h1 = 0;
        h2 = 0;
        q0 = 0;
        q1 = 0;
        q2 = 0;
    }
}
