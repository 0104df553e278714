package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rejection sampling rejects the biased top of the 32-bit range and spreads draws evenly. */
class UniformIndexTest {
    @Test
    void rejectsDrawsAboveTheLargestMultipleOfTheBound() {
        // 2^32 mod 3 == 1, so 0xFFFFFFFF is the one biased draw for bound 3; the next draw 5 gives 5 mod 3
        final ScriptedRandom random = new ScriptedRandom(
                0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5);
        assertEquals(2, new UniformIndex(random).next(3));
        assertEquals(8, random.consumed());
    }

    @Test
    void acceptsTheLastUnbiasedDraw() {
        // 0xFFFFFFFE is below the limit 2^32 - 1 for bound 3, and 0xFFFFFFFE mod 3 == 2
        final ScriptedRandom random = new ScriptedRandom(0xff, 0xff, 0xff, 0xfe);
        assertEquals(2, new UniformIndex(random).next(3));
        assertEquals(4, random.consumed());
    }

    @Test
    void powerOfTwoBoundsNeverReject() {
        final ScriptedRandom random = new ScriptedRandom(0xff, 0xff, 0xff, 0xff);
        assertEquals(4095, new UniformIndex(random).next(4096));
        assertEquals(4, random.consumed());
    }

    @Test
    void rejectsBoundsBelowOne() {
        final UniformIndex index = new UniformIndex(new ScriptedRandom());
        assertThrows(IllegalArgumentException.class, () -> index.next(0));
    }

    @Test
    void drawsAreEvenlySpread() {
        final UniformIndex index = new UniformIndex(ScriptedRandom.seeded(6238));
        final int bound = 6;
        final int draws = 60_000;
        final int[] counts = new int[bound];
        for (int i = 0; i < draws; i++) {
            counts[index.next(bound)]++;
        }
        final double expected = (double) draws / bound;
        double chiSquare = 0;
        for (final int count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 20.52 is the chi-square critical value for 5 degrees of freedom at p = 0.001
        assertTrue(chiSquare < 20.52, "chi-square [" + chiSquare + "]");
    }
}
