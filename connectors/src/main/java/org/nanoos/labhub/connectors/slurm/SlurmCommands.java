package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SLURM commands the hub runs, as argument vectors for
 * {@link org.nanoos.labhub.connectors.ssh.ShellCommand#build}, next to the parsers that read their output. Every
 * argument is checked here; the format strings are constants of the record types.
 */
public final class SlurmCommands {

    /** Login names on the cluster. */
    public static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern JOB_ID = Pattern.compile("\\d{1,10}(?:_\\d{1,10})?");
    /** Most job ids in one {@code -j} list (a command line stays well under any limit). */
    public static final int MAX_IDS = 5000;

    private SlurmCommands() {
    }

    /** {@code sbatch --parsable SCRIPT}: prints {@code ID} or {@code ID;CLUSTER} ({@link SubmittedJob#parse}). */
    public static List<String> sbatch(JobDirectory directory) {
        return List.of("sbatch", "--parsable", directory.scriptPath());
    }

    /**
     * All of a user's jobs, pending to just ended, one line each ({@link SqueueJob#parse}):
     * {@code squeue -h -t all -u USER -o '%i|%T|%r|%M|%l|%N|%k'}.
     */
    public static List<String> squeueUser(String user) {
        return List.of("squeue", "-h", "-t", "all", "-u", requireUser(user), "-o", SqueueJob.FORMAT);
    }

    /** Only these jobs: {@code squeue -h -t all -j ID,ID -o FORMAT}. */
    public static List<String> squeueJobs(List<String> jobIds) {
        return List.of("squeue", "-h", "-t", "all", "-j", idList(jobIds), "-o", SqueueJob.FORMAT);
    }

    /**
     * Accounting records of these jobs with their steps ({@link SacctJob#parse}):
     * {@code sacct -n -P -o JobID,State,ExitCode,Elapsed,Start,End,NodeList,Comment -j ID,ID}.
     */
    public static List<String> sacct(List<String> jobIds) {
        return List.of("sacct", "-n", "-P", "-o", SacctJob.FORMAT, "-j", idList(jobIds));
    }

    /**
     * A user's jobs of the last {@code days} days, allocations only, for a token lookup ({@link SacctJob#parse}):
     * {@code sacct -n -P -X -u USER -S now-Ndays -o FORMAT}.
     */
    public static List<String> sacctLookup(String user, int days) {
        if (days < 1 || days > 60) {
            throw new SlurmValidationException("days", "must be 1–60 (" + days + " given)");
        }
        return List.of("sacct", "-n", "-P", "-X", "-u", requireUser(user), "-S", "now-" + days + "days", "-o",
                SacctJob.FORMAT);
    }

    /** One job's record ({@link ScontrolJob#parse}): {@code scontrol show job ID}. */
    public static List<String> scontrolShowJob(String jobId) {
        return List.of("scontrol", "show", "job", requireJobId(jobId));
    }

    /** Every job the controller still holds, one line each ({@link ScontrolJob#parse}): {@code scontrol -o show job}. */
    public static List<String> scontrolShowJobs() {
        return List.of("scontrol", "-o", "show", "job");
    }

    /** A partition's limits ({@link PartitionLimits#parse}): {@code scontrol show partition NAME}. */
    public static List<String> scontrolShowPartition(String partition) {
        Allowlist.require("partition", partition, JobResources.SLURM_NAME, 64, "a partition name");
        return List.of("scontrol", "show", "partition", partition);
    }

    /** Every partition's limits: {@code scontrol show partition}. */
    public static List<String> scontrolShowPartitions() {
        return List.of("scontrol", "show", "partition");
    }

    /** Cancels a job: {@code scancel ID}. */
    public static List<String> scancel(String jobId) {
        return List.of("scancel", requireJobId(jobId));
    }

    private static String requireUser(String user) {
        return Allowlist.require("user", user, USER, 64, "a login name (A-Z a-z 0-9 _ . -)");
    }

    private static String requireJobId(String jobId) {
        return Allowlist.require("jobId", jobId, JOB_ID, 21, "a job id such as 123 or 123_4");
    }

    private static String idList(List<String> jobIds) {
        if (jobIds == null || jobIds.isEmpty()) {
            throw new SlurmValidationException("jobIds", "at least one job id");
        }
        if (jobIds.size() > MAX_IDS) {
            throw new SlurmValidationException("jobIds", "more than " + MAX_IDS + " ids; query per user instead");
        }
        List<String> ids = new ArrayList<>();
        for (String id : jobIds) {
            ids.add(requireJobId(id));
        }
        return String.join(",", ids);
    }
}
