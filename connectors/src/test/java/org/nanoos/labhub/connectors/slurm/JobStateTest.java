package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** SLURM's job states as squeue, sacct and scontrol print them. */
class JobStateTest {

    @Test
    void should_read_every_state_by_name_and_by_compact_code() {
        // names and codes of job_state_string / job_state_string_compact, src/common/slurm_protocol_defs.c
        for (JobState s : JobState.values()) {
            if (s != JobState.UNKNOWN) {
                assertThat(JobState.parse(s.name())).isEqualTo(s);
                assertThat(JobState.parse(s.code())).isEqualTo(s);
            }
        }
        assertThat(Arrays.stream(JobState.values()).map(JobState::code)).doesNotHaveDuplicates();
        assertThat(JobState.parse("running")).isEqualTo(JobState.RUNNING);
        assertThat(JobState.parse(" PENDING ")).isEqualTo(JobState.PENDING);
    }

    @Test
    void should_read_sacct_decorations() {
        assertThat(JobState.parse("CANCELLED by 0")).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.parse("CANCELLED by 1000")).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.parse("CANCELLED+")).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.parse("OUT_OF_ME+")).isEqualTo(JobState.OUT_OF_MEMORY);
        assertThat(JobState.parse("REQUEUE+")).isEqualTo(JobState.UNKNOWN); // REQUEUED, REQUEUE_FED, REQUEUE_HOLD
        assertThat(JobState.parse("OOM")).isEqualTo(JobState.OUT_OF_MEMORY);
        assertThat(JobState.parse("COMPLETED,COMPLETING")).isEqualTo(JobState.COMPLETED);
        assertThat(JobState.parse("SOMETHING_NEW")).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.parse("")).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.parse(null)).isEqualTo(JobState.UNKNOWN);
    }

    @Test
    void should_say_which_states_are_final() {
        EnumSet<JobState> finals = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s.isFinal()) {
                finals.add(s);
            }
        }
        assertThat(finals).containsExactlyInAnyOrder(JobState.COMPLETED, JobState.CANCELLED, JobState.FAILED,
                JobState.TIMEOUT, JobState.NODE_FAIL, JobState.PREEMPTED, JobState.BOOT_FAIL, JobState.DEADLINE,
                JobState.OUT_OF_MEMORY, JobState.REVOKED);
        assertThat(JobState.COMPLETED.isSuccess()).isTrue();
        assertThat(JobState.TIMEOUT.isFailure()).isTrue();
        assertThat(JobState.COMPLETING.isFinal()).isFalse();
        assertThat(JobState.RUNNING.isFailure()).isFalse();
        assertThat(JobState.UNKNOWN.isFinal()).isFalse();
    }
}
