package org.cipherpost.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * Encodes records as a PKARR DNS answer packet and reads them back, using dnsjava.
 *
 * <pre>
 * header: ID 0, flags QR (0x8000), QDCOUNT 0, ANCOUNT n, NSCOUNT 0, ARCOUNT 0
 * answers: class IN, names absolute under the key's z-base-32 origin, compressed (RFC 1035 4.1.4)
 * </pre>
 */
final class DnsPacketCodec {
    private static final int CHARACTER_STRING_MAX = 255;

    private DnsPacketCodec() {
    }

    /**
     * Encodes records as an answer packet.
     *
     * @param origin origin name of the signing key
     * @param records records with names relative to the origin
     * @param compress true for RFC 1035 name compression (what PKARR asks for), false for plain names
     * @return packet bytes
     * @throws IOException when a name or record cannot be encoded
     */
    static byte[] encode(final Name origin, final List<ResourceRecord> records, final boolean compress)
            throws IOException {
        final Message message = new Message(0);
        message.getHeader().setFlag(Flags.QR);
        final List<Record> dnsRecords = new ArrayList<>(records.size());
        for (final ResourceRecord record : records) {
            final Record dnsRecord;
            try {
                dnsRecord = toDns(record, origin);
            } catch (final RuntimeException e) {
                throw new IOException(String.format("Record [%s] not valid: %s", record.name(), e.getMessage()), e);
            }
            dnsRecords.add(dnsRecord);
            message.addRecord(dnsRecord, Section.ANSWER);
        }
        if (compress) {
            return message.toWire();
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(message.getHeader().toWire());
        for (final Record dnsRecord : dnsRecords) {
            out.writeBytes(dnsRecord.toWire(Section.ANSWER));
        }
        return out.toByteArray();
    }

    /**
     * Reads the answer records of a packet, compressed or not.
     *
     * @param packet packet bytes
     * @param origin origin name of the signing key
     * @return records with names relative to the origin
     * @throws IOException when the packet is not a valid DNS message
     */
    static List<ResourceRecord> decode(final byte[] packet, final Name origin) throws IOException {
        final Message message;
        try {
            message = new Message(packet);
        } catch (final IOException | RuntimeException e) {
            throw new IOException("DNS packet not valid: " + e.getMessage(), e);
        }
        final List<ResourceRecord> records = new ArrayList<>();
        for (final Record dnsRecord : message.getSection(Section.ANSWER)) {
            try {
                records.add(new ResourceRecord(RecordNames.relative(dnsRecord.getName(), origin), dnsRecord.getTTL(),
                        fromDns(dnsRecord)));
            } catch (final RuntimeException e) {
                throw new IOException("DNS record not valid: " + e.getMessage(), e);
            }
        }
        return List.copyOf(records);
    }

    private static Record toDns(final ResourceRecord record, final Name origin) throws IOException {
        final Name name = RecordNames.absolute(record.name(), origin);
        final long ttl = record.ttl();
        return switch (record.data()) {
            case TxtData txt -> newRecord(name, TxtData.TYPE, ttl, txtRdata(txt.value()));
            case AddressData address -> address.address() instanceof Inet4Address
                    ? new ARecord(name, DClass.IN, ttl, address.address())
                    : new AAAARecord(name, DClass.IN, ttl, address.address());
            case CnameData cname -> new CNAMERecord(name, DClass.IN, ttl, absoluteName(cname.target()));
            case SvcbData svcb -> newRecord(name, svcb.type(), ttl, svcbRdata(svcb));
            case UnknownData unknown -> newRecord(name, unknown.type(), ttl, unknown.rdata());
        };
    }

    private static RecordData fromDns(final Record dnsRecord) throws IOException {
        return switch (dnsRecord) {
            case TXTRecord txt -> new TxtData(join(txt.getStringsAsByteArrays()));
            case ARecord a -> new AddressData(InetAddress.getByAddress(a.rdataToWireCanonical()));
            case AAAARecord aaaa -> new AddressData(Inet6Address.getByAddress(null, aaaa.rdataToWireCanonical(), null));
            case CNAMERecord cname -> new CnameData(cname.getTarget().toString(true));
            case SVCBBase svcb -> svcbData(svcb);
            default -> new UnknownData(dnsRecord.getType(), dnsRecord.rdataToWireCanonical());
        };
    }

    private static Record newRecord(final Name name, final int type, final long ttl, final byte[] rdata)
            throws IOException {
        final Record dnsRecord = Record.newRecord(name, type, DClass.IN, ttl, rdata);
        if (dnsRecord == null) {
            throw new IOException(String.format("Record data of type [%d] not valid", type));
        }
        return dnsRecord;
    }

    private static byte[] txtRdata(final byte[] value) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + value.length / 255 + 1);
        int offset = 0;
        do {
            final int length = Math.min(CHARACTER_STRING_MAX, value.length - offset);
            out.write(length);
            out.write(value, offset, length);
            offset += length;
        } while (offset < value.length);
        return out.toByteArray();
    }

    private static byte[] join(final List<byte[]> strings) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] string : strings) {
            out.writeBytes(string);
        }
        return out.toByteArray();
    }

    private static byte[] svcbRdata(final SvcbData svcb) throws IOException {
        final DNSOutput out = new DNSOutput();
        out.writeU16(svcb.priority());
        out.writeByteArray(absoluteName(svcb.target()).toWire());
        for (final Map.Entry<Integer, byte[]> param : svcb.unsafeParams().entrySet()) {
            out.writeU16(param.getKey());
            out.writeU16(param.getValue().length);
            out.writeByteArray(param.getValue());
        }
        return out.toByteArray();
    }

    private static SvcbData svcbData(final SVCBBase svcb) {
        final Map<Integer, byte[]> params = new TreeMap<>();
        for (final int key : new TreeSet<>(svcb.getSvcParamKeys())) {
            params.put(key, svcb.getSvcParamValue(key).toWire());
        }
        return new SvcbData(svcb.getType() == SvcbData.TYPE_HTTPS, svcb.getSvcPriority(),
                svcb.getTargetName().toString(true), params);
    }

    private static Name absoluteName(final String text) throws IOException {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (final TextParseException e) {
            throw new IOException(String.format("Name [%s] not valid: %s", text, e.getMessage()), e);
        }
    }
}
