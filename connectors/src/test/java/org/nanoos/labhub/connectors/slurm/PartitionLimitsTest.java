package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Partition limits from scontrol show partition, and which limit a request exceeds. */
class PartitionLimitsTest {

    /**
     * Two partitions as 'scontrol show partition' printed them on the University of Illinois campus cluster,
     * quoted from coatless-textbooks/hpc, stat-partition-config.qmd ("Last pulled 08/03/22").
     */
    private static final String CAMPUS = """
            PartitionName=stat
               AllowGroups=acc-stat,acc-stat-qu AllowAccounts=ALL AllowQos=ALL
               AllocNodes=ALL Default=NO QoS=N/A
               DefaultTime=00:30:00 DisableRootJobs=YES ExclusiveUser=NO GraceTime=0 Hidden=NO
               MaxNodes=UNLIMITED MaxTime=14-00:00:00 MinNodes=0 LLN=NO MaxCPUsPerNode=UNLIMITED
               Nodes=ccc[0035-0036,0085-0090,0270-0271],golub[113-116,231-234]
               PriorityJobFactor=1 PriorityTier=3 RootOnly=NO ReqResv=NO OverSubscribe=YES:4
               OverTimeLimit=NONE PreemptMode=OFF
               State=UP TotalCPUs=536 TotalNodes=18 SelectTypeParameters=NONE
               JobDefaults=(null)
               DefMemPerCPU=2150 MaxMemPerNode=UNLIMITED
               TRES=cpu=536,mem=3414036M,node=18,billing=536,gres/gpu=12

            PartitionName=statstudent
               AllowGroups=acc-stat AllowAccounts=ALL AllowQos=ALL
               AllocNodes=ALL Default=NO QoS=N/A
               DefaultTime=00:30:00 DisableRootJobs=YES ExclusiveUser=NO GraceTime=0 Hidden=NO
               MaxNodes=UNLIMITED MaxTime=7-00:00:00 MinNodes=0 LLN=NO MaxCPUsPerNode=UNLIMITED
               Nodes=ccc[0035-0036,0089-0090,0270-0271],golub[231-234]
               PriorityJobFactor=1 PriorityTier=3 RootOnly=NO ReqResv=NO OverSubscribe=YES:4
               OverTimeLimit=NONE PreemptMode=OFF
               State=UP TotalCPUs=312 TotalNodes=10 SelectTypeParameters=NONE
               JobDefaults=(null)
               DefMemPerCPU=2150 MaxMemPerNode=UNLIMITED
               TRES=cpu=312,mem=2513192M,node=10,billing=312,gres/gpu=12
            """;

    /** A tightly limited partition, written to the same format (every limit the check knows, set). */
    private static final String TIGHT = """
            PartitionName=short AllowGroups=ALL AllowAccounts=chem,phys DenyQos=long AllowQos=normal,debug
               AllocNodes=ALL Default=NO QoS=N/A
               DefaultTime=00:10:00 DisableRootJobs=NO ExclusiveUser=NO GraceTime=0 Hidden=NO
               MaxNodes=4 MaxTime=04:00:00 MinNodes=2 LLN=NO MaxCPUsPerNode=32
               Nodes=c[01-08]
               State=DRAIN TotalCPUs=512 TotalNodes=8 SelectTypeParameters=NONE
               DefMemPerNode=4096 MaxMemPerNode=128000 MaxMemPerCPU=4000M
               TRES=cpu=512,mem=1000G,node=8,billing=512
            """;

