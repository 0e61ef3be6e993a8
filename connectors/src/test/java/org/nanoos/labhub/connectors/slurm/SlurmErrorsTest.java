package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.slurm.SlurmErrors.Command;
import org.nanoos.labhub.connectors.slurm.SlurmErrors.Disposition;
import org.nanoos.labhub.connectors.slurm.SlurmErrors.Kind;
import org.nanoos.labhub.connectors.slurm.SlurmErrors.SlurmError;

/**
 * SLURM's messages explained. The texts after "Batch job submission failed:" are SLURM's error strings
 * (SchedMD/slurm src/common/slurm_errno.c); the two-line answers and client-side lines are as sbatch prints them,
 * e.g. "Memory specification can not be satisfied" in meta-pytorch/torchforge#590 and NOAA-EMC/GDASApp#1762, "invalid
 * partition specified: NAME", "QOSMaxWallDurationPerJobLimit" and "slurm_load_jobs error: Socket timed out" as shown in
 * many public HPC guides and issue threads.
 */
class SlurmErrorsTest {

    private record Case(Command command, String stderr, Kind kind, Disposition disposition) {
    }

    private static final String FAILED = "sbatch: error: Batch job submission failed: ";

    private static final List<Case> CASES = List.of(
            new Case(Command.SBATCH, "sbatch: error: invalid partition specified: custom\n" + FAILED
                    + "Invalid partition name specified\n", Kind.INVALID_PARTITION, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Invalid partition name specified", Kind.INVALID_PARTITION,
                    Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "No partition specified or system default partition",
                    Kind.NO_PARTITION, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Invalid account or account/partition combination specified",
                    Kind.INVALID_ACCOUNT, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Invalid qos specification", Kind.INVALID_QOS, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, "sbatch: error: Memory specification can not be satisfied\n" + FAILED
                    + "Requested node configuration is not available", Kind.MEMORY_UNAVAILABLE,
                    Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, "sbatch: error: CPU count per node can not be satisfied\n" + FAILED
                    + "Requested node configuration is not available", Kind.CPUS_UNAVAILABLE,
                    Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Requested node configuration is not available",
                    Kind.NODE_CONFIG_UNAVAILABLE, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "More processors requested than permitted", Kind.CPUS_UNAVAILABLE,
                    Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Invalid generic resource (gres) specification",
                    Kind.GPUS_UNAVAILABLE, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Requested GRES option unsupported by configured SelectType plugin",
                    Kind.GPUS_UNAVAILABLE, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, "sbatch: error: QOSMaxWallDurationPerJobLimit\n" + FAILED + "Job violates"
                    + " accounting/QOS policy (job submit limit, user's size and/or time limits)",
                    Kind.TIME_LIMIT_EXCEEDS_QOS, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, "sbatch: error: QOSMaxCpuPerJobLimit\n" + FAILED + "Job violates"
                    + " accounting/QOS policy (job submit limit, user's size and/or time limits)",
                    Kind.SIZE_LIMIT_EXCEEDS_QOS, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, "sbatch: error: AssocMaxSubmitJobLimit\n" + FAILED + "Job violates"
                    + " accounting/QOS policy (job submit limit, user's size and/or time limits)",
                    Kind.SUBMIT_LIMIT_REACHED, Disposition.RETRY),
            new Case(Command.SBATCH, FAILED + "Job violates accounting/QOS policy (job submit limit, user's size"
                    + " and/or time limits)", Kind.ACCOUNTING_POLICY, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "MaxJobCount limit reached", Kind.SUBMIT_LIMIT_REACHED,
                    Disposition.RETRY),
            new Case(Command.SBATCH, FAILED + "Requested time limit is invalid (missing or exceeds some limit)",
                    Kind.INVALID_TIME_LIMIT, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Requested partition configuration not available now",
                    Kind.PARTITION_CONFIG_UNAVAILABLE, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Node count specification invalid", Kind.INVALID_NODE_COUNT,
                    Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Required partition not available (inactive or drain)",
                    Kind.PARTITION_UNAVAILABLE, Disposition.RETRY),
            new Case(Command.SBATCH, FAILED + "Partition in DOWN state", Kind.PARTITION_UNAVAILABLE,
                    Disposition.RETRY),
            new Case(Command.SBATCH, FAILED + "User's group not permitted to use this partition",
                    Kind.PARTITION_NOT_PERMITTED, Disposition.FIX_REQUEST),
            new Case(Command.SBATCH, FAILED + "Required node not available (down, drained or reserved)",
                    Kind.NODES_UNAVAILABLE, Disposition.RETRY),
            new Case(Command.SBATCH, FAILED + "System submissions disabled", Kind.SUBMISSIONS_DISABLED,
                    Disposition.RETRY),
            new Case(Command.SBATCH, "sbatch: error: slurm_receive_msg: Socket timed out on send/recv operation\n"
                    + FAILED + "Socket timed out on send/recv operation", Kind.CONTROLLER_UNREACHABLE,
                    Disposition.LOOKUP_THEN_RETRY),
            new Case(Command.SBATCH, FAILED + "Unable to contact slurm controller (connect failure)",
                    Kind.CONTROLLER_UNREACHABLE, Disposition.LOOKUP_THEN_RETRY),
            new Case(Command.SBATCH, "sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying.\n"
                    + FAILED + "Resource temporarily unavailable", Kind.CONTROLLER_UNREACHABLE,
                    Disposition.LOOKUP_THEN_RETRY),
            new Case(Command.SQUEUE, "squeue: error: slurm_receive_msg: Socket timed out on send/recv operation\n"
                    + "slurm_load_jobs error: Socket timed out on send/recv operation", Kind.CONTROLLER_UNREACHABLE,
                    Disposition.RETRY),
            new Case(Command.SCONTROL, "slurm_load_jobs error: Unable to contact slurm controller (connect failure)",
                    Kind.CONTROLLER_UNREACHABLE, Disposition.RETRY),
            new Case(Command.SQUEUE, "slurm_load_jobs error: Zero Bytes were transmitted or received",
                    Kind.CONTROLLER_UNREACHABLE, Disposition.RETRY),
            new Case(Command.SACCT, "sacct: error: Slurm accounting storage is disabled", Kind.ACCOUNTING_DISABLED,
                    Disposition.FALL_BACK),
            new Case(Command.SACCT, "sacct: error: Problem talking to the database: Unable to connect to database",
                    Kind.ACCOUNTING_DISABLED, Disposition.FALL_BACK),
            new Case(Command.SCONTROL, "slurm_load_jobs error: Invalid job id specified", Kind.JOB_UNKNOWN,
                    Disposition.FALL_BACK),
            new Case(Command.SQUEUE, "slurm_load_jobs error: Invalid job id specified", Kind.JOB_UNKNOWN,
                    Disposition.FALL_BACK),
            new Case(Command.SCANCEL, "scancel: error: Kill job error on job id 123: Invalid job id specified",
                    Kind.JOB_UNKNOWN, Disposition.NOTHING_TO_DO),
            new Case(Command.SCANCEL, "scancel: error: Kill job error on job id 123: Job/step already completing or"
                    + " completed", Kind.JOB_ALREADY_DONE, Disposition.NOTHING_TO_DO),
            new Case(Command.SCANCEL, "scancel: error: Kill job error on job id 123: Access/permission denied",
                    Kind.PERMISSION_DENIED, Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, FAILED + "Invalid user id", Kind.PERMISSION_DENIED, Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, "sbatch: error: Munge encode failed: Failed to access"
                    + " \"/var/run/munge/munge.socket.2\": No such file or directory", Kind.AUTHENTICATION,
                    Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, FAILED + "Protocol authentication error", Kind.AUTHENTICATION,
                    Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, FAILED + "Incompatible versions of client and server code",
                    Kind.VERSION_MISMATCH, Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, "sbatch: error: Batch script contains DOS line breaks (\\r\\n)\n"
                    + "sbatch: error: instead of expected UNIX line breaks (\\n).", Kind.SCRIPT_REJECTED,
                    Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, "sbatch: error: Unable to open file /scratch/x/labhub-job.sbatch",
                    Kind.SCRIPT_REJECTED, Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, "bash: line 1: sbatch: command not found", Kind.COMMAND_NOT_FOUND,
                    Disposition.ADMINISTRATOR),
            new Case(Command.SBATCH, "sbatch: error: something this hub has never seen", Kind.UNKNOWN,
                    Disposition.ADMINISTRATOR),
            new Case(Command.SQUEUE, "squeue: error: something this hub has never seen", Kind.UNKNOWN,
                    Disposition.RETRY));

