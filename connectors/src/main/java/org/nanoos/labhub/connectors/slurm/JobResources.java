package org.nanoos.labhub.connectors.slurm;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a job asks SLURM for. Every field is checked when the record is made, against a pattern or range of its own,
 * so that a value becomes an {@code #SBATCH} directive only when it cannot carry anything but itself: no white space,
 * quotes, {@code #}, backslashes, newlines or non-ASCII characters can pass.
 *
 * @param jobName      {@code --job-name}: 1–64 of {@code A-Z a-z 0-9 _ . -}, not starting with {@code .} or
 *                     {@code -}, and not containing {@code packjob} or {@code hetjob} (sbatch reads those words in a
 *                     directive line as a heterogeneous-job separator)
 * @param nodes        {@code --nodes}, 1–{@value #MAX_NODES}
 * @param tasksPerNode {@code --ntasks-per-node} (MPI ranks per node), 1–{@value #MAX_PER_NODE}
 * @param cpusPerTask  {@code --cpus-per-task} (threads per rank), 1–{@value #MAX_PER_NODE}; tasks × cpus per node at
 *                     most {@value #MAX_PER_NODE}
 * @param memoryMb     {@code --mem} per node in MiB (SLURM's "M"), 1–{@value #MAX_MEMORY_MB}, or {@code null} for the
 *                     partition's default
 * @param walltime     {@code --time}
 * @param gpusPerNode  GPUs per node, 0–{@value #MAX_GPUS}; written as {@code --gres=gpu:N} (or
 *                     {@code gpu:TYPE:N}), which every SLURM version since 2.x reads
 * @param gpuType      GPU type for {@code --gres} ({@code a100}), 1–32 of {@code A-Z a-z 0-9 _}, or {@code null};
 *                     only with GPUs
 * @param partition    {@code --partition}, or {@code null} for the cluster's default
 * @param account      {@code --account}, or {@code null} for the user's default
 * @param qos          {@code --qos}, or {@code null} for the association's default
 */
public record JobResources(String jobName, int nodes, int tasksPerNode, int cpusPerTask, Long memoryMb,
        Walltime walltime, int gpusPerNode, String gpuType, String partition, String account, String qos) {

    /** Most nodes one job may ask for. */
    public static final int MAX_NODES = 10_000;
    /** Most tasks, CPUs per task and CPUs per node. */
    public static final int MAX_PER_NODE = 4096;
    /** Most memory per node, in MiB (16 TiB). */
    public static final long MAX_MEMORY_MB = 16L * 1024 * 1024;
    /** Most GPUs per node. */
    public static final int MAX_GPUS = 64;

    /** Job names: ASCII letters, digits, {@code _ . -}; a letter, digit or {@code _} first. */
    public static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    /** Partition, account and QOS names. */
    public static final Pattern SLURM_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,63}");
    /** GPU type names in {@code --gres=gpu:TYPE:N}. */
    public static final Pattern GPU_TYPE = Pattern.compile("[A-Za-z0-9_]{1,32}");

    public JobResources {
        Allowlist.require("jobName", jobName, JOB_NAME, 64, "1–64 of A-Z a-z 0-9 _ . - (not starting with . or -)");
        requireNoHetJobWord("jobName", jobName);
        range("nodes", nodes, 1, MAX_NODES);
        range("tasksPerNode", tasksPerNode, 1, MAX_PER_NODE);
        range("cpusPerTask", cpusPerTask, 1, MAX_PER_NODE);
        if ((long) tasksPerNode * cpusPerTask > MAX_PER_NODE) {
            throw new SlurmValidationException("cpusPerTask", "tasksPerNode × cpusPerTask = "
                    + (long) tasksPerNode * cpusPerTask + " CPUs per node; at most " + MAX_PER_NODE);
        }
        if (memoryMb != null && (memoryMb < 1 || memoryMb > MAX_MEMORY_MB)) {
            throw new SlurmValidationException("memoryMb", "must be 1–" + MAX_MEMORY_MB + " MiB per node, or absent"
                    + " for the partition default (" + memoryMb + " given)");
        }
        if (walltime == null) {
            throw new SlurmValidationException("walltime", "missing; every job needs a time limit");
        }
        range("gpusPerNode", gpusPerNode, 0, MAX_GPUS);
        if (gpuType != null) {
            Allowlist.require("gpuType", gpuType, GPU_TYPE, 32, "1–32 of A-Z a-z 0-9 _");
            requireNoHetJobWord("gpuType", gpuType);
            if (gpusPerNode == 0) {
                throw new SlurmValidationException("gpuType", "given without GPUs; set gpusPerNode too");
            }
        }
        optionalName("partition", partition);
        optionalName("account", account);
        optionalName("qos", qos);
    }

    /** A builder; job name and walltime are required, everything else defaults to one task on one node. */
    public static Builder builder() {
        return new Builder();
    }

    /** CPUs on each node: tasks per node × CPUs per task. */
    public int cpusPerNode() {
        return tasksPerNode * cpusPerTask;
    }

    /** All CPUs of the job. */
    public long totalCpus() {
        return (long) nodes * cpusPerNode();
    }

    /** {@link #memoryMb} as an optional. */
    public Optional<Long> memory() {
        return Optional.ofNullable(memoryMb);
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new SlurmValidationException(field, "must be " + min + "–" + max + " (" + value + " given)");
        }
    }

    private static void optionalName(String field, String value) {
        if (value != null) {
            Allowlist.require(field, value, SLURM_NAME, 64, "1–64 of A-Z a-z 0-9 _ - (not starting with -)");
            requireNoHetJobWord(field, value);
        }
    }

    /**
     * sbatch blanks the words {@code packjob} and {@code hetjob} anywhere in an {@code #SBATCH} line and treats the line
     * as a heterogeneous-job separator (sbatch {@code opt.c _get_argument}, burst buffer {@code _hetjob_check}); a
     * value holding either would silently change the job.
     */
    static void requireNoHetJobWord(String field, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains("hetjob") || lower.contains("packjob")) {
            throw new SlurmValidationException(field, Allowlist.describe(value) + " contains 'hetjob' or 'packjob',"
                    + " which sbatch reads as a heterogeneous-job separator in a directive line");
        }
    }

    /** Builds {@link JobResources}; checks happen in {@link #build()}. */
    public static final class Builder {
        private String jobName;
        private int nodes = 1;
        private int tasksPerNode = 1;
        private int cpusPerTask = 1;
        private Long memoryMb;
        private Walltime walltime;
        private int gpusPerNode;
        private String gpuType;
        private String partition;
        private String account;
        private String qos;

        private Builder() {
        }

        public Builder jobName(String v) {
            jobName = v;
            return this;
        }

        public Builder nodes(int v) {
            nodes = v;
            return this;
        }

        public Builder tasksPerNode(int v) {
            tasksPerNode = v;
            return this;
        }

        public Builder cpusPerTask(int v) {
            cpusPerTask = v;
            return this;
        }

        public Builder memoryMb(Long v) {
            memoryMb = v;
            return this;
        }

        public Builder walltime(Walltime v) {
            walltime = v;
            return this;
        }

        /** The walltime as a person writes it, {@code D-HH:MM:SS} or {@code HH:MM:SS}. */
        public Builder walltime(String v) {
            walltime = Walltime.parse(v);
            return this;
        }

        public Builder gpusPerNode(int v) {
            gpusPerNode = v;
            return this;
        }

        public Builder gpuType(String v) {
            gpuType = v;
            return this;
        }

        public Builder partition(String v) {
            partition = v;
            return this;
        }

        public Builder account(String v) {
            account = v;
            return this;
        }

        public Builder qos(String v) {
            qos = v;
            return this;
        }

        public JobResources build() {
            return new JobResources(jobName, nodes, tasksPerNode, cpusPerTask, memoryMb, walltime, gpusPerNode,
                    gpuType, partition, account, qos);
        }
    }
}
