package org.example.cipherpost.otpauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import org.cipherpost.api.HostContext;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.PreviewLine;
import org.junit.jupiter.api.Test;

class OtpauthUriTypeTest {
    private final OtpauthUriType type = new OtpauthUriType(new HostContext() {
        @Override
        public String apiVersion() {
            return "1.0.0";
        }

        @Override
        public InstantSource clock() {
            return InstantSource.system();
        }

        @Override
        public String pluginId() {
            return "material-otpauth";
        }
    });

    @Test
    void previewNamesTheAccountButNotTheSecret() throws Exception {
        final byte[] canonical = type.ingest(("  otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=Example&digits=8\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8",
                new String(canonical, StandardCharsets.UTF_8));
        final List<PreviewLine> lines = type.preview(canonical);
        assertEquals(PreviewLine.of("Account", "Example:alice@example.com"), lines.get(2));
        assertEquals(PreviewLine.of("Digits", "8"), lines.get(4));
        assertFalse(lines.toString().contains("JBSWY3DPEHPK3PXP"));
    }

    @Test
    void rejectsOtherInputWithoutQuotingIt() {
        final MaterialException e = assertThrows(MaterialException.class,
                () -> type.ingest("otpauth://totp/x?secret=not-base32!".getBytes(StandardCharsets.UTF_8)));
        assertEquals("missing or non-Base32 secret parameter", e.getMessage());
        assertThrows(MaterialException.class, () -> type.ingest("https://example.com".getBytes(StandardCharsets.UTF_8)));
    }
}
