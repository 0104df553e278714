package org.cipherpost.handoff;

/** Where a share or receipt lives on the network. */
public enum Layout {
    /** Its own salted BEP 44 item under the publisher's key (layout 2). */
    SALTED,
    /** A TXT record in the publisher's unsalted PKARR packet (cipherpost v1). */
    V1_PACKET,
    /** A chunked record ({@code protocol_version} 2) in its own salted item, its ciphertext in immutable items. */
    CHUNKED
}