    @Test
    void should_explain_each_slurm_message_with_what_to_do() {
        for (Case c : CASES) {
            SlurmError e = SlurmErrors.explain(c.command(), c.stderr());
            assertThat(e.kind()).as(c.stderr()).isEqualTo(c.kind());
            assertThat(e.disposition()).as(c.stderr()).isEqualTo(c.disposition());
            assertThat(e.isTransient()).isEqualTo(c.disposition().isTransient());
            assertThat(e.explanation()).as(c.stderr()).isNotBlank().doesNotContain("sbatch: error:");
            assertThat(e.whatToChange()).isNotBlank();
            assertThat(e.slurmMessage()).doesNotStartWith("sbatch:").doesNotContain("\n");
        }
        // every kind of submission and query failure has at least one real message above
        Set<Kind> covered = EnumSet.noneOf(Kind.class);
        CASES.forEach(c -> covered.add(c.kind()));
        assertThat(covered).containsAll(EnumSet.complementOf(EnumSet.of(Kind.JOB_WAITING, Kind.JOB_HELD,
                Kind.JOB_NEVER_STARTS)));
    }

    @Test
    void should_name_the_partition_and_keep_slurms_words() {
        SlurmError e = SlurmErrors.explain(Command.SBATCH, CASES.get(0).stderr());
        assertThat(e.explanation()).isEqualTo("The cluster has no partition named 'custom' (or hides it from this"
                + " account).");
        assertThat(e.slurmMessage()).isEqualTo("invalid partition specified: custom / Batch job submission failed:"
                + " Invalid partition name specified");
        SlurmError memory = SlurmErrors.explain(Command.SBATCH, CASES.get(5).stderr());
        assertThat(memory.whatToChange()).contains("Ask for less memory per node");
        SlurmError timeout = SlurmErrors.explain(Command.SBATCH, CASES.get(24).stderr());
        assertThat(timeout.kind()).isEqualTo(Kind.CONTROLLER_UNREACHABLE);
        assertThat(timeout.disposition()).isEqualTo(Disposition.LOOKUP_THEN_RETRY);
        assertThat(SlurmErrors.explain(Command.SQUEUE, "").slurmMessage()).isEqualTo("(no message)");
        assertThat(SlurmErrors.explain(Command.SQUEUE, null).kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void should_tell_waiting_jobs_from_jobs_that_will_never_start() {
        // pending reasons as squeue %r prints them (job_reason_string in slurm_protocol_defs.c)
        assertThat(SlurmErrors.explainPendingReason("Priority").disposition()).isEqualTo(Disposition.WAIT);
        assertThat(SlurmErrors.explainPendingReason("Resources").explanation()).contains("nodes to become free");
        assertThat(SlurmErrors.explainPendingReason("Dependency").disposition()).isEqualTo(Disposition.WAIT);
        assertThat(SlurmErrors.explainPendingReason("None").disposition()).isEqualTo(Disposition.WAIT);
        assertThat(SlurmErrors.explainPendingReason(null).disposition()).isEqualTo(Disposition.WAIT);
        assertThat(SlurmErrors.explainPendingReason("AssocGrpCpuLimit").explanation()).contains("shared allowance");
        assertThat(SlurmErrors.explainPendingReason("QOSMaxJobsPerUserLimit").disposition())
                .isEqualTo(Disposition.WAIT);
        assertThat(SlurmErrors.explainPendingReason("ReqNodeNotAvail, UnavailableNodes:node[01-02]").disposition())
                .isEqualTo(Disposition.WAIT);
        for (String never : List.of("QOSMaxWallDurationPerJobLimit", "AssocMaxWallDurationPerJobLimit",
                "PartitionTimeLimit", "QOSMaxCpuPerJobLimit", "QOSMaxNodePerJobLimit", "PartitionNodeLimit",
                "BadConstraints", "InvalidAccount", "InvalidQOS", "DependencyNeverSatisfied")) {
            SlurmError e = SlurmErrors.explainPendingReason(never);
            assertThat(e.kind()).as(never).isEqualTo(Kind.JOB_NEVER_STARTS);
            assertThat(e.disposition()).as(never).isEqualTo(Disposition.FIX_REQUEST);
            assertThat(e.isTransient()).isFalse();
        }
        assertThat(SlurmErrors.explainPendingReason("QOSMaxWallDurationPerJobLimit").whatToChange())
                .contains("shorter walltime");
        assertThat(SlurmErrors.explainPendingReason("JobHeldUser").whatToChange()).contains("scontrol release");
        assertThat(SlurmErrors.explainPendingReason("JobHeldAdmin").disposition())
                .isEqualTo(Disposition.ADMINISTRATOR);
    }
}