    /**
     * The single-node partition of /work/shared/notes/slurm.md ('PartitionName=debug ... MaxTime=INFINITE
     * State=UP', one node with CPUs=2 RealMemory=8000), in the one-line form of 'scontrol -o show partition' of SLURM
     * 22.05, written to that format.
     */
    private static final String NOTES_DEBUG = "PartitionName=debug AllowGroups=ALL AllowAccounts=ALL AllowQos=ALL"
            + " AllocNodes=ALL Default=YES QoS=N/A DefaultTime=NONE DisableRootJobs=NO ExclusiveUser=NO GraceTime=0"
            + " Hidden=NO MaxNodes=UNLIMITED MaxTime=UNLIMITED MinNodes=0 LLN=NO MaxCPUsPerNode=UNLIMITED Nodes=labhost"
            + " PriorityJobFactor=1 PriorityTier=1 RootOnly=NO ReqResv=NO OverSubscribe=NO OverTimeLimit=NONE"
            + " PreemptMode=OFF State=UP TotalCPUs=2 TotalNodes=1 SelectTypeParameters=NONE JobDefaults=(null)"
            + " DefMemPerNode=UNLIMITED MaxMemPerNode=UNLIMITED TRES=cpu=2,mem=8000M,node=1,billing=2\n";

    private static JobResources.Builder job() {
        return JobResources.builder().jobName("j").walltime("01:00:00");
    }

    @Test
    void should_read_the_limits_of_every_partition_in_the_output() {
        ParsedLines<PartitionLimits> p = PartitionLimits.parse(CAMPUS);
        assertThat(p.records()).extracting(PartitionLimits::name).containsExactly("stat", "statstudent");
        PartitionLimits stat = p.records().get(0);
        assertThat(stat.state()).isEqualTo("UP");
        assertThat(stat.maxTimeSeconds()).isEqualTo(14 * 86400);
        assertThat(stat.defaultTimeSeconds()).isEqualTo(1800);
        assertThat(stat.maxNodes()).isNull();
        assertThat(stat.minNodes()).isZero();
        assertThat(stat.maxCpusPerNode()).isNull();
        assertThat(stat.defMemPerCpuMb()).isEqualTo(2150);
        assertThat(stat.maxMemPerNodeMb()).isNull();
        assertThat(stat.totalCpus()).isEqualTo(536);
        assertThat(stat.totalNodes()).isEqualTo(18);
        assertThat(stat.totalGpus()).isEqualTo(12);
        assertThat(stat.allowAccounts()).isNull();
        assertThat(stat.allowQos()).isNull();
        assertThat(stat.denyAccounts()).isEmpty();
        assertThat(p.records().get(1).maxTimeSeconds()).isEqualTo(7 * 86400);

        PartitionLimits tight = PartitionLimits.parse(TIGHT).records().get(0);
        assertThat(tight.allowAccounts()).containsExactlyInAnyOrder("chem", "phys");
        assertThat(tight.allowQos()).containsExactlyInAnyOrder("normal", "debug");
        assertThat(tight.denyQos()).containsExactly("long");
        assertThat(tight.maxMemPerNodeMb()).isEqualTo(128000);
        assertThat(tight.maxMemPerCpuMb()).isEqualTo(4000);
        assertThat(tight.defMemPerNodeMb()).isEqualTo(4096);
        assertThat(tight.totalGpus()).isZero();

        PartitionLimits debug = PartitionLimits.parse(NOTES_DEBUG).records().get(0);
        assertThat(debug.maxTimeSeconds()).isNull();
        assertThat(debug.totalCpus()).isEqualTo(2);
        assertThat(PartitionLimits.parse("").records()).isEmpty();
    }

    @Test
    void should_pass_a_request_that_fits() {
        PartitionLimits stat = PartitionLimits.parse(CAMPUS).records().get(0);
        assertThat(stat.check(job().partition("stat").nodes(4).tasksPerNode(16).memoryMb(64_000L).gpusPerNode(2)
                .walltime("13-23:00:00").build())).isEmpty();
        PartitionLimits debug = PartitionLimits.parse(NOTES_DEBUG).records().get(0);
        assertThat(debug.check(job().tasksPerNode(2).walltime("100-00:00:00").build())).isEmpty();
    }

