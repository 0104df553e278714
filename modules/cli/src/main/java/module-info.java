/** The cipherpost command line: picocli commands, the passphrase contract and exit-code mapping. */
module org.cipherpost.cli {
    requires org.cipherpost.crypto;
    requires org.cipherpost.wire;
    requires org.cipherpost.dht;
    requires org.cipherpost.material;
    requires org.cipherpost.vault;
    requires org.cipherpost.handoff;
    requires org.cipherpost.blob;
    requires org.cipherpost.api;
    requires org.pf4j;
    // Not used by the CLI itself: resolved so that plugins (unnamed modules) can use them, see docs/PLUGINS.md.
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.pg;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires jdk.net;

    opens org.cipherpost.cli to info.picocli;
    opens org.cipherpost.cli.identity to info.picocli;
    opens org.cipherpost.cli.vault to info.picocli;
    opens org.cipherpost.cli.dht to info.picocli;
    opens org.cipherpost.cli.handoff to info.picocli;
    opens org.cipherpost.cli.plugin to info.picocli;
}
