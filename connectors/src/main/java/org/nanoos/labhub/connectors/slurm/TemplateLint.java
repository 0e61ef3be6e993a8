package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template body before it is ever used: no directives of its own, no characters that make a file read
 * differently than it runs, only variables the generator defines, every parameter used, and every expansion of a hub
 * variable inside double quotes (or in a here-document), so a value is never split into words or globbed.
 *
 * <p>The quoting check is conservative: it tracks single and double quotes, backslashes, comments and
 * here-documents line by line, not command substitutions nested inside double quotes, so it may refuse a correct
 * construct such as {@code "$(basename "$LABHUB_PARAM_X")"}; write such things in two steps. It never accepts an
 * unquoted expansion.
 */
final class TemplateLint {

    /** Variables the generator defines besides the parameters. */
    static final Set<String> SCALARS = Set.of("LABHUB_TEMPLATE", "LABHUB_TOKEN", "LABHUB_JOB_DIR", "LABHUB_EXE");
    /** Array variables the generator defines besides list parameters. */
    static final Set<String> ARRAYS = Set.of("LABHUB_LAUNCH");

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*(SBATCH|SLURM|PBS|BSUB)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BAD_CHAR = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}&&[^\\t\\n]]");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![$\\w{])LABHUB_[A-Z0-9_]*(\\[[^]]*])?\\+?=|"
            + "\\bunset\\s+(-[vf]\\s+)?LABHUB_");
    private static final Pattern NAME = Pattern.compile("LABHUB_[A-Z0-9_]*");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*(?:'([^']+)'|\"([^\"]+)\"|\\\\?([A-Za-z_][A-Za-z0-9_]*))");

    private TemplateLint() {
    }

    /**
     * Problems of {@code body} for a template with these parameters; empty when there are none.
     *
     * @param hasExecutable whether the descriptor names an executable ({@code LABHUB_EXE} is defined only then)
     */
    static List<String> check(String body, List<TemplateParameter> parameters, boolean hasExecutable) {
        List<String> problems = new ArrayList<>();
        if (body.isBlank()) {
            problems.add("the body is empty");
            return problems;
        }
        if (body.indexOf('\r') >= 0) {
            problems.add("the body has carriage returns (DOS line breaks); sbatch refuses such scripts");
        }
        Set<String> scalars = new HashSet<>(SCALARS);
        Set<String> arrays = new HashSet<>(ARRAYS);
        if (!hasExecutable) {
            scalars.remove("LABHUB_EXE");
        }
        for (TemplateParameter p : parameters) {
            (p.type() == TemplateParameter.Type.LIST ? arrays : scalars).add(p.variable());
        }
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            Matcher bad = BAD_CHAR.matcher(line.replace("\r", ""));
            if (bad.find()) {
                problems.add(String.format("line %d holds U+%04X (%s); bodies take printable text, tabs and"
                        + " newlines only", n, line.codePointAt(bad.start()),
                        Allowlist.characterName(line.codePointAt(bad.start()))));
            }
            if (DIRECTIVE.matcher(line).find()) {
                problems.add("line " + n + " is a scheduler directive; directives come only from the job's resources");
            }
            if (i == 0 && line.startsWith("#!")) {
                problems.add("line 1 is a #! line; the generator writes the interpreter line");
            }
            Matcher assign = ASSIGNMENT.matcher(line);
            if (assign.find() && !isComment(line, assign.start())) {
                problems.add("line " + n + " assigns or unsets a LABHUB_ variable; they are read-only");
            }
        }
        Set<String> used = new HashSet<>();
        scanExpansions(lines, scalars, arrays, used, problems);
        for (TemplateParameter p : parameters) {
            if (!used.contains(p.variable())) {
                problems.add("parameter '" + p.name() + "' is declared but the body never uses \"$" + p.variable()
                        + "\"");
            }
        }
        return problems;
    }

    private static boolean isComment(String line, int position) {
        int hash = line.indexOf('#');
        return hash >= 0 && hash < position && line.substring(0, hash).isBlank();
    }

    private enum Quote { NONE, SINGLE, DOUBLE }

    private record Heredoc(String delimiter, boolean stripTabs) {
    }

    private static void scanExpansions(String[] lines, Set<String> scalars, Set<String> arrays, Set<String> used,
            List<String> problems) {
        Quote quote = Quote.NONE;
        Deque<Heredoc> pending = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (!pending.isEmpty()) {
                Heredoc h = pending.peek();
                String candidate = h.stripTabs() ? line.replaceFirst("^\t+", "") : line;
                if (candidate.equals(h.delimiter())) {
                    pending.pop();
                } else {
                    // inside a here-document: expansions do not split or glob; check the names only
                    checkHeredocLine(line, n, scalars, arrays, used, problems);
                }
                continue;
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (quote == Quote.SINGLE) {
                    if (ch == '\'') {
                        quote = Quote.NONE;
                    } else if (line.startsWith("$LABHUB_", c) || line.startsWith("${LABHUB_", c)) {
                        problems.add("line " + n + " names a LABHUB_ variable inside single quotes, where it does"
                                + " not expand");
                    }
                    continue;
                }
                if (ch == '\\') {
                    c++;
                    continue;
                }
                if (quote == Quote.NONE) {
                    if (ch == '\'') {
                        quote = Quote.SINGLE;
                        continue;
                    }
                    if (ch == '#' && (c == 0 || " \t;&|(".indexOf(line.charAt(c - 1)) >= 0)) {
                        break; // comment to the end of the line
                    }
                    if (ch == '<' && line.startsWith("<<", c) && !line.startsWith("<<<", c)) {
                        Matcher h = HEREDOC.matcher(line);
                        if (h.find(c) && h.start() == c) {
                            String delimiter = h.group(2) != null ? h.group(2)
                                    : h.group(3) != null ? h.group(3) : h.group(4);
                            pending.add(new Heredoc(delimiter, !h.group(1).isEmpty()));
                            c = h.end() - 1;
                            continue;
                        }
                    }
                }
                if (ch == '"') {
                    quote = quote == Quote.DOUBLE ? Quote.NONE : Quote.DOUBLE;
                    continue;
                }
                if (ch == '$') {
                    Expansion e = expansion(line, c);
                    if (e != null) {
                        if (quote != Quote.DOUBLE) {
                            problems.add("line " + n + " expands $" + e.name() + " outside double quotes; write \"$"
                                    + e.name() + "\"");
                        }
                        checkName(e, n, scalars, arrays, used, problems);
                        c = e.end() - 1;
                    }
                }
            }
        }
        if (quote != Quote.NONE) {
            problems.add("the body ends inside " + quote.name().toLowerCase(Locale.ROOT) + " quotes");
        }
        if (!pending.isEmpty()) {
            problems.add("the here-document ending with '" + pending.peek().delimiter() + "' is never closed");
        }
    }

    private static void checkHeredocLine(String line, int n, Set<String> scalars, Set<String> arrays,
            Set<String> used, List<String> problems) {
        for (int c = line.indexOf('$'); c >= 0; c = line.indexOf('$', c + 1)) {
            if (c > 0 && line.charAt(c - 1) == '\\') {
                continue;
            }
            Expansion e = expansion(line, c);
            if (e != null) {
                checkName(e, n, scalars, arrays, used, problems);
            }
        }
    }

    private record Expansion(String name, boolean braced, String index, int end) {
    }

    /** The hub-variable expansion starting at {@code line[at] == '$'}, or null when it is not one. */
    private static Expansion expansion(String line, int at) {
        boolean braced = line.startsWith("${", at);
        int start = at + (braced ? 2 : 1);
        Matcher m = NAME.matcher(line);
        if (!m.find(start) || m.start() != start) {
            return null;
        }
        String name = m.group();
        int end = m.end();
        String index = null;
        if (braced) {
            if (end < line.length() && line.charAt(end) == '[') {
                int close = line.indexOf(']', end);
                if (close > 0) {
                    index = line.substring(end + 1, close);
                    end = close + 1;
                }
            }
            int brace = line.indexOf('}', end);
            end = brace < 0 ? line.length() : brace + 1;
        }
        return new Expansion(name, braced, index, end);
    }

    private static void checkName(Expansion e, int n, Set<String> scalars, Set<String> arrays, Set<String> used,
            List<String> problems) {
        if (arrays.contains(e.name())) {
            if (!"@".equals(e.index())) {
                problems.add("line " + n + " uses the array " + e.name() + " without [@]; write \"${" + e.name()
                        + "[@]}\"");
            }
        } else if (scalars.contains(e.name())) {
            if (e.index() != null) {
                problems.add("line " + n + " indexes " + e.name() + ", which is not an array");
            }
        } else {
            problems.add("line " + n + " uses " + e.name() + ", which the generator does not define (a parameter"
                    + " the descriptor does not declare?)");
            return;
        }
        used.add(e.name());
    }
}
