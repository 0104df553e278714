package org.cipherpost.cli.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cipherpost.crypto.Argon2Params;
import org.cipherpost.crypto.Identity;
import org.cipherpost.wire.ZBase32;

/**
 * The public facts of an identity, as text or JSON.
 *
 * @param z32 z-base-32 public key (the PKARR key)
 * @param opensshFingerprint OpenSSH SHA-256 fingerprint
 * @param opensshPublicKey OpenSSH public key line
 * @param ageRecipient derived age recipient
 * @param file identity file
 * @param kdf Argon2id parameters read from the file
 */
record IdentityView(String z32, String opensshFingerprint, String opensshPublicKey, String ageRecipient,
                    Path file, Argon2Params kdf) {
    static IdentityView of(final Identity identity, final Path file, final Argon2Params kdf) {
        return new IdentityView(ZBase32.encode(identity.publicKey()), identity.opensshFingerprint(),
                identity.opensshPublicKey(), identity.ageRecipient().encoded(), file, kdf);
    }

    void printText(final PrintWriter out) {
        out.println("Public key (z-base-32):  " + z32);
        out.println("OpenSSH fingerprint:     " + opensshFingerprint);
        out.println("OpenSSH public key:      " + opensshPublicKey);
        out.println("age recipient:           " + ageRecipient);
        out.println("Identity file:           " + file);
        out.println("Key derivation:          Argon2id m=" + kdf.memoryKiB() + " KiB, t=" + kdf.iterations()
                + ", p=" + kdf.parallelism());
        out.flush();
    }

    void printJson(final PrintWriter out) throws IOException {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("z32", z32);
            json.writeStringField("pkarr_uri", "pk:" + z32);
            json.writeStringField("openssh_fingerprint", opensshFingerprint);
            json.writeStringField("openssh_public_key", opensshPublicKey);
            json.writeStringField("age_recipient", ageRecipient);
            json.writeStringField("file", file.toString());
            json.writeObjectFieldStart("kdf");
            json.writeStringField("algorithm", "argon2id");
            json.writeNumberField("memory_kib", kdf.memoryKiB());
            json.writeNumberField("iterations", kdf.iterations());
            json.writeNumberField("parallelism", kdf.parallelism());
            json.writeEndObject();
            json.writeEndObject();
        }
        out.println(text);
        out.flush();
    }
}
