package org.nanoos.labhub.connectors.slurm;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job from {@code sacct -n -P -o }{@value #FORMAT}{@code  -j IDS}, with its steps ({@code 123.batch},
 * {@code 123.extern}, {@code 123.0}) gathered under it.
 *
 * <p>{@code -P} separates fields with {@code |} and never truncates; {@code -n} drops the header. The comment is the
 * only free text and comes last. {@code sacct} shows comments only where {@code AccountingStoreFlags=job_comment} is
 * set; elsewhere it is empty and {@code squeue} or {@code scontrol} find the token. Clusters without accounting answer
 * {@code Slurm accounting storage is disabled} ({@link SlurmErrors}); use {@code scontrol show job} there.
 *
 * @param jobId         the job id ({@code 123}, {@code 123_4})
 * @param state         the job's own state
 * @param stateText     the state as printed ({@code CANCELLED by 1000})
 * @param cancelledByUid who cancelled it, for {@code CANCELLED by UID}, or null
 * @param exitCode      the batch script's exit code, or null
 * @param signal        the signal that ended it (0 for none), or null
 * @param elapsedSeconds run time, or null
 * @param start         start, cluster local time, or null
 * @param end           end, cluster local time, or null
 * @param nodes         node list, or null
 * @param comment       the comment, or null
 * @param steps         the job's steps, in output order
 */
public record SacctJob(String jobId, JobState state, String stateText, Integer cancelledByUid, Integer exitCode,
        Integer signal, Long elapsedSeconds, LocalDateTime start, LocalDateTime end, String nodes, String comment,
        List<Step> steps) {

    /** The {@code -o} field list these records are read from. */
    public static final String FORMAT = "JobID,State,ExitCode,Elapsed,Start,End,NodeList,Comment";

    private static final int FIELDS = 8;
    private static final Pattern CANCELLED_BY = Pattern.compile("CANCELLED by (\\d+)");

    public SacctJob {
        steps = List.copyOf(steps);
    }

    /**
     * One job step.
     *
     * @param stepId         {@code batch}, {@code extern}, {@code 0}, …
     * @param state          its state
     * @param exitCode       its exit code, or null
     * @param signal         its signal, or null
     * @param elapsedSeconds its run time, or null
     */
    public record Step(String stepId, JobState state, Integer exitCode, Integer signal, Long elapsedSeconds) {
    }

    /**
     * The state that says most about how the job ended: {@link JobState#OUT_OF_MEMORY} when the job or any step ran
     * out of memory (older SLURM and some configurations mark only the step, the job as {@code FAILED} or
     * {@code CANCELLED}); the job's own state otherwise.
     */
    public JobState effectiveState() {
        if (state == JobState.OUT_OF_MEMORY || steps.stream().anyMatch(s -> s.state() == JobState.OUT_OF_MEMORY)) {
            return state.isFinal() || state == JobState.UNKNOWN ? JobState.OUT_OF_MEMORY : state;
        }
        return state;
    }

    /** Our submission token in the comment, if it is one. */
    public Optional<SubmissionToken> token() {
        return SubmissionToken.fromComment(comment);
    }

    /** The jobs in {@code sacct} output; step lines whose job line is missing, and lines of another shape, are unreadable. */
    public static ParsedLines<SacctJob> parse(String output) {
        Map<String, SacctJob> jobs = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String line : Fields.lines(output)) {
            String[] f = line.split("\\|", FIELDS);
            if (f.length != FIELDS || f[1].isBlank()) {
                unreadable.add(line);
                continue;
            }
            String id = f[0].strip();
            int dot = id.indexOf('.');
            String jobId = dot < 0 ? id : id.substring(0, dot);
            if (!Fields.JOB_ID.matcher(jobId).matches() || dot == id.length() - 1) {
                unreadable.add(line);
                continue;
            }
            int[] exit = Fields.exitCode(f[2]);
            Long elapsed = SqueueJob.boxed(Walltime.parseSlurm(f[3]));
            JobState state = JobState.parse(f[1]);
            if (dot >= 0) {
                steps.computeIfAbsent(jobId, k -> new ArrayList<>()).add(new Step(id.substring(dot + 1), state,
                        exit == null ? null : exit[0], exit == null ? null : exit[1], elapsed));
                continue;
            }
            Matcher by = CANCELLED_BY.matcher(f[1].strip());
            jobs.put(jobId, new SacctJob(jobId, state, f[1].strip(), by.matches() ? Integer.valueOf(by.group(1))
                    : null, exit == null ? null : exit[0], exit == null ? null : exit[1], elapsed, Fields.time(f[4]),
                    Fields.time(f[5]), Fields.orNull(f[6]), Fields.orNull(f[7]), List.of()));
        }
        List<SacctJob> out = new ArrayList<>();
        for (SacctJob j : jobs.values()) {
            out.add(new SacctJob(j.jobId(), j.state(), j.stateText(), j.cancelledByUid(), j.exitCode(), j.signal(),
                    j.elapsedSeconds(), j.start(), j.end(), j.nodes(), j.comment(),
                    steps.getOrDefault(j.jobId(), List.of())));
        }
        steps.forEach((jobId, s) -> {
            if (!jobs.containsKey(jobId)) {
                s.forEach(step -> unreadable.add(jobId + "." + step.stepId() + " (a step without its job line)"));
            }
        });
        return new ParsedLines<>(out, unreadable);
    }
}
