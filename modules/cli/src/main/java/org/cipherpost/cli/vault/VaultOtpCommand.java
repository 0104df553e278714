package org.cipherpost.cli.vault;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.cli.PassphraseOptions;
import org.cipherpost.crypto.SecretBytes;
import org.cipherpost.vault.Entry;
import org.cipherpost.vault.Field;
import org.cipherpost.vault.Fields;
import org.cipherpost.vault.OtpAuth;
import org.cipherpost.vault.TotpCode;
import org.cipherpost.vault.TotpGeneratorFactory;
import org.cipherpost.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault otp}: the current TOTP code from an entry's {@code otpauth} field. */
@Command(name = "otp",
        mixinStandardHelpOptions = true,
        description = {"Print the current TOTP code from the entry's otpauth field.",
            "Computes the time-based one-time code (RFC 6238) from the entry's 'otpauth: otpauth://totp/...' field; stderr says how long it stays valid."},
        footer = {"", "Examples:", "  cipherpost vault otp example.com", "  ciphey otp example.com --clip"})
final class VaultOtpCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    VaultLocation location;

    @Mixin
    PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "Entry name.")
    String name;

    @Option(names = "--clip", description = "Copy the code to the clipboard instead of writing it to stdout.")
    boolean clip;

    VaultOtpCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        try (Vault vault = new VaultOpener(context, location, passphrase).open();
             Entry entry = vault.get(name)) {
            final Optional<Field> uri = entry.first(Fields.OTPAUTH);
            if (uri.isEmpty()) {
                throw new CliException(ExitCodes.GENERIC, "entry [" + name + "] has no otpauth field");
            }
            try (SecretBytes value = uri.get().value();
                 OtpAuth otp = OtpAuth.parse(value);
                 TotpCode code = TotpGeneratorFactory.newTotpGenerator(otp).generate(Clock.systemUTC().instant());
                 SecretBytes digits = code.code()) {
                if (clip) {
                    new StandardClipboard(context).copy(digits, "the code for [" + name + "]");
                } else {
                    try (OutputStream out = RawOutput.of(context)) {
                        out.write(digits.bytes());
                        out.write('\n');
                    }
                }
                context.err().println("cipherpost: valid for " + code.secondsRemaining() + " s more (period "
                        + otp.period() + " s)");
            }
        } catch (final IOException | GeneralSecurityException | RuntimeException e) {
            throw VaultFailures.map(e);
        }
        return ExitCodes.OK;
    }
}
