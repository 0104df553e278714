package org.cipherpost.plugin.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.cipherpost.api.MaterialException;

/** ASCII armor (RFC 9580 section 6) of a key block: one block in, checksum checked; no headers out. */
final class PgpArmor {
    private static final String BEGIN = "-----BEGIN PGP ";
    private static final String END = "-----END PGP ";

    private PgpArmor() {
    }

    /**
     * Tells whether the input is armored.
     *
     * @param input input bytes
     * @return true when an armor header line is present
     */
    static boolean isArmored(final byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1).contains(BEGIN);
    }

    /**
     * Removes the armor of one PUBLIC or PRIVATE KEY BLOCK.
     *
     * @param input armored text
     * @return binary packets
     * @throws MaterialException when the block is not a key block, is damaged, or more text follows it
     */
    static byte[] decode(final byte[] input) throws MaterialException {
        final String text = new String(input, StandardCharsets.ISO_8859_1);
        final int begin = text.indexOf(BEGIN);
        final String header = text.substring(begin, Math.max(begin, text.indexOf('\n', begin))).strip();
        if (!header.equals("-----BEGIN PGP PUBLIC KEY BLOCK-----")
                && !header.equals("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "armor is not a PGP key block");
        }
        final int end = text.indexOf(END, begin);
        final int endLine = end < 0 ? -1 : text.indexOf("-----", end + END.length());
        if (endLine < 0) {
            throw new MaterialException(MaterialException.Reason.MALFORMED, "armor has no END line");
        }
        final String after = text.substring(endLine + 5);
        if (after.contains(BEGIN)) {
            throw new MaterialException(MaterialException.Reason.NOT_SUPPORTED,
                    "more than one armored block; send one key at a time");
        }
        if (!after.isBlank()) {
            throw new MaterialException(MaterialException.Reason.TRAILING_DATA, "trailing text after armored key");
        }
        try (ArmoredInputStream in = ArmoredInputStream.builder().setIgnoreCRC(false)
                .build(new ByteArrayInputStream(input, begin, endLine + 5 - begin))) {
            final byte[] binary = in.readAllBytes();
            if (binary.length == 0) {
                throw new MaterialException(MaterialException.Reason.MALFORMED, "armored key is empty");
            }
            return binary;
        } catch (final IOException | RuntimeException e) {
            if (e instanceof MaterialException material) {
                throw material;
            }
            throw new MaterialException(MaterialException.Reason.MALFORMED, "armor decode failed");
        }
    }

    /**
     * Armors binary packets; the block type (public or private) follows the first packet.
     *
     * @param binary packets
     * @return armored text with LF line ends and no Version or Comment header
     */
    static byte[] encode(final byte[] binary) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(binary.length * 4 / 3 + 128);
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armor.write(binary);
        } catch (final IOException e) {
            throw new IllegalStateException("armor to memory failed", e);
        }
        return new String(out.toByteArray(), StandardCharsets.US_ASCII).replace("\r\n", "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
