package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of {@code squeue -h -t all -o '}{@value #FORMAT}{@code '}: the status of every job of a user in one call.
 *
 * <p>The format: {@code %i} job id (array tasks {@code 123_4}), {@code %T} state in full, {@code %r} reason (why
 * pending, or {@code None}), {@code %M} time used, {@code %l} time limit, {@code %N} nodes (empty while pending),
 * {@code %k} comment, where our submission token is. Fields without a size are printed whole, unpadded. Only the
 * comment is free text and it comes last, so a {@code |} in it cannot shift the other fields; {@code -t all} includes
 * jobs that ended within the controller's {@code MinJobAge} (300 s by default), so a poll sees the final state even
 * without accounting.
 *
 * @param jobId       the job id
 * @param state       the state
 * @param stateText   the state as printed
 * @param reason      why the job waits or ended ({@code Resources}, {@code Priority},
 *                    {@code QOSMaxWallDurationPerJobLimit}…), or null for {@code None}
 * @param usedSeconds time used so far, or null
 * @param limitSeconds the time limit, or null for {@code UNLIMITED}
 * @param nodes       the allocated node list, or null
 * @param comment     the job's comment, or null
 */
public record SqueueJob(String jobId, JobState state, String stateText, String reason, Long usedSeconds,
        Long limitSeconds, String nodes, String comment) {

    /** The {@code -o} format string these records are read from. */
    public static final String FORMAT = "%i|%T|%r|%M|%l|%N|%k";

    private static final int FIELDS = 7;

    /** The records in {@code squeue} output; lines of another shape are returned as unreadable. */
    public static ParsedLines<SqueueJob> parse(String output) {
        List<SqueueJob> jobs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String line : Fields.lines(output)) {
            String[] f = line.split("\\|", FIELDS);
            if (f.length != FIELDS || !Fields.JOB_ID.matcher(f[0].strip()).matches() || f[1].isBlank()) {
                unreadable.add(line);
                continue;
            }
            jobs.add(new SqueueJob(f[0].strip(), JobState.parse(f[1]), f[1].strip(), Fields.orNull(f[2]),
                    boxed(Walltime.parseSlurm(f[3])), boxed(Walltime.parseSlurm(f[4])), Fields.orNull(f[5]),
                    Fields.orNull(f[6])));
        }
        return new ParsedLines<>(jobs, unreadable);
    }

    /** Our submission token in the comment, if it is one. */
    public Optional<SubmissionToken> token() {
        return SubmissionToken.fromComment(comment);
    }

    static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
