package org.nanoos.labhub.connectors.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How an argument vector becomes one POSIX shell command line. */
class ShellCommandTest {

    @Test
    void should_single_quote_every_argument_and_escape_embedded_quotes() {
        assertThat(ShellCommand.build(List.of("measure", "--sample", "Si wafer; rm -rf /")))
                .isEqualTo("'measure' '--sample' 'Si wafer; rm -rf /'");
        assertThat(ShellCommand.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellCommand.quote("")).isEqualTo("''");
        assertThat(ShellCommand.quote("'")).isEqualTo("''\\'''");
    }

    @Test
    void should_reject_control_and_format_characters_naming_the_argument() {
        assertThatThrownBy(() -> ShellCommand.build(List.of("echo", "ok", "a\nb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 2 holds the control or format character U+000A at position 1; commands take"
                        + " printable text only");
        for (String bad : List.of("\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u202e", "\u2028", "\ud800")) {
            assertThatThrownBy(() -> ShellCommand.build(List.of("echo", bad))).as("U+%04X", (int) bad.charAt(0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        List<String> nullArg = new ArrayList<>(List.of("echo"));
        nullArg.add(null);
        assertThatThrownBy(() -> ShellCommand.build(nullArg)).hasMessage("argument 1 is null");
    }

    @Test
    void should_take_only_a_plain_name_or_path_as_the_program() {
        assertThat(ShellCommand.build(List.of("/opt/xrd/bin/measure.sh"))).isEqualTo("'/opt/xrd/bin/measure.sh'");
        assertThat(ShellCommand.build(List.of("python3"))).isEqualTo("'python3'");
        for (String program : List.of("-c", "sh;id", "$(id)", "`id`", "a b", "a|b", "a>b", "~/x", "", "*")) {
            assertThatThrownBy(() -> ShellCommand.build(List.of(program))).as(program)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("program");
        }
    }

    @Test
    void should_bound_the_number_and_length_of_arguments() {
        assertThatThrownBy(() -> ShellCommand.build(List.of())).hasMessageContaining("empty command");
        assertThatThrownBy(() -> ShellCommand.build(Collections.nCopies(ShellCommand.MAX_ARGS + 1, "x")))
                .hasMessageContaining("too many arguments");
        assertThatThrownBy(() -> ShellCommand.build(List.of("echo", "x".repeat(ShellCommand.MAX_ARG_LENGTH + 1))))
                .hasMessageContaining("longer than");
        List<String> long16 = new ArrayList<>(List.of("echo"));
        long16.addAll(Collections.nCopies(16, "x".repeat(ShellCommand.MAX_ARG_LENGTH)));
        assertThatThrownBy(() -> ShellCommand.build(long16)).hasMessageContaining("command line longer than");
    }

    @Test
    void should_arrive_literally_in_a_real_posix_shell_for_random_printable_text() throws Exception {
        // 300 random arguments drawn mostly from shell metacharacters, echoed by the local /bin/sh, NUL-separated
        String alphabet = "'\"`$(){}[];&|<>*?~!#%^\\=,. -_abcXYZ019µ°θ\u00e9";
        Random random = new Random(20261121);
        List<String> args = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            StringBuilder arg = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                arg.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            args.add(arg.toString());
            script.append(ShellCommand.build(List.of("printf", "%s\\000", arg.toString()))).append('\n');
        }
        Process sh = new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
        byte[] output = sh.getInputStream().readAllBytes();
        assertThat(sh.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).isZero();
        String[] echoed = new String(output, StandardCharsets.UTF_8).split("\u0000", -1);
        assertThat(echoed).hasSize(args.size() + 1);
        for (int i = 0; i < args.size(); i++) {
            assertThat(echoed[i]).as("argument %d", i).isEqualTo(args.get(i));
        }
    }
}
