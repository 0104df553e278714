package org.cipherpost.cli.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.cipherpost.api.MaterialException;
import org.cipherpost.api.MaterialType;
import org.cipherpost.cli.BinaryPrintWriter;
import org.cipherpost.cli.CliContext;
import org.cipherpost.cli.CliException;
import org.cipherpost.cli.ExitCodes;
import org.cipherpost.material.MaterialHandler;
import org.cipherpost.material.MaterialRegistry;
import org.cipherpost.material.PluginFailureException;
import org.cipherpost.material.UnknownMaterialTypeException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plugin preview TYPE FILE}: run a material type on a file exactly as {@code send} will, and print what the
 * recipient's acceptance screen will show (or the canonical bytes, or their text form).
 */
@Command(name = "preview",
        mixinStandardHelpOptions = true,
        description = {"Ingest FILE as material of TYPE (x509-cert, pgp-key, ssh-key, generic-secret or a plugin's",
            "type) and print the preview a recipient sees before accepting. Nothing is sent. Exit 1 with the",
            "reason when the file is not valid material of the type."},
        footer = {"", "Examples:", "  cipherpost plugin preview x509-cert server.pem",
            "  cipherpost plugin preview ssh-key ~/.ssh/id_ed25519.pub",
            "  cipherpost plugin preview pgp-key key.asc --canonical > key.pgp",
            "  cipherpost plugin preview x509-cert cert.der --armor"})
public final class PluginPreviewCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "TYPE", description = "Material type name.")
    String type;

    @Parameters(index = "1", paramLabel = "FILE", description = "Input file, or - for standard input.")
    String file;

    @ArgGroup(exclusive = true)
    Output output;

    /** What to print instead of the preview. */
    static final class Output {
        @Option(names = "--canonical", description = "Write the canonical bytes (what the envelope carries) to stdout.")
        boolean canonical;

        @Option(names = "--armor", description = "Write the text form (PEM, ASCII armor) to stdout.")
        boolean armor;
    }

    /** Creates the command with its context. */
    PluginPreviewCommand(final CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws CliException {
        final MaterialRegistry registry = PluginHost.materialRegistry(context);
        final MaterialHandler handler;
        try {
            handler = registry.byName(type);
        } catch (final UnknownMaterialTypeException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        final byte[] input = read();
        byte[] canonical = null;
        byte[] rendered = null;
        try {
            canonical = handler.ingest(input);
            if (output != null && output.canonical) {
                write(canonical);
            } else if (output != null && output.armor) {
                rendered = handler.render(canonical, MaterialType.ARMOR);
                write(rendered);
            } else {
                print(handler, canonical);
            }
            return ExitCodes.OK;
        } catch (final MaterialException e) {
            throw new CliException(ExitCodes.GENERIC, "invalid " + handler.name() + " material: " + e.getMessage(), e);
        } catch (final PluginFailureException e) {
            throw new CliException(ExitCodes.GENERIC, e.getMessage(), e);
        } finally {
            Arrays.fill(input, (byte) 0);
            if (canonical != null) {
                Arrays.fill(canonical, (byte) 0);
            }
            if (rendered != null) {
                Arrays.fill(rendered, (byte) 0);
            }
        }
    }

    private void print(final MaterialHandler handler, final byte[] canonical)
            throws MaterialException, PluginFailureException {
        context.out().println("Material:     " + handler.name() + " (" + handler.wireType() + ", " + canonical.length
                + " canonical bytes, from " + handler.origin() + ")");
        MaterialScreen.print(context.out(), handler.preview(canonical));
    }

    /** Writes raw bytes to standard output. */
    private void write(final byte[] bytes) throws CliException {
        try {
            context.out().flush();
            final OutputStream stream = rawStdout();
            stream.write(bytes);
            stream.flush();
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write to standard output: " + e.getMessage(), e);
        }
    }

    /** Returns standard output as bytes (the real stream when there is one). */
    private OutputStream rawStdout() {
        if (context.out() instanceof BinaryPrintWriter binary) {
            return binary.stream();
        }
        return new OutputStream() {
            @Override
            public void write(final int b) {
                context.out().write(b);
            }
        };
    }

    /** Reads the input file or standard input, at most the material cap. */
    private byte[] read() throws CliException {
        try {
            final byte[] bytes;
            if (file.equals("-")) {
                bytes = context.stdin().readNBytes(MaterialHandler.MAX_CANONICAL_BYTES + 1);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    bytes = in.readNBytes(MaterialHandler.MAX_CANONICAL_BYTES + 1);
                }
            }
            if (bytes.length > MaterialHandler.MAX_CANONICAL_BYTES) {
                Arrays.fill(bytes, (byte) 0);
                throw new CliException(ExitCodes.SIZE, "[" + file + "] is larger than "
                        + MaterialHandler.MAX_CANONICAL_BYTES + " bytes, the most a share holds");
            }
            return bytes;
        } catch (final NoSuchFileException e) {
            throw new CliException(ExitCodes.GENERIC, "no file at [" + file + "]", e);
        } catch (final IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read [" + file + "]: " + e.getMessage(), e);
        }
    }
}
