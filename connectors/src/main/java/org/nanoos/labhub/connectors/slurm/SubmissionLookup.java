package org.nanoos.labhub.connectors.slurm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the job a submission token belongs to, after an {@code sbatch} whose reply was lost. Look in this order:
 * {@link SlurmCommands#squeueUser} (the controller always has the comment, and a job submitted seconds ago is
 * certainly there), then {@link SlurmCommands#sacctLookup} (needs {@code AccountingStoreFlags=job_comment}), then
 * {@link SlurmCommands#scontrolShowJobs}.
 *
 * <p>No match: the submission did not happen; submitting again is safe. One match: that is the job. More than one: it
 * was submitted twice; keep the lowest id and cancel the rest.
 */
public final class SubmissionLookup {

    private SubmissionLookup() {
    }

    /** Ids of the {@code squeue} jobs carrying {@code token}, lowest first. */
    public static List<String> inSqueue(List<SqueueJob> jobs, SubmissionToken token) {
        return matching(jobs, token, SqueueJob::jobId, SqueueJob::token);
    }

    /** Ids of the {@code sacct} jobs carrying {@code token}, lowest first. */
    public static List<String> inSacct(List<SacctJob> jobs, SubmissionToken token) {
        return matching(jobs, token, SacctJob::jobId, SacctJob::token);
    }

    /** Ids of the {@code scontrol} jobs carrying {@code token}, lowest first. */
    public static List<String> inScontrol(List<ScontrolJob> jobs, SubmissionToken token) {
        return matching(jobs, token, ScontrolJob::jobId, ScontrolJob::token);
    }

    private static <T> List<String> matching(List<T> jobs, SubmissionToken token, Function<T, String> id,
            Function<T, Optional<SubmissionToken>> tokenOf) {
        Objects.requireNonNull(token, "token");
        return jobs.stream().filter(j -> tokenOf.apply(j).filter(token::equals).isPresent()).map(id).distinct()
                .sorted((a, b) -> Long.compare(leading(a), leading(b))).toList();
    }

    private static long leading(String jobId) {
        int end = 0;
        while (end < jobId.length() && Character.isDigit(jobId.charAt(end))) {
            end++;
        }
        return end == 0 ? Long.MAX_VALUE : Long.parseLong(jobId.substring(0, Math.min(end, 18)));
    }
}
