package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Time limits as people write them and as SLURM prints them. */
class WalltimeTest {

    @Test
    void should_read_days_hours_minutes_seconds_and_write_slurms_form() {
        assertThat(Walltime.parse("1-12:00:00").seconds()).isEqualTo(36 * 3600);
        assertThat(Walltime.parse("36:00:00").seconds()).isEqualTo(36 * 3600);
        assertThat(Walltime.parse("00:30:00").toSlurm()).isEqualTo("0-00:30:00");
        assertThat(Walltime.parse("1:02:03").toSlurm()).isEqualTo("0-01:02:03");
        assertThat(Walltime.parse("365-00:00:00").toSlurm()).isEqualTo("365-00:00:00");
        assertThat(Walltime.of(Duration.ofMinutes(90)).toSlurm()).isEqualTo("0-01:30:00");
        assertThat(Walltime.parse("2-00:00:00")).isGreaterThan(Walltime.parse("47:59:59"));
    }

    @Test
    void should_refuse_limits_out_of_range_or_in_other_forms_naming_the_field() {
        for (String bad : new String[] {"00:00:59", "366-00:00:00", "1-24:00:00", "00:60:00", "00:00:60", "30",
                "1:2:3", "UNLIMITED", "1-", "-1:00:00", "1:00", " 01:00:00", "01:00:00\n", "０1:00:00", ""}) {
            assertThatThrownBy(() -> Walltime.parse(bad)).as(bad).isInstanceOf(SlurmValidationException.class)
                    .hasMessageStartingWith("walltime: ");
        }
        assertThatThrownBy(() -> Walltime.parse(null)).hasMessage("walltime: missing");
        assertThatThrownBy(() -> new Walltime(59)).hasMessageContaining("between 1 minute and 365 days");
    }

    @Test
    void should_read_every_time_form_slurm_prints() {
        // squeue(1), sacct(1), scontrol(1): minutes, minutes:seconds, hours:minutes:seconds, days-hours,
        // days-hours:minutes, days-hours:minutes:seconds
        assertThat(Walltime.parseSlurm("30")).hasValue(1800);
        assertThat(Walltime.parseSlurm("0:05")).hasValue(5);
        assertThat(Walltime.parseSlurm("5:00")).hasValue(300);
        assertThat(Walltime.parseSlurm("1:00:00")).hasValue(3600);
        assertThat(Walltime.parseSlurm("00:38:02")).hasValue(38 * 60 + 2);
        assertThat(Walltime.parseSlurm("2-00")).hasValue(2 * 86400);
        assertThat(Walltime.parseSlurm("2-03:04")).hasValue(2 * 86400 + 3 * 3600 + 4 * 60);
        assertThat(Walltime.parseSlurm("15-00:00:00")).hasValue(15 * 86400);
        assertThat(Walltime.parseSlurm("1-02:03:04")).hasValue(86400 + 7384);
        for (String none : new String[] {"UNLIMITED", "INFINITE", "NONE", "N/A", "Partition_Limit", "INVALID", "",
                "1:2:3:4", "99999999999999999999"}) {
            assertThat(Walltime.parseSlurm(none)).as(none).isEmpty();
        }
        assertThat(Walltime.parseSlurm(null)).isEmpty();
    }
}
