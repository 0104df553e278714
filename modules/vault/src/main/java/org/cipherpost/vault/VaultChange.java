package org.cipherpost.vault;

/** The kind of change a {@link VaultHook} is told about. */
public enum VaultChange {
    /** A new entry. */
    ADD,
    /** New content for an entry. */
    EDIT,
    /** An entry removed. */
    REMOVE,
    /** An entry renamed. */
    MOVE,
    /** An entry copied under a new name (the event names the new entry). */
    COPY,
    /** A file attached as a new entry. */
    ATTACH,
    /** One entry's key granted to another person's recipient. */
    SHARE,
    /** A device granted access to every entry. */
    DEVICE_ADD,
    /** A device removed and every entry it could read re-keyed. */
    DEVICE_REVOKE
}
