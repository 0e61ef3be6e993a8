package org.nanoos.labhub.connectors.jobs;

import java.util.List;
import java.util.Map;
import org.nanoos.labhub.connectors.slurm.BatchScript;
import org.nanoos.labhub.connectors.slurm.JobDirectory;
import org.nanoos.labhub.connectors.slurm.JobResources;
import org.nanoos.labhub.connectors.slurm.JobState;
import org.nanoos.labhub.connectors.slurm.StagedFileName;
import org.nanoos.labhub.connectors.slurm.SubmissionToken;

/**
 * Hands jobs to one kind of execution profile and follows them. Implementations hold no state a restarted hub
 * could not find again where the scheduler allows it (a SLURM job is found by its id or its token).
 */
public interface JobExecutor {

    /** The profiles this executor serves. */
    ExecutionProfile.Kind kind();

    /**
     * The job's own directory under the profile's scratch root.
     */
    JobDirectory directory(ExecutionProfile profile, String jobId);

    /**
     * Stages the inputs and the script in the job's directory and submits it. When the answer to a submission is
     * lost, the executor first looks the job up by its token and never submits it twice.
     *
     * @return the scheduler's id of the job
     * @throws JobRefusedException          the scheduler refused (explained, with what to change)
     * @throws ExecutorUnavailableException the cluster could not be reached or did not answer; nothing was submitted
     *                                      that a lookup by token would not find
     */
    String submit(ExecutionProfile profile, PreparedJob job) throws JobRefusedException, ExecutorUnavailableException;

    /**
     * The states of many active jobs at once: one query per profile (for SLURM one {@code squeue}, then
     * {@code sacct} or {@code scontrol} only for jobs squeue no longer lists). A job missing from the answer has no
     * confirmed state yet and keeps its last one.
     *
     * @param schedulerIds the scheduler ids of the profile's active jobs
     */
    Map<String, Observed> poll(ExecutionProfile profile, List<String> schedulerIds) throws ExecutorUnavailableException;

    /** Cancels a job ({@code scancel}); a job that has ended already is not an error. */
    void cancel(ExecutionProfile profile, String schedulerId) throws JobRefusedException, ExecutorUnavailableException;

    /**
     * Fetches a finished job's standard output and error and its declared output files.
     *
     * @param outputs globs of the files to fetch, from the template
     */
    JobOutputs fetch(ExecutionProfile profile, JobDirectory directory, String schedulerId, List<String> outputs)
            throws ExecutorUnavailableException;

    /**
     * A job ready to stage and submit.
     *
     * @param script    the generated batch script
     * @param directory the job's directory
     * @param token     its submission token (also in the script's {@code --comment})
     * @param inputs    the input files by name
     * @param resources what it asks for (checked against the partition's limits before submission)
     */
    record PreparedJob(BatchScript script, JobDirectory directory, SubmissionToken token,
            Map<StagedFileName, byte[]> inputs, JobResources resources) {
    }

    /**
     * A job's state as the scheduler reports it.
     *
     * @param state    SLURM's state (LOCAL jobs use the same names)
     * @param exitCode {@code code:signal} when known, else {@code null}
     * @param reason   the scheduler's reason (e.g. why it is pending), or {@code null}
     */
    record Observed(JobState state, String exitCode, String reason) {
    }

    /**
     * What a finished job left.
     *
     * @param stdout its standard output (the tail when large)
     * @param stderr its standard error (the tail when large)
     * @param files  the declared output files by name (each at most a configured size)
     */
    record JobOutputs(String stdout, String stderr, Map<String, byte[]> files) {
    }
}
