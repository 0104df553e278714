package org.cipherpost.vault;

import java.security.SecureRandom;

/** A SecureRandom that hands out scripted bytes, to drive rejection sampling through known draws. */
final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final byte[] script;
    private int position;

    ScriptedRandom(final int... script) {
        this.script = new byte[script.length];
        for (int i = 0; i < script.length; i++) {
            this.script[i] = (byte) script[i];
        }
    }

    @Override
    public void nextBytes(final byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = script[position++];
        }
    }

    int consumed() {
        return position;
    }

    /** Returns a SHA1PRNG seeded before first use, which makes its output repeatable. */
    static SecureRandom seeded(final long seed) {
        try {
            final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (final java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
