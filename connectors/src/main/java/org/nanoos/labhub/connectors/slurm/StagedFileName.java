package org.nanoos.labhub.connectors.slurm;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a file uploaded into a job's directory: a plain name, never a path. Checked by allowlist (ASCII letters,
 * digits, {@code _ . + - = , @}, starting with a letter, digit or {@code _}), so separators, {@code ..}, control characters, NUL, white space, quotes, globs and
 * every non-ASCII character are refused; look-alikes of {@code /}, {@code \} and {@code .} (U+2215, U+2044, U+FF0F,
 * U+2024, U+FF0E, …) get a message that says which character they imitate.
 *
 * <p>Why plain names only, not a relative sub-path: every directory level is one more thing that could be a symbolic
 * link planted between our check and our write. With a flat job directory the SSH layer checks exactly one directory
 * and one entry per file ({@link #checkJobDirectory}, {@link #checkUploaded}); input decks of pw.x, LAMMPS, NAMD and
 * VASP all work from one directory.
 *
 * <p>What the SSH layer must do on the cluster, in order: {@code lstat} the job directory and pass it to
 * {@link #checkJobDirectory} (a real directory, not a link, owned by the login user, not writable by group or others);
 * create each file with SFTP {@code CREATE|EXCL} (O_CREAT|O_EXCL), so an existing entry of that name, a planted link
 * included, makes the upload fail instead of being followed; then {@code lstat} the file and pass it to
 * {@link #checkUploaded}.
 *
 * @param value the name
 */
public record StagedFileName(String value) {

    /** Longest name, in characters and in UTF-8 bytes (the common file-system limit). */
    public static final int MAX_LENGTH = 255;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+=,@-]*");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9_*?][A-Za-z0-9_.*?+=,@-]*");

    /** Characters that look like a path separator or a dot, with what they imitate. */
    private static final Map<Integer, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry(0x2215, "/"), Map.entry(0x2044, "/"), Map.entry(0xFF0F, "/"), Map.entry(0x29F8, "/"),
            Map.entry(0x1735, "/"), Map.entry(0x2571, "/"), Map.entry(0x27CB, "/"), Map.entry(0x3033, "/"),
            Map.entry(0x2216, "\\"), Map.entry(0xFF3C, "\\"), Map.entry(0xFE68, "\\"), Map.entry(0x29F5, "\\"),
            Map.entry(0x29F9, "\\"), Map.entry(0x2024, "."), Map.entry(0x2025, ".."), Map.entry(0x2026, "..."),
            Map.entry(0xFF0E, "."), Map.entry(0xFE52, "."), Map.entry(0x3002, "."), Map.entry(0xFF61, "."),
            Map.entry(0x00B7, "."), Map.entry(0x2027, "."), Map.entry(0x0701, "."), Map.entry(0x0702, "."),
            Map.entry(0xA4F8, "."), Map.entry(0x10A50, "."));

    public StagedFileName {
        String problem = problem(value, false);
        if (problem != null) {
            throw new SlurmValidationException("file name", problem);
        }
    }

    /** A checked name. */
    public static StagedFileName of(String value) {
        return new StagedFileName(value);
    }

    /** Why {@code name} is not acceptable as a staged file name, or empty when it is. */
    public static Optional<String> check(String name) {
        return Optional.ofNullable(problem(name, false));
    }

    /**
     * {@code glob} when it is a plain name with {@code *} and {@code ?} wildcards (the outputs to fetch back); the
     * same rules as names otherwise.
     */
    public static String requireGlob(String field, String glob) {
        String problem = problem(glob, true);
        if (problem != null) {
            throw new SlurmValidationException(field, problem);
        }
        return glob;
    }

    private static String problem(String name, boolean glob) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        String shown = Allowlist.describe(name);
        if (name.length() > MAX_LENGTH || name.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return shown + " is longer than " + MAX_LENGTH + " bytes";
        }
        if (name.indexOf('\0') >= 0) {
            return shown + " holds a NUL character";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            String imitates = LOOK_ALIKES.get(c);
            if (imitates != null) {
                return String.format("%s holds U+%04X %s, a look-alike of '%s'; only ASCII names are accepted",
                        shown, c, Allowlist.characterName(c), imitates);
            }
            i += Character.charCount(c);
        }
        var unsafe = Allowlist.UNSAFE.matcher(name);
        if (unsafe.find()) {
            return String.format("%s holds the control or format character U+%04X at position %d", shown,
                    name.codePointAt(unsafe.start()), unsafe.start());
        }
        if (name.startsWith("/")) {
            return shown + " is an absolute path; give a plain file name";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return shown + " is a path; give a plain file name (no / or \\)";
        }
        if (name.equals(".") || name.equals("..") || name.contains("..")) {
            return shown + " holds '..' or is '.'";
        }
        if (name.startsWith("-")) {
            return shown + " starts with '-', which programs read as an option";
        }
        if (name.startsWith(".")) {
            return shown + " starts with '.'; hidden files are not staged";
        }
        if (!(glob ? GLOB : SAFE).matcher(name).matches()) {
            int bad = firstOutside(name, glob);
            if (bad < 0) {
                return shown + " must start with a letter, a digit or '_'";
            }
            return String.format("%s holds '%s' (U+%04X); names take A-Z a-z 0-9 _ . + = , @ -%s", shown,
                    new String(Character.toChars(bad)), bad, glob ? " and the wildcards * ?" : "");
        }
        if (!glob && name.equals(BatchScript.FILE_NAME)) {
            return shown + " is the name of the generated batch script";
        }
        return null;
    }

    private static int firstOutside(String name, boolean glob) {
        String allowed = glob ? "_.+=,@-*?" : "_.+=,@-";
        return name.codePoints().filter(c -> !(c < 128 && (Character.isLetterOrDigit(c) || allowed.indexOf(c) >= 0)))
                .findFirst().orElse(-1);
    }

    /**
     * What an {@code lstat} (SFTP {@code LSTAT}, which does not follow links) said about a remote entry.
     *
     * @param type        what the entry is
     * @param ownerUid    owner's numeric user id
     * @param permissions POSIX permission bits ({@code 0755})
     * @param size        size in bytes
     */
    public record RemoteEntry(Type type, int ownerUid, int permissions, long size) {

        /** The kinds of entry an lstat tells apart. */
        public enum Type { REGULAR_FILE, DIRECTORY, SYMBOLIC_LINK, OTHER }
    }

    /**
     * Why the job directory, as {@code lstat} saw it, is not safe to stage into, or empty when it is: it must be a
     * directory (not a link to one), owned by {@code loginUid}, and not writable by group or others (who could swap an
     * entry for a link between our check and the job's start).
     */
    public static Optional<String> checkJobDirectory(RemoteEntry entry, int loginUid) {
        if (entry.type() == RemoteEntry.Type.SYMBOLIC_LINK) {
            return Optional.of("the job directory is a symbolic link");
        }
        if (entry.type() != RemoteEntry.Type.DIRECTORY) {
            return Optional.of("the job directory is not a directory (" + entry.type() + ")");
        }
        if (entry.ownerUid() != loginUid) {
            return Optional.of("the job directory belongs to uid " + entry.ownerUid() + ", not to the login user (uid "
                    + loginUid + ")");
        }
        if ((entry.permissions() & 0022) != 0) {
            return Optional.of(String.format("the job directory is writable by group or others (mode %04o)",
                    entry.permissions() & 07777));
        }
        return Optional.empty();
    }

    /**
     * Why an uploaded file, as {@code lstat} saw it after the upload, is not what we wrote, or empty when it is: a
     * regular file (not a link), owned by {@code loginUid}, of {@code expectedSize} bytes.
     */
    public static Optional<String> checkUploaded(RemoteEntry entry, int loginUid, long expectedSize) {
        if (entry.type() == RemoteEntry.Type.SYMBOLIC_LINK) {
            return Optional.of("the staged file is a symbolic link");
        }
        if (entry.type() != RemoteEntry.Type.REGULAR_FILE) {
            return Optional.of("the staged file is not a regular file (" + entry.type() + ")");
        }
        if (entry.ownerUid() != loginUid) {
            return Optional.of("the staged file belongs to uid " + entry.ownerUid() + ", not to the login user (uid "
                    + loginUid + ")");
        }
        if (entry.size() != expectedSize) {
            return Optional.of("the staged file has " + entry.size() + " bytes, " + expectedSize + " were written");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