    @Test
    void should_say_exactly_which_limits_a_request_exceeds() {
        PartitionLimits stat = PartitionLimits.parse(CAMPUS).records().get(1);
        List<PartitionLimits.Violation> v = stat.check(job().partition("statstudent").nodes(11).gpusPerNode(2)
                .walltime("7-00:00:01").build());
        assertThat(v).extracting(PartitionLimits.Violation::limit).containsExactly("MaxTime", "TotalNodes",
                "TRES gres/gpu");
        assertThat(v.get(0)).isEqualTo(new PartitionLimits.Violation("walltime", "MaxTime", "7-00:00:00",
                "7-00:00:01", "the time limit 7-00:00:01 exceeds partition 'statstudent' MaxTime 7-00:00:00; ask"
                + " for at most that, or use a partition with longer jobs (and make the calculation restartable)"));
        assertThat(v.get(1).message()).isEqualTo("the job asks for 11 nodes; partition 'statstudent' has only 10");
        assertThat(v.get(2).message()).isEqualTo("the job asks for 22 GPUs; partition 'statstudent' has 12 in all");

        PartitionLimits tight = PartitionLimits.parse(TIGHT).records().get(0);
        List<PartitionLimits.Violation> all = tight.check(job().partition("short").nodes(5).tasksPerNode(16)
                .cpusPerTask(4).memoryMb(300_000L).gpusPerNode(1).account("bio").qos("long").walltime("04:00:01")
                .build());
        assertThat(all).extracting(PartitionLimits.Violation::field, PartitionLimits.Violation::limit)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("partition", "State"),
                        org.assertj.core.groups.Tuple.tuple("walltime", "MaxTime"),
                        org.assertj.core.groups.Tuple.tuple("nodes", "MaxNodes"),
                        org.assertj.core.groups.Tuple.tuple("cpusPerNode", "MaxCPUsPerNode"),
                        org.assertj.core.groups.Tuple.tuple("memoryMb", "MaxMemPerNode"),
                        org.assertj.core.groups.Tuple.tuple("memoryMb", "MaxMemPerCPU"),
                        org.assertj.core.groups.Tuple.tuple("gpusPerNode", "TRES gres/gpu"),
                        org.assertj.core.groups.Tuple.tuple("account", "AllowAccounts"),
                        org.assertj.core.groups.Tuple.tuple("qos", "AllowQos"),
                        org.assertj.core.groups.Tuple.tuple("qos", "DenyQos"));
        assertThat(all.get(0).message()).isEqualTo("partition 'short' is DRAIN and accepts no new jobs; choose another"
                + " partition or wait for the administrators to reopen it");
        assertThat(all.get(3).message()).isEqualTo("the job asks for 16 tasks × 4 CPUs = 64 CPUs per node; partition"
                + " 'short' allows at most 32 per node; use fewer tasks per node and more nodes");
        assertThat(all.get(4).limitValue()).isEqualTo("128000M");
        assertThat(all.get(5).requested()).isEqualTo("4688M per CPU");
        assertThat(all.get(6).message()).isEqualTo("partition 'short' has no GPUs; use a GPU partition or ask for"
                + " none");
        assertThat(all.get(7).message()).isEqualTo("account 'bio' may not use partition 'short'; its accounts are"
                + " [chem, phys]");
        assertThat(tight.check(job().nodes(1).partition("short").build())).extracting(
                PartitionLimits.Violation::limit).containsExactly("State", "MinNodes");
        assertThat(tight.check(job().nodes(2).partition("long").build())).extracting(
                PartitionLimits.Violation::limit).containsExactly("PartitionName", "State");
        PartitionLimits down = PartitionLimits.parse(TIGHT.replace("State=DRAIN", "State=DOWN")).records().get(0);
        assertThat(down.check(job().nodes(2).build()).get(0).message()).contains("is DOWN: jobs are queued but none"
                + " starts");
    }
}
