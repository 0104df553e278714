package org.cipherpost.handoff;

/** Where the receipt of an accepted share stands. */
public enum ReceiptState {
    /** Published under the receiver's key. */
    PUBLISHED,
    /** Signed and recorded, not yet on the network (publishing failed). */
    PENDING,
    /** Not published: a self share (a receipt to oneself attests nothing). */
    NOT_NEEDED
}
