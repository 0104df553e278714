package org.cipherpost.cli.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.vault.Device;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vault device ls}: list the devices. */
@Command(name = "ls",
        aliases = "list",
        mixinStandardHelpOptions = true,
        description = "List the devices that can open the vault; '*' marks this one.",
        footer = {"", "Example:", "  cipherpost vault device ls --json"})
final class DeviceListCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--json", description = "Print a JSON array for scripts.")
    boolean json;

    DeviceListCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open()) {
            final List<Device> devices = vault.devices();
            if (json) {
                context.out().println(json(devices));
            } else {
                for (final Device device : devices) {
                    context.out().println((device.current() ? "* " : "  ") + device.id() + "  " + device.recipient()
                            + "  " + Printables.clean(device.name()));
                }
            }
            context.out().flush();
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }

    /** Formats the devices as a JSON array. */
    private static String json(final List<Device> devices) throws IOException {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (final Device device : devices) {
                json.writeStartObject();
                json.writeStringField("id", device.id());
                json.writeStringField("name", device.name());
                json.writeStringField("recipient", device.recipient());
                json.writeBooleanField("current", device.current());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return text.toString();
    }
}
