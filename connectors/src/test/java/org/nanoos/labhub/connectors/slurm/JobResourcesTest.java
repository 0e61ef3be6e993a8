package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a job may ask SLURM for, and the messages when it may not. */
class JobResourcesTest {

    private static JobResources.Builder base() {
        return JobResources.builder().jobName("md-run.1").walltime("02:00:00");
    }

    @Test
    void should_default_to_one_task_on_one_node() {
        JobResources r = base().build();
        assertThat(r.nodes()).isEqualTo(1);
        assertThat(r.cpusPerNode()).isEqualTo(1);
        assertThat(r.memory()).isEmpty();
        assertThat(r.partition()).isNull();
        JobResources big = base().nodes(4).tasksPerNode(32).cpusPerTask(2).build();
        assertThat(big.cpusPerNode()).isEqualTo(64);
        assertThat(big.totalCpus()).isEqualTo(256);
    }

    @Test
    void should_refuse_out_of_range_numbers_naming_the_field() {
        assertThatThrownBy(() -> base().nodes(0).build()).hasMessage("nodes: must be 1–10000 (0 given)");
        assertThatThrownBy(() -> base().tasksPerNode(0).build()).hasMessageStartingWith("tasksPerNode: ");
        assertThatThrownBy(() -> base().cpusPerTask(-1).build()).hasMessageStartingWith("cpusPerTask: ");
        assertThatThrownBy(() -> base().tasksPerNode(128).cpusPerTask(64).build())
                .hasMessage("cpusPerTask: tasksPerNode × cpusPerTask = 8192 CPUs per node; at most 4096");
        assertThatThrownBy(() -> base().memoryMb(0L).build()).hasMessageStartingWith("memoryMb: must be 1–");
        assertThatThrownBy(() -> base().memoryMb(JobResources.MAX_MEMORY_MB + 1).build())
                .hasMessageStartingWith("memoryMb: ");
        assertThatThrownBy(() -> base().gpusPerNode(65).build()).hasMessageStartingWith("gpusPerNode: ");
        assertThatThrownBy(() -> base().gpuType("a100").build())
                .hasMessage("gpuType: given without GPUs; set gpusPerNode too");
        assertThatThrownBy(() -> JobResources.builder().jobName("x").build())
                .hasMessage("walltime: missing; every job needs a time limit");
    }

    @Test
    void should_refuse_names_that_are_not_plain_words_naming_the_field() {
        assertThatThrownBy(() -> base().jobName("si scf").build()).isInstanceOf(SlurmValidationException.class)
                .hasMessage("jobName: 'si scf' is not accepted; expected 1–64 of A-Z a-z 0-9 _ . - (not starting"
                        + " with . or -)");
        assertThatThrownBy(() -> base().jobName("x\n#SBATCH --partition=evil").build())
                .hasMessage("jobName: holds the control or format character U+000A (LINE FEED (LF)) at position 1;"
                        + " only printable text is accepted");
        assertThatThrownBy(() -> base().partition("\u202Egpu").build())
                .hasMessageStartingWith("partition: holds the control or format character U+202E");
        assertThatThrownBy(() -> base().account("lab.x").build()).hasMessageStartingWith("account: 'lab.x' is not"
                + " accepted");
        assertThatThrownBy(() -> base().qos("-normal").build()).hasMessageStartingWith("qos: ");
        assertThatThrownBy(() -> base().jobName("my_hetjob").build())
                .hasMessageContaining("sbatch reads as a heterogeneous-job separator");
        assertThatThrownBy(() -> base().partition("PackJob").build()).hasMessageStartingWith("partition: ");
        assertThatThrownBy(() -> base().jobName("a".repeat(65)).build()).hasMessageStartingWith("jobName: ");
        assertThat(base().jobName("a".repeat(64)).partition("gpu-a100_long").account("proj_42").qos("high")
                .gpusPerNode(2).gpuType("h100").build().gpuType()).isEqualTo("h100");
    }
}
