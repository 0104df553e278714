package org.cipherpost.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** Mutated and random DNS packets: the reader throws only IOException, whatever dnsjava does inside. */
class DnsPacketCodecFuzzTest {

    @Test
    void mutatedPacketsOnlyThrowIoException() throws Exception {
        final byte[] signed;
        try (InputStream in = DnsPacketCodecFuzzTest.class.getResourceAsStream("pkarr-js-1.3.0.bin")) {
            signed = in.readAllBytes();
        }
        final byte[] packet = Arrays.copyOfRange(signed, SignedPacket.HEADER_BYTES, signed.length);
        final Name origin = RecordNames.origin(Arrays.copyOf(signed, 32));
        final Random random = new Random(1035);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            final byte[] mutated = random.nextInt(10) == 0
                    ? Arrays.copyOf(packet, random.nextInt(packet.length))
                    : packet.clone();
            for (int m = 1 + random.nextInt(4); m > 0 && mutated.length > 0; m--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            accepted += decodeOrReject(mutated, origin);
        }
        for (int i = 0; i < 5_000; i++) {
            final byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            decodeOrReject(noise, origin);
        }
        assertTrue(accepted > 0, "some mutations should still parse");
    }

    private static int decodeOrReject(final byte[] packet, final Name origin) {
        try {
            DnsPacketCodec.decode(packet, origin);
            return 1;
        } catch (final IOException e) {
            return 0;
        } catch (final RuntimeException e) {
            fail("Unchecked exception for packet " + HexFormat.of().formatHex(packet), e);
            return 0;
        }
    }
}
