package org.cipherpost.cli.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cipherpost.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vault otp} against an independent RFC 6238 computation at the current time. */
class VaultOtpCommandTest {
    /** The RFC 6238 SHA-1 test key "12345678901234567890" in Base32. */
    static final String SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @TempDir
    java.nio.file.Path root;

    /** Computes a 6-digit TOTP code the RFC 6238 way, independently of the vault's generator. */
    static String expected(final long epochSecond) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
        final byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSecond / 30).array());
        final int offset = hash[hash.length - 1] & 0x0f;
        final int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return "%06d".formatted(binary % 1_000_000);
    }

    @Test
    void printsTheCurrentCode() throws Exception {
        final VaultCli cli = VaultCli.in(root);
        assertEquals(0, cli.init().exitCode());
        final String entry = "pw\notpauth: otpauth://totp/Example:alice?secret=" + SECRET_BASE32 + "&issuer=Example\n";
        assertEquals(0, cli.withStdin(entry).vault("add", "site", "--stdin").exitCode());
        final long before = Instant.now().getEpochSecond();
        final VaultCli.Result code = cli.vault("otp", "site");
        final long after = Instant.now().getEpochSecond();
        assertEquals(0, code.exitCode(), code::describe);
        assertTrue(List.of(expected(before) + "\n", expected(after) + "\n").contains(code.out()), code::describe);
        assertTrue(code.err().matches("(?s)cipherpost: valid for ([1-9]|[12][0-9]|30) s more \\(period 30 s\\)\\R"), code::describe);

        assertEquals(0, cli.withStdin("pw\n").vault("add", "plain", "--stdin").exitCode());
        final VaultCli.Result none = cli.vault("otp", "plain");
        assertEquals(ExitCodes.GENERIC, none.exitCode(), none::describe);
        assertTrue(none.err().contains("has no otpauth field"), none::describe);
    }
}
