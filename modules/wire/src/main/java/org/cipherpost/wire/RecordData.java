package org.cipherpost.wire;

/**
 * The data of one DNS resource record in a PKARR packet, by record type.
 */
public sealed interface RecordData permits TxtData, AddressData, CnameData, SvcbData, UnknownData {

    /**
     * Returns the IANA record type code (A = 1, CNAME = 5, TXT = 16, AAAA = 28, SVCB = 64, HTTPS = 65).
     *
     * @return record type code
     */
    int type();
}
