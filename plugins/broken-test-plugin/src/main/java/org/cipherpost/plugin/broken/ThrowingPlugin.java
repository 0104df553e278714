package org.cipherpost.plugin.broken;

import org.pf4j.Plugin;

/**
 * A plugin class whose start() throws. Not named in this jar's manifest: the tests copy the jar under another
 * Plugin-Id with {@code Plugin-Class: org.cipherpost.plugin.broken.ThrowingPlugin}.
 */
public final class ThrowingPlugin extends Plugin {
    @Override
    public void start() {
        throw new IllegalStateException("start failed");
    }
}
