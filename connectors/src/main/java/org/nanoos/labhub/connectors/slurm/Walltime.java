package org.nanoos.labhub.connectors.slurm;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's time limit ({@code --time}), whole seconds, written to SLURM as {@code D-HH:MM:SS}.
 *
 * <p>A person writes it as {@code D-HH:MM:SS} ({@code 2-12:00:00}) or {@code HH:MM:SS} ({@code 36:00:00}; hours may
 * pass 24 when no days are given), at least a minute and at most {@link #MAX_DAYS} days. SLURM's own outputs use more
 * forms ({@code MM:SS}, {@code D-HH}, {@code UNLIMITED}); {@link #parseSlurm} reads those.
 *
 * @param seconds the limit in seconds, 60 to {@code MAX_DAYS} days
 */
public record Walltime(long seconds) implements Comparable<Walltime> {

    /** Longest limit accepted, in days. */
    public static final int MAX_DAYS = 365;

    private static final Pattern INPUT = Pattern.compile("(?:(\\d{1,3})-(\\d{1,2})|(\\d{1,4})):(\\d{2}):(\\d{2})");
    /** SLURM's time_str2secs forms: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
    private static final Pattern SLURM = Pattern.compile(
            "(?:(\\d+)-(\\d+)(?::(\\d+)(?::(\\d+))?)?)|(?:(\\d+)(?::(\\d+)(?::(\\d+))?)?)");

    public Walltime {
        if (seconds < 60 || seconds > MAX_DAYS * 86_400L) {
            throw new SlurmValidationException("walltime", "must be between 1 minute and " + MAX_DAYS + " days ("
                    + seconds + " s given)");
        }
    }

    /** Walltime of a {@link Duration}, truncated to whole seconds. */
    public static Walltime of(Duration duration) {
        return new Walltime(duration.getSeconds());
    }

    /**
     * A limit as a person writes it: {@code D-HH:MM:SS} or {@code HH:MM:SS}.
     *
     * @throws SlurmValidationException naming the field {@code walltime}
     */
    public static Walltime parse(String text) {
        Allowlist.requirePrintable("walltime", text, 32);
        Matcher m = INPUT.matcher(text);
        if (!m.matches()) {
            throw new SlurmValidationException("walltime", Allowlist.describe(text) + " is not accepted; expected"
                    + " D-HH:MM:SS (e.g. 1-12:00:00) or HH:MM:SS (e.g. 02:30:00)");
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = Long.parseLong(m.group(1) == null ? m.group(3) : m.group(2));
        long minutes = Long.parseLong(m.group(4));
        long secs = Long.parseLong(m.group(5));
        if (m.group(1) != null && hours > 23) {
            throw new SlurmValidationException("walltime", "hours must be 0–23 after the days in "
                    + Allowlist.describe(text));
        }
        if (minutes > 59 || secs > 59) {
            throw new SlurmValidationException("walltime", "minutes and seconds must be 0–59 in "
                    + Allowlist.describe(text));
        }
        return new Walltime(((days * 24 + hours) * 60 + minutes) * 60 + secs);
    }

    /**
     * Seconds of a time as SLURM prints it ({@code squeue %M/%l}, {@code sacct Elapsed}, {@code scontrol MaxTime}):
     * {@code M}, {@code M:S}, {@code H:M:S}, {@code D-H}, {@code D-H:M}, {@code D-H:M:S}; empty for
     * {@code UNLIMITED}, {@code INFINITE}, {@code NONE}, {@code N/A}, {@code Partition_Limit}, {@code INVALID} and
     * anything else it cannot read.
     */
    public static OptionalLong parseSlurm(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.strip();
        Matcher m = SLURM.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return OptionalLong.empty();
        }
        try {
            if (m.group(1) != null) {
                long days = Long.parseLong(m.group(1));
                long hours = Long.parseLong(m.group(2));
                long minutes = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
                long secs = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
                return OptionalLong.of(((days * 24 + hours) * 60 + minutes) * 60 + secs);
            }
            long a = Long.parseLong(m.group(5));
            if (m.group(6) == null) {
                return OptionalLong.of(a * 60); // minutes
            }
            long b = Long.parseLong(m.group(6));
            if (m.group(7) == null) {
                return OptionalLong.of(a * 60 + b); // minutes:seconds
            }
            return OptionalLong.of((a * 60 + b) * 60 + Long.parseLong(m.group(7))); // hours:minutes:seconds
        } catch (NumberFormatException tooLong) {
            return OptionalLong.empty();
        }
    }

    /** The limit as {@code D-HH:MM:SS}, the form written into {@code #SBATCH --time=}. */
    public String toSlurm() {
        return format(seconds);
    }

    /** {@code seconds} as {@code D-HH:MM:SS}. */
    static String format(long seconds) {
        return String.format(Locale.ROOT, "%d-%02d:%02d:%02d", seconds / 86_400, seconds % 86_400 / 3600,
                seconds % 3600 / 60, seconds % 60);
    }

    /** The limit as a {@link Duration}. */
    public Duration toDuration() {
        return Duration.ofSeconds(seconds);
    }

    @Override
    public int compareTo(Walltime other) {
        return Long.compare(seconds, other.seconds);
    }

    @Override
    public String toString() {
        return toSlurm();
    }
}
