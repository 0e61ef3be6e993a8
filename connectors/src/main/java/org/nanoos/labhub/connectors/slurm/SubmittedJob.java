package org.nanoos.labhub.connectors.slurm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sbatch --parsable} answered: the job id, and the cluster when SLURM runs several
 * ({@code 123;cluster}).
 *
 * @param jobId   the job id, digits
 * @param cluster the cluster name, or null
 */
public record SubmittedJob(String jobId, String cluster) {

    private static final Pattern PARSABLE = Pattern.compile("(\\d{1,10})(?:;([A-Za-z0-9_.-]{1,64}))?");
    private static final Pattern CLASSIC = Pattern.compile("Submitted batch job (\\d{1,10})(?: on cluster"
            + " ([A-Za-z0-9_.-]{1,64}))?");

    /**
     * The job in {@code sbatch}'s standard output: the last non-empty line, {@code 123} or {@code 123;cluster}
     * ({@code --parsable}), or {@code Submitted batch job 123} (without it).
     *
     * @throws UnexpectedOutputException when no line has that shape (a submission that printed no id has failed, or
     *                                   its reply was lost; look the token up before trying again)
     */
    public static SubmittedJob parse(String stdout) {
        if (stdout != null) {
            String[] lines = stdout.strip().split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m = PARSABLE.matcher(line);
                if (m.matches()) {
                    return new SubmittedJob(m.group(1), m.group(2));
                }
                m = CLASSIC.matcher(line);
                if (m.matches()) {
                    return new SubmittedJob(m.group(1), m.group(2));
                }
                break;
            }
        }
        throw new UnexpectedOutputException("sbatch printed no job id", stdout);
    }
}
