package org.cipherpost.cli.dht;

import org.cipherpost.cli.Printable;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HexFormat;
import org.cipherpost.dht.PkarrResolution;
import org.cipherpost.wire.AddressData;
import org.cipherpost.wire.CnameData;
import org.cipherpost.wire.RecordData;
import org.cipherpost.wire.ResourceRecord;
import org.cipherpost.wire.SignedPacket;
import org.cipherpost.wire.SvcbData;
import org.cipherpost.wire.TxtData;
import org.cipherpost.wire.UnknownData;

/**
 * A resolved packet as text or JSON. Record contents come from whoever holds the key: text output escapes control
 * and formatting characters so a packet cannot drive the terminal.
 *
 * @param packet verified packet
 * @param resolution lookup counts
 * @param source where it came from ({@code the DHT} or {@code relay URL})
 */
record PacketView(SignedPacket packet, PkarrResolution resolution, String source) {

    /**
     * Prints the packet as aligned text, record contents escaped.
     *
     * @param out standard output
     */
    void printText(final PrintWriter out) {
        out.println("Public key:  pk:" + packet.publicKeyZ32());
        out.println("Timestamp:   " + iso(packet.timestamp()) + " (" + packet.timestamp() + " µs)");
        out.println("Source:      " + source + ": " + resolution.responded() + " answered, " + resolution.holding()
                + " held this packet");
        out.println("Records:     " + packet.records().size());
        int width = 1;
        for (final ResourceRecord record : packet.records()) {
            width = Math.max(width, Printable.escape(record.name()).length());
        }
        for (final ResourceRecord record : packet.records()) {
            out.printf("  %-" + width + "s %6d %-5s %s%n", Printable.escape(record.name()), record.ttl(),
                    type(record.data()), Printable.escape(value(record.data())));
        }
        out.flush();
    }

    /**
     * Prints the packet as JSON (record contents as JSON strings).
     *
     * @param out standard output
     * @throws IOException when the JSON cannot be written
     */
    void printJson(final PrintWriter out) throws IOException {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("public_key", packet.publicKeyZ32());
            json.writeStringField("pkarr_uri", "pk:" + packet.publicKeyZ32());
            json.writeStringField("timestamp", iso(packet.timestamp()));
            json.writeNumberField("timestamp_micros", packet.timestamp());
            json.writeStringField("source", source);
            json.writeNumberField("nodes_answered", resolution.responded());
            json.writeNumberField("nodes_holding", resolution.holding());
            json.writeArrayFieldStart("records");
            for (final ResourceRecord record : packet.records()) {
                json.writeStartObject();
                json.writeStringField("name", record.name());
                json.writeNumberField("ttl", record.ttl());
                json.writeStringField("type", type(record.data()));
                json.writeStringField("value", value(record.data()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.println(text);
        out.flush();
    }

    /**
     * Formats a microsecond timestamp as ISO-8601 with microseconds.
     *
     * @param micros UNIX time in microseconds
     * @return ISO-8601 instant
     */
    static String iso(final long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .toString();
    }

    private static String type(final RecordData data) {
        return switch (data) {
            case TxtData txt -> "TXT";
            case AddressData address -> address.type() == AddressData.TYPE_A ? "A" : "AAAA";
            case CnameData cname -> "CNAME";
            case SvcbData svcb -> svcb.https() ? "HTTPS" : "SVCB";
            case UnknownData unknown -> "TYPE" + unknown.type();
        };
    }

    private static String value(final RecordData data) {
        return switch (data) {
            case TxtData txt -> txt.text();
            case AddressData address -> address.address().getHostAddress();
            case CnameData cname -> cname.target();
            case SvcbData svcb -> svcb.priority() + " " + svcb.target() + " (" + svcb.params().size() + " params)";
            case UnknownData unknown -> HexFormat.of().formatHex(unknown.rdata());
        };
    }
}
