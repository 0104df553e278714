package org.cipherpost.vault;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a generated character password looks like: its length, the classes it draws from, and whether it must
 * contain at least one character of each class (applied only when the length is at least the number of classes).
 *
 * @param length number of characters, from 1 to {@link #MAXIMUM_LENGTH}
 * @param classes classes to draw from, at least one
 * @param eachClass true to require one character of every class when the length allows
 */
public record PasswordPolicy(int length, Set<CharacterClass> classes, boolean eachClass) {
    /** Length used when none is given: 24 characters of the full alphabet carry about 157 bits. */
    public static final int DEFAULT_LENGTH = 24;

    /** Longest password the generator makes. */
    public static final int MAXIMUM_LENGTH = 1024;

    /**
     * Checks the policy and freezes the classes.
     *
     * @param length number of characters, from 1 to {@link #MAXIMUM_LENGTH}
     * @param classes classes to draw from, at least one
     * @param eachClass true to require one character of every class when the length allows
     */
    public PasswordPolicy {
        if (length < 1 || length > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("Length [%d] not in range [1, %d]".formatted(length, MAXIMUM_LENGTH));
        }
        Objects.requireNonNull(classes, "Character Classes required");
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("Character Classes empty");
        }
        classes = Collections.unmodifiableSet(EnumSet.copyOf(classes));
    }

    /**
     * Returns the default policy for a length: letters, digits and symbols, at least one of each.
     *
     * @param length number of characters
     * @return policy
     */
    public static PasswordPolicy ofLength(final int length) {
        return new PasswordPolicy(length, EnumSet.allOf(CharacterClass.class), true);
    }

    /**
     * Returns this policy without symbols, for sites that refuse them.
     *
     * @return policy drawing from the remaining classes
     */
    public PasswordPolicy withoutSymbols() {
        final EnumSet<CharacterClass> remaining = EnumSet.copyOf(classes);
        remaining.remove(CharacterClass.SYMBOLS);
        return new PasswordPolicy(length, remaining, eachClass);
    }

    /**
     * Tells whether generated passwords must hold one character of each class.
     *
     * @return true when required and the length allows it
     */
    boolean requiresEachClass() {
        return eachClass && length >= classes.size();
    }
}
