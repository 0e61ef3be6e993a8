package org.nanoos.labhub.connectors.slurm;

import java.util.List;

/**
 * Values an attacker or an accident could put into any field: shell metacharacters, directive injection across a
 * newline, option look-alikes, control, format and separator characters, Unicode look-alikes of {@code #},
 * {@code /} and {@code .}, and oversized text.
 */
final class HostileValues {

    private HostileValues() {
    }

    /** The values; {@code canary} is an absolute path a successful injection would create. */
    static List<String> all(String canary) {
        return List.of(
                ";", "a;b", "x; touch " + canary, "$(touch " + canary + ")", "`touch " + canary + "`",
                "'", "\"", "a'b", "x'; touch " + canary + "; echo '", "\"; touch " + canary + "; \"",
                "x\n#SBATCH --partition=evil", "x\n#SBATCH --wrap=touch " + canary, "\n#SBATCH --account=evil",
                "x\r#SBATCH --qos=evil", "\r", "a\rb", "\u0000", "a\u0000b", "\n", "\t", "a b",
                "--partition=evil", "--wrap=touch " + canary, "-x", "-", "--",
                "\uFF03SBATCH --partition=evil", "\u2028#SBATCH --partition=evil", "a\u2029b", "\u202Eevil",
                "\u2066x\u2069", "a\u200Bb", "a\u0085b", "a\u00A0b", "\uD800", "\u001B[31m",
                "$HOME", "${HOME}", "$((1+1))", "*", "?", "[a]", "{a,b}", "~", "!", "&", "|", "a|b", ">", "<",
                "\\", "#", "a#b", "%", "%j", "=", ",",
                "../../etc", "/etc/passwd", "a/b", "..", ".",
                "\u2215etc", "a\u2024b", "\uFF0Fetc", "\uFF0E\uFF0E",
                "hetjob", "mypackjob", "HetJob",
                "x".repeat(5000), "a".repeat(65), "");
    }
}
