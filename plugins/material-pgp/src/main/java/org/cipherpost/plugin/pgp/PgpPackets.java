package org.cipherpost.plugin.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.Packet;
import org.bouncycastle.bcpg.PacketTags;
import org.cipherpost.api.MaterialException;

/** Walks an OpenPGP packet stream: every byte must belong to a packet, and exactly one primary key must lead it. */
final class PgpPackets {
    private PgpPackets() {
    }

    /**
     * Checks the packet stream.
     *
     * @param binary packets
     * @return true when the primary key is a secret key
     * @throws MaterialException when packets are malformed, the stream does not start with a primary key, or it holds
     *         more than one
     */
    static boolean check(final byte[] binary) throws MaterialException {
        if (binary.length == 0 || (binary[0] & 0x80) == 0) {
            throw new MaterialException(MaterialException.Reason.MALFORMED,
                    "not an OpenPGP key (expected binary packets or ASCII armor)");
        }
        int primaries = 0;
        boolean secret = false;
        boolean first = true;
        try (BCPGInputStream in = new BCPGInputStream(new ByteArrayInputStream(binary))) {
            int tag;
            while ((tag = in.nextPacketTag()) >= 0) {
                final Packet packet = in.readPacket();
                if (packet == null) {
                    throw new IOException("no packet");
                }
                if (tag == PacketTags.PUBLIC_KEY || tag == PacketTags.SECRET_KEY) {
                    primaries++;
                    if (first) {
                        secret = tag == PacketTags.SECRET_KEY;
                    }
                } else if (first) {
                    throw new MaterialException(MaterialException.Reason.MALFORMED,
                            "PGP packet stream does not start with a primary key");
                }
                first = false;
            }
        } catch (final IOException | RuntimeException e) {
            if (e instanceof MaterialException material) {
                throw material;
            }
            throw new MaterialException(MaterialException.Reason.MALFORMED, "malformed PGP packet stream");
        }
        if (primaries != 1) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED, "PgpKey must contain exactly one"
                    + " primary key; keyrings are not supported (found " + primaries + " primary keys)");
        }
        return secret;
    }
}
