package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch script's directives the way sbatch does (sbatch {@code opt.c}: {@code _opt_batch_script} and
 * {@code _get_argument}): lines starting with {@code #SBATCH} or {@code #SLURM}, from the top until the first line
 * that is neither a comment nor blank; each line split into arguments at unquoted white space, quotes and backslashes
 * removed, an unquoted {@code #} ending the line.
 */
final class SbatchHeader {

    private SbatchHeader() {
    }

    /** The arguments sbatch would take from the script's directives, in order. */
    static List<String> arguments(String script) {
        List<String> args = new ArrayList<>();
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String rest;
            if (line.startsWith("#SBATCH")) {
                rest = line.substring("#SBATCH".length());
            } else if (line.startsWith("#SLURM")) {
                rest = line.substring("#SLURM".length());
            } else {
                if (i > 0 && !line.isBlank() && !line.stripLeading().startsWith("#")) {
                    break; // sbatch stops at the first command
                }
                continue;
            }
            args.addAll(split(rest));
        }
        return args;
    }

    /** Every line of the script that starts with a directive word, wherever it is. */
    static List<String> directiveLinesAnywhere(String script) {
        List<String> out = new ArrayList<>();
        for (String line : script.split("\n", -1)) {
            if (line.startsWith("#SBATCH") || line.startsWith("#SLURM")) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            StringBuilder arg = new StringBuilder();
            boolean quoted = false;
            char q = 0;
            boolean comment = false;
            while (i < line.length() && (quoted || !Character.isWhitespace(line.charAt(i)))) {
                char c = line.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i < line.length()) {
                        arg.append(line.charAt(i++));
                    }
                    continue;
                }
                if (quoted) {
                    if (c == q) {
                        quoted = false;
                        i++;
                        continue;
                    }
                } else if (c == '"' || c == '\'') {
                    quoted = true;
                    q = c;
                    i++;
                    continue;
                } else if (c == '#') {
                    comment = true;
                    break;
                }
                arg.append(c);
                i++;
            }
            if (arg.length() > 0) {
                out.add(arg.toString());
            }
            if (comment) {
                break;
            }
        }
        return out;
    }
}
