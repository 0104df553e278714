package org.cipherpost.api;

/** The kind of change a {@link StorageEvent} reports. */
public enum ChangeKind {
    /** A new entry. */
    ADD,
    /** An entry's content changed. */
    EDIT,
    /** An entry was renamed (its id stays). */
    MOVE,
    /** An entry was removed. */
    REMOVE,
    /** A device key was added and entry keys re-wrapped to it. */
    DEVICE_ADD,
    /** A device key was revoked and entry keys re-keyed. */
    DEVICE_REVOKE,
    /** Vault-wide metadata (manifest, index) changed. */
    METADATA
}
