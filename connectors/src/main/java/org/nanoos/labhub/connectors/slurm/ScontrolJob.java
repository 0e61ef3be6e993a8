package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job from {@code scontrol show job ID} (one record over several lines) or {@code scontrol -o show job} (one line per
 * job): the source of a finished job's state on clusters without accounting, for {@code MinJobAge} seconds (300 by
 * default) after it ended.
 *
 * <p>The output is {@code Key=Value} words; a new job starts at each {@code JobId=}. A word without {@code =}
 * continues the previous value, so names and comments with spaces are read whole (a value holding {@code " K=V"}
 * would be split; ours cannot).
 *
 * @param jobId          {@code JobId}
 * @param jobName        {@code JobName}, or null
 * @param state          {@code JobState}
 * @param reason         {@code Reason}, or null for {@code None}
 * @param exitCode       {@code ExitCode} before the colon, or null
 * @param signal         {@code ExitCode} after the colon, or null
 * @param runSeconds     {@code RunTime}, or null
 * @param limitSeconds   {@code TimeLimit}, or null for {@code UNLIMITED}
 * @param partition      {@code Partition}, or null
 * @param nodes          {@code NodeList}, or null
 * @param workDir        {@code WorkDir}, or null
 * @param comment        {@code Comment}, or null
 * @param fields         every field as printed
 */
public record ScontrolJob(String jobId, String jobName, JobState state, String reason, Integer exitCode,
        Integer signal, Long runSeconds, Long limitSeconds, String partition, String nodes, String workDir,
        String comment, Map<String, String> fields) {

    public ScontrolJob {
        fields = Map.copyOf(fields);
    }

    /** Our submission token in the comment, if it is one. */
    public Optional<SubmissionToken> token() {
        return SubmissionToken.fromComment(comment);
    }

    /** The jobs in {@code scontrol show job} output; records without a readable {@code JobId} are unreadable. */
    public static ParsedLines<ScontrolJob> parse(String output) {
        List<ScontrolJob> jobs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Map<String, String> f : Fields.keyValueRecords(output, "JobId")) {
            String id = f.get("JobId");
            if (id == null || !Fields.JOB_ID.matcher(id).matches() || !f.containsKey("JobState")) {
                unreadable.add("JobId=" + id);
                continue;
            }
            int[] exit = Fields.exitCode(f.get("ExitCode"));
            jobs.add(new ScontrolJob(id, Fields.orNull(f.get("JobName")), JobState.parse(f.get("JobState")),
                    Fields.orNull(f.get("Reason")), exit == null ? null : exit[0], exit == null ? null : exit[1],
                    SqueueJob.boxed(Walltime.parseSlurm(f.get("RunTime"))),
                    SqueueJob.boxed(Walltime.parseSlurm(f.get("TimeLimit"))), Fields.orNull(f.get("Partition")),
                    Fields.orNull(f.get("NodeList")), Fields.orNull(f.get("WorkDir")), Fields.orNull(f.get("Comment")),
                    f));
        }
        return new ParsedLines<>(jobs, unreadable);
    }
}
