package org.nanoos.labhub.connectors.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The templates shipped in {@code config/job-templates}, and small ones for tests. */
final class Templates {

    /** The shipped templates' directory, from the connectors module's directory (where Maven runs tests). */
    static final Path DIR = Path.of("..", "config", "job-templates").toAbsolutePath().normalize();

    private Templates() {
    }

    static Map<String, JobTemplate> shipped() {
        if (!Files.isDirectory(DIR)) {
            throw new IllegalStateException("no template directory at " + DIR);
        }
        try {
            return JobTemplateLoader.loadAll(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A template that writes its parameters back into files byte for byte: {@code text} (any printable text up to 4096
     * characters) into {@code value.txt}, and the {@code words} list NUL-separated into {@code words.bin}.
     */
    static JobTemplate echo() {
        return JobTemplateLoader.parse("echo-test", """
                name: echo-test
                title: writes its parameters back
                parameters:
                  text:
                    type: string
                    pattern: '.{0,4096}'
                    default: ''
                  words:
                    type: list
                    pattern: '.{0,4096}'
                    maxItems: 200
                    default: []
                outputs: [value.txt, words.bin]
                """, """
                printf '%s' "$LABHUB_PARAM_TEXT" > value.txt
                : > words.bin
                for w in "${LABHUB_PARAM_WORDS[@]}"; do
                  printf '%s\\0' "$w" >> words.bin
                done
                """);
    }
}
