package org.nanoos.labhub.connectors.ssh;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the command line an SSH server hands to the account's login shell ({@code $SHELL -c "<line>"}) from an
 * argument vector: every element is checked against a safe pattern and then single-quoted for a POSIX shell, so
 * {@code ;}, {@code $(...)}, backticks, globs and redirections arrive as literal text. The remote login shell must be
 * POSIX ({@code sh}, {@code bash}, {@code dash}, {@code zsh}); on a Windows instrument PC set OpenSSH's
 * {@code DefaultShell} to a POSIX shell (Git Bash, Cygwin, MSYS2), because {@code cmd.exe} does not understand single
 * quotes.
 *
 * <p>Example: {@code ShellCommand.build(List.of("measure", "--sample", "Si wafer; rm -rf /"))} gives
 * {@code 'measure' '--sample' 'Si wafer; rm -rf /'}.
 */
public final class ShellCommand {

    /** Most elements in one argument vector. */
    public static final int MAX_ARGS = 256;
    /** Longest single argument, in characters. */
    public static final int MAX_ARG_LENGTH = 4096;
    /** Longest quoted command line, in characters. */
    public static final int MAX_COMMAND_LENGTH = 65_536;

    /** The program: a plain name or path, no spaces or shell characters, not an option. */
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./+@=,:-]{0,254}");
    /**
     * Characters no argument may hold: control characters (newline, carriage return, NUL, escape, DEL, C1), format
     * characters (bidi overrides that make a logged command read differently), line and paragraph separators, and
     * lone surrogates (not encodable as UTF-8).
     */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");

    private ShellCommand() {
    }

    /**
     * The quoted command line for {@code argv}.
     *
     * @throws IllegalArgumentException naming the element and the reason when an element is unsafe
     */
    public static String build(List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command: argv needs at least the program");
        }
        if (argv.size() > MAX_ARGS) {
            throw new IllegalArgumentException("too many arguments: " + argv.size() + " (limit " + MAX_ARGS + ")");
        }
        String program = argv.get(0);
        if (program == null || !PROGRAM.matcher(program).matches()) {
            throw new IllegalArgumentException("program " + describe(program) + " is not a plain name or path"
                    + " (letters, digits and _ . / + @ = , : -, not starting with -)");
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            requireSafeArgument(i, arg);
            if (i > 0) {
                line.append(' ');
            }
            line.append(quote(arg));
            if (line.length() > MAX_COMMAND_LENGTH) {
                throw new IllegalArgumentException("command line longer than " + MAX_COMMAND_LENGTH + " characters");
            }
        }
        return line.toString();
    }

    /**
     * {@code s} in single quotes for a POSIX shell, each embedded {@code '} written as {@code '\''}. Does not
     * validate; {@link #build} does.
     */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void requireSafeArgument(int index, String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("argument " + index + " is null");
        }
        if (arg.length() > MAX_ARG_LENGTH) {
            throw new IllegalArgumentException("argument " + index + " is longer than " + MAX_ARG_LENGTH
                    + " characters");
        }
        var unsafe = UNSAFE.matcher(arg);
        if (unsafe.find()) {
            throw new IllegalArgumentException(String.format("argument %d holds the control or format character"
                    + " U+%04X at position %d; commands take printable text only", index, (int) arg.charAt(unsafe.start()),
                    unsafe.start()));
        }
    }

    /** A value for an error message: quoted, shortened, control characters shown as escapes. */
    static String describe(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder b = new StringBuilder("'");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('\'').toString();
    }
}
