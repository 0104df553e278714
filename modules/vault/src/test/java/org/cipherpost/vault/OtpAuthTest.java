package org.cipherpost.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cipherpost.crypto.SecretBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** otpauth URI parsing: parameters, defaults, label forms, Base32 leniency and refusals without echoing secrets. */
class OtpAuthTest {
    private static final String HELLO = "JBSWY3DPEE";
    private static final byte[] HELLO_BYTES = "Hello!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void parsesEveryParameter() throws IOException {
        try (OtpAuth otp = parse("otpauth://totp/ACME%20Co:john.doe@email.com?secret=" + HELLO
                + "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60")) {
            assertEquals(Optional.of("ACME Co"), otp.issuer());
            assertEquals("john.doe@email.com", otp.account());
            assertEquals(TotpAlgorithm.SHA256, otp.algorithm());
            assertEquals(8, otp.digits());
            assertEquals(60, otp.period());
            assertSecret(otp);
        }
    }

    @Test
    void appliesDefaults() throws IOException {
        try (OtpAuth otp = parse("otpauth://totp/alice?secret=" + HELLO)) {
            assertEquals(TotpAlgorithm.SHA1, otp.algorithm());
            assertEquals(6, otp.digits());
            assertEquals(30, otp.period());
            assertEquals(Optional.empty(), otp.issuer());
            assertEquals("alice", otp.account());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "otpauth://totp/x?secret=JBSWY3DPEE",
        "otpauth://totp/x?secret=JBSWY3DPEE======",
        "otpauth://totp/x?secret=jbswy3dpee",
        "otpauth://totp/x?secret=jbsw%20y3dp%20ee",
        "otpauth://totp/x?secret=JBSW+Y3DP+EE",
        "otpauth://totp/x?secret=JBSWY3DPEE%3D%3D%3D%3D%3D%3D",
        "OTPAUTH://TOTP/x?SECRET=JBSWY3DPEE",
        "  otpauth://totp/x?secret=JBSWY3DPEE\r\n",
        "otpauth://totp/x?image=https%3A%2F%2Fexample.com%2Fa.png&secret=JBSWY3DPEE&lock=true&",
        "otpauth://totp/x?secret=JBSWY3DPEE#fragment",
        "otpauth://totp?secret=JBSWY3DPEE",
        "otpauth://totp/?secret=JBSWY3DPEE",
    })
    void acceptsBase32AndUriVariants(final String uri) throws IOException {
        try (OtpAuth otp = parse(uri)) {
            assertSecret(otp);
        }
    }

    @Test
    void labelIssuerAndAccount() throws IOException {
        try (OtpAuth otp = parse("otpauth://totp/Example%3A%20alice%40example.com?secret=" + HELLO)) {
            assertEquals(Optional.of("Example"), otp.issuer());
            assertEquals("alice@example.com", otp.account());
        }
        try (OtpAuth otp = parse("otpauth://totp/Label:bob?secret=" + HELLO + "&issuer=Param")) {
            assertEquals(Optional.of("Param"), otp.issuer());
            assertEquals("bob", otp.account());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "SHA-1", "Sha256", "SHA-512"})
    void algorithmNamesIgnoreCaseAndHyphen(final String name) throws IOException {
        try (OtpAuth otp = parse("otpauth://totp/x?secret=" + HELLO + "&algorithm=" + name)) {
            assertTrue(otp.algorithm().name().endsWith(name.replace("-", "").substring(3)));
        }
    }

    @Test
    void refusesHotpWithAClearMessage() {
        final IOException e = assertThrows(IOException.class,
                () -> parse("otpauth://hotp/x?secret=" + HELLO + "&counter=0"));
        assertEquals("Counter-based codes [hotp] not supported: only time-based codes [totp]", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://totp/x?secret=SECRETXX",
        "otpauth:/totp/x?secret=SECRETXX",
        "otpauth://steam/x?secret=SECRETXX",
        "otpauth://totp/x",
        "otpauth://totp/x?issuer=a",
        "otpauth://totp/x?secret=",
        "otpauth://totp/x?secret=%20%20",
        "otpauth://totp/x?secret=SECRET18",
        "otpauth://totp/x?secret=SECRETX0",
        "otpauth://totp/x?secret=SECR=ETXX",
        "otpauth://totp/x?secret=S",
        "otpauth://totp/x?secret=SEC",
        "otpauth://totp/x?secret=SECRET",
        "otpauth://totp/x?secret=SECRETXX&secret=SECRETXX",
        "otpauth://totp/x?secret=SECRETXX&algorithm=MD5",
        "otpauth://totp/x?secret=SECRETXX&algorithm=SECRETXX",
        "otpauth://totp/x?secret=SECRETXX&digits=5",
        "otpauth://totp/x?secret=SECRETXX&digits=9",
        "otpauth://totp/x?secret=SECRETXX&digits=six",
        "otpauth://totp/x?secret=SECRETXX&digits=",
        "otpauth://totp/x?secret=SECRETXX&period=0",
        "otpauth://totp/x?secret=SECRETXX&period=-30",
        "otpauth://totp/x?secret=SECRETXX&period=86401",
        "otpauth://totp/x?secret=SECRETXX&period=99999999999",
        "otpauth://totp/x?secret=SECRETXX&digits=6&digits=6",
        "otpauth://totp/x?secret=SECRE%G1TXX",
        "otpauth://totp/x?secret=SECRETXX%2",
    })
    void refusesInvalidUrisWithoutEchoingTheSecret(final String uri) {
        final IOException e = assertThrows(IOException.class, () -> parse(uri));
        assertFalse(e.getMessage().contains("SECRE"), e.getMessage());
        assertFalse(e.getMessage().contains("secre" + "txx"), e.getMessage());
    }

    @Test
    void messagesNameTheProblem() {
        assertMessage("otpauth://totp/x", "Parameter [secret] missing");
        assertMessage("otpauth://totp/x?secret=AB&secret=AB", "Parameter [secret] repeated");
        assertMessage("otpauth://totp/x?secret=AB&digits=9", "Parameter [digits] value [9] not in range [6, 8]");
        assertMessage("otpauth://totp/x?secret=AB&period=0", "Parameter [period] value [0] not in range [1, 86400]");
        assertMessage("otpauth://totp/x?secret=AB&algorithm=MD5",
                "Parameter [algorithm] not supported: expected [SHA1, SHA256, SHA512]");
        assertMessage("otpauth://totp/x?secret=A", "Secret Base32 length [1] not valid");
        assertMessage("otpauth://totp/x?secret=A1", "Secret not valid Base32");
        assertMessage("otpauth://x/y?secret=AB", "OTP type not supported: expected [totp]");
    }

    @Test
    void secretIsACopyAndCloseWipesIt() throws IOException {
        final OtpAuth otp = parse("otpauth://totp/x?secret=" + HELLO);
        try (SecretBytes copy = otp.secret()) {
            final byte[] live = otp.secretBytes();
            otp.close();
            assertTrue(otp.isDestroyed());
            assertArrayEquals(new byte[HELLO_BYTES.length], live);
            assertArrayEquals(HELLO_BYTES, copy.bytes());
        }
        assertThrows(IllegalStateException.class, otp::secret);
    }

    @Test
    void toStringShowsNoSecret() throws IOException {
        try (OtpAuth otp = parse("otpauth://totp/x?secret=" + HELLO)) {
            assertEquals("OtpAuth[totp, SHA1, 6 digits, 30 s]", otp.toString());
        }
    }

    @Test
    void readsTheOtpauthFieldOfAnEntry() throws IOException {
        final byte[] entryBytes = ("pw\nname: example\notpauth: otpauth://totp/Example:alice?secret=" + HELLO + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Entry entry = Entry.parse(entryBytes);
                SecretBytes uri = entry.first(Fields.OTPAUTH).orElseThrow().value();
                OtpAuth otp = OtpAuth.parse(uri)) {
            assertEquals("alice", otp.account());
            assertSecret(otp);
        }
    }

    private static void assertMessage(final String uri, final String message) {
        assertEquals(message, assertThrows(IOException.class, () -> parse(uri)).getMessage());
    }

    private static void assertSecret(final OtpAuth otp) {
        try (SecretBytes secret = otp.secret()) {
            assertArrayEquals(HELLO_BYTES, secret.bytes());
        }
    }

    private static OtpAuth parse(final String uri) throws IOException {
        try (SecretBytes bytes = SecretBytes.wrap(uri.getBytes(StandardCharsets.UTF_8))) {
            return OtpAuth.parse(bytes);
        }
    }
}
