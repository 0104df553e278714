package org.cipherpost.plugin.yubikey;

import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import java.io.IOException;
import java.util.List;

/** Opens connections to the smart cards present now. */
interface CardSource {
    /**
     * Connects to every card present.
     *
     * @return open connections, which the caller closes
     * @throws IOException when the card service cannot be reached
     */
    List<SmartCardConnection> connectAll() throws IOException;
}
