package org.cipherpost.cli.plugin;

import java.time.InstantSource;
import org.cipherpost.api.ApiVersion;
import org.cipherpost.api.HostContext;

/**
 * The context each plugin's extensions receive: no passphrase, identity or device key.
 *
 * @param pluginId the plugin's id
 * @param clock the clock
 */
record StandardHostContext(String pluginId, InstantSource clock) implements HostContext {
    @Override
    public String apiVersion() {
        return ApiVersion.CURRENT;
    }
}
