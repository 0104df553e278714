package org.cipherpost.crypto.internal.age;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.ChaCha20ParameterSpec;

/**
 * RFC 8439 ChaCha20-Poly1305 built from the JDK's ChaCha20 (an intrinsic) and our {@link Poly1305}.
 *
 * <p>Block 0 of the keystream gives the one-time Poly1305 key, blocks 1.. encrypt the chunk, and the
 * tag covers the ciphertext padded to 16 bytes followed by the little-endian lengths (no AAD).
 */
final class StandardChunkCipher implements ChunkCipher {
    private static final String ALGORITHM = "ChaCha20";

    private static final byte[] ZERO_BLOCK = new byte[64];

    private final Cipher cipher;

    private final SecretKey key;

    private final Poly1305 poly1305 = new Poly1305();

    private final byte[] keyBlock = new byte[64];

    private final byte[] padBlock = new byte[Poly1305.BLOCK_LENGTH];

    private final byte[] tag = new byte[TAG_LENGTH];

    /**
     * Creates a chunk cipher for one payload key.
     *
     * @param key ChaCha20 payload key
     * @throws GeneralSecurityException when ChaCha20 is not available
     */
    StandardChunkCipher(final SecretKey key) throws GeneralSecurityException {
        this.key = Objects.requireNonNull(key, "Payload Key required");
        this.cipher = Cipher.getInstance(ALGORITHM);
    }

    @Override
    public int seal(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset,
            final long counter, final boolean last) throws GeneralSecurityException {
        checkLength(length, PLAIN_CHUNK);
        start(Cipher.ENCRYPT_MODE, counter, last);
        final int written = cipher.doFinal(in, inOffset, length, out, outOffset);
        authenticate(out, outOffset, written);
        poly1305.finish(out, outOffset + written);
        return written + TAG_LENGTH;
    }

    @Override
    public int open(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset,
            final long counter, final boolean last) throws GeneralSecurityException {
        checkLength(length, SEALED_CHUNK);
        if (length < TAG_LENGTH) {
            throw new AEADBadTagException("Chunk shorter than its tag");
        }
        final int sealedLength = length - TAG_LENGTH;
        start(Cipher.DECRYPT_MODE, counter, last);
        authenticate(in, inOffset, sealedLength);
        poly1305.finish(tag, 0);
        int difference = 0;
        for (int i = 0; i < TAG_LENGTH; i++) {
            difference |= tag[i] ^ in[inOffset + sealedLength + i];
        }
        Arrays.fill(tag, (byte) 0);
        if (difference != 0) {
            throw new AEADBadTagException("Chunk authentication failed");
        }
        return cipher.doFinal(in, inOffset, sealedLength, out, outOffset);
    }

    @Override
    public void close() {
        poly1305.clear();
        Arrays.fill(keyBlock, (byte) 0);
        Arrays.fill(tag, (byte) 0);
    }

    private void start(final int mode, final long counter, final boolean last) throws GeneralSecurityException {
        cipher.init(mode, key, new ChaCha20ParameterSpec(ChunkCipher.nonce(counter, last), 0));
        cipher.update(ZERO_BLOCK, 0, ZERO_BLOCK.length, keyBlock, 0);
        poly1305.init(keyBlock, 0);
        Arrays.fill(keyBlock, (byte) 0);
    }

    private void authenticate(final byte[] sealed, final int offset, final int length) {
        final int whole = length & -Poly1305.BLOCK_LENGTH;
        poly1305.blocks(sealed, offset, whole);
        if (whole < length) {
            Arrays.fill(padBlock, (byte) 0);
            System.arraycopy(sealed, offset + whole, padBlock, 0, length - whole);
            poly1305.blocks(padBlock, 0, Poly1305.BLOCK_LENGTH);
        }
        Arrays.fill(padBlock, (byte) 0);
        // AAD length 0, then ciphertext length, both little-endian 64-bit
        for (int i = 0; i < Long.BYTES; i++) {
            padBlock[Long.BYTES + i] = (byte) ((long) length >>> (8 * i));
        }
        poly1305.blocks(padBlock, 0, Poly1305.BLOCK_LENGTH);
    }

    private static void checkLength(final int length, final int maximum) {
        if (length < 0 || length > maximum) {
            throw new IllegalArgumentException("Chunk length [%d] not between [0] and [%d]".formatted(length, maximum));
        }
    }
}
