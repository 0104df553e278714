package org.cipherpost.plugin.yubikey;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/** Reads the PIN and management key on the user's terminal ({@link TerminalPrompt}); fails clearly without one. */
final class ConsolePinSource implements PinSource {
    @Override
    public char[] pin(final long serial) throws IOException {
        final char[] pin = TerminalPrompt.readHidden("YubiKey [" + serial + "] PIV PIN: ");
        if (pin == null || pin.length == 0) {
            throw new IOException("No PIN entered for YubiKey [" + serial + "]");
        }
        return pin;
    }

    @Override
    public void touchNeeded(final long serial) {
        TerminalPrompt.notice("Touch YubiKey [" + serial + "] now (its light flashes)");
    }

    @Override
    public byte[] managementKey(final long serial) throws IOException {
        final char[] hex = TerminalPrompt.readHidden("YubiKey [" + serial + "] PIV management key (hex): ");
        if (hex == null) {
            throw new IOException("No management key entered for YubiKey [" + serial + "]");
        }
        try {
            if (hex.length % 2 != 0) {
                throw new IOException("Management key is not hex");
            }
            final byte[] key = new byte[hex.length / 2];
            for (int i = 0; i < key.length; i++) {
                if (!HexFormat.isHexDigit(hex[2 * i]) || !HexFormat.isHexDigit(hex[2 * i + 1])) {
                    Arrays.fill(key, (byte) 0);
                    throw new IOException("Management key is not hex");
                }
                key[i] = (byte) (HexFormat.fromHexDigit(hex[2 * i]) << 4 | HexFormat.fromHexDigit(hex[2 * i + 1]));
            }
            return key;
        } finally {
            Arrays.fill(hex, '\0');
        }
    }
}
