package org.nanoos.labhub.connectors.ssh;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks for the names of remote result files and the globs that select them. */
final class RemoteNames {

    /** Longest file name accepted, in characters (the common file-system limit). */
    static final int MAX_NAME_LENGTH = 255;

    /**
     * Characters no name or glob may hold: separators of either platform ({@code /}, {@code \}), {@code :} (a Windows
     * drive or alternate data stream), characters Windows forbids in names ({@code " < > |}), and control, format,
     * line-separator and lone-surrogate characters.
     */
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\:\"<>|\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");
    private static final Pattern GLOB_UNSAFE = Pattern.compile("[\\[\\]{}]");

    private RemoteNames() {
    }

    /** Why {@code name} is not a safe plain file name, or {@code null} when it is. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "longer than " + MAX_NAME_LENGTH + " characters";
        }
        var unsafe = UNSAFE.matcher(name);
        if (unsafe.find()) {
            char c = name.charAt(unsafe.start());
            return c == '/' || c == '\\' ? "a path, not a plain file name"
                    : String.format("holds the character U+%04X, not allowed in result file names", (int) c);
        }
        if (name.contains("..")) {
            return "holds '..'";
        }
        if (name.equals(".")) {
            return "is '.'";
        }
        if (name.startsWith("-")) {
            return "starts with '-'";
        }
        if (!name.strip().equals(name)) {
            return "starts or ends with white space";
        }
        return null;
    }

    /** {@code name}, when it is a safe plain file name. */
    static String requireSafe(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("refused remote file name " + ShellCommand.describe(name) + ": "
                    + problem);
        }
        return name;
    }

    /**
     * A glob over plain file names as a pattern: {@code *} any run of characters, {@code ?} one character, all else
     * literal; matched without regard to case, as instrument PCs on Windows do. A wildcard at the start does not match
     * a leading dot, so hidden and half-written files ({@code .scan.xy.tmp}) stay out unless the glob starts with one.
     */
    static Pattern glob(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("empty file pattern");
        }
        if (glob.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("file pattern longer than " + MAX_NAME_LENGTH + " characters");
        }
        String check = glob.replace('*', 'a').replace('?', 'a');
        if (UNSAFE.matcher(check).find() || GLOB_UNSAFE.matcher(check).find() || check.startsWith("-")
                || !check.strip().equals(check)) {
            throw new IllegalArgumentException("file pattern " + ShellCommand.describe(glob)
                    + " must be a plain file name with * and ? wildcards (no path, brackets or braces)");
        }
        StringBuilder regex = new StringBuilder();
        if (glob.charAt(0) != '.') {
            regex.append("(?!\\.)");
        }
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** Lower-case extension of {@code name} without the dot, or "" when it has none. */
    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
