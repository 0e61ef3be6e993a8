package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reading LAMMPS logs, on real runs of LAMMPS 29 Sep 2021 (Debian 12) kept in {@code src/test/resources/slurm/lammps}
 * with their inputs (see the README there).
 */
class LammpsLogTest {

    private static LammpsLog read(String name) throws Exception {
        return LammpsLog.parse(Files.readString(Path.of("src/test/resources/slurm/lammps", name)));
    }

    @Test
    void should_read_both_thermo_tables_of_a_two_run_log() throws Exception {
        LammpsLog log = read("log.melt.lammps");
        assertThat(log.version()).isEqualTo("LAMMPS (29 Sep 2021 - Update 2)");
        assertThat(log.runs()).hasSize(2);
        LammpsLog.ThermoTable first = log.runs().get(0);
        assertThat(first.columns()).containsExactly("Step", "Temp", "E_pair", "E_mol", "TotEng", "Press");
        assertThat(first.rows()).hasSize(6);
        assertThat(first.column("Step")).containsExactly(0, 50, 100, 150, 200, 250);
        assertThat(first.rows().get(0)).containsExactly(0, 3, -6.7733681, 0, -2.2785764, -3.7056485);
        assertThat(first.complete()).isTrue();
        assertThat(first.loopSeconds()).isEqualTo(0.0729771);
        assertThat(first.procs()).isEqualTo(1);
        assertThat(first.steps()).isEqualTo(250);
        assertThat(first.atoms()).isEqualTo(864);
        LammpsLog.ThermoTable second = log.runs().get(1);
        assertThat(second.columns()).containsExactly("Step", "Temp", "PotEng", "KinEng", "TotEng", "Press", "Volume");
        assertThat(second.column("Step")).containsExactly(250, 300, 400, 500, 550);
        assertThat(second.last("Volume")).isEqualTo(1023.4542);
        assertThat(log.wallSeconds()).isZero();
        assertThat(log.error()).isNull();
        assertThat(log.succeeded()).isTrue();
    }

    @Test
    void should_show_energy_conservation_of_the_nve_melt() throws Exception {
        // fix nve with a 0.005 tau step conserves total energy; the melt's TotEng drifts by well under 1 %
        LammpsLog log = read("log.melt.lammps");
        double[] e = log.runs().get(1).column("TotEng");
        double min = Arrays.stream(e).min().orElseThrow();
        double max = Arrays.stream(e).max().orElseThrow();
        assertThat((max - min) / Math.abs(e[0])).isLessThan(0.005);
        // kinetic + potential = total in every row of the second table (columns KinEng, PotEng, TotEng)
        for (double[] row : log.runs().get(1).rows()) {
            assertThat(row[2] + row[3]).isCloseTo(row[4], within(2e-7));
        }
    }

    @Test
    void should_keep_the_rows_of_a_run_cut_off_by_a_time_limit() throws Exception {
        LammpsLog log = read("log.cut.lammps");
        assertThat(log.runs()).hasSize(1);
        LammpsLog.ThermoTable t = log.runs().get(0);
        assertThat(t.complete()).isFalse();
        assertThat(t.loopSeconds()).isNull();
        assertThat(t.rows()).isNotEmpty();
        assertThat(t.column("Step")[0]).isZero();
        assertThat(log.wallSeconds()).isNull();
        assertThat(log.succeeded()).isFalse();
    }

    @Test
    void should_report_an_error_that_ended_the_run() throws Exception {
        LammpsLog log = read("log.lost.lammps");
        assertThat(log.error()).isEqualTo("ERROR: Lost atoms: original 864 current 3 (src/thermo.cpp:439)");
        assertThat(log.runs()).hasSize(1);
        assertThat(log.runs().get(0).rows()).hasSize(2);
        assertThat(log.runs().get(0).complete()).isFalse();
        assertThat(log.succeeded()).isFalse();
    }

    @Test
    void should_skip_warnings_read_nan_and_the_aligned_header_of_newer_versions() {
        // newer LAMMPS (2022+) right-aligns the header; a warning may appear between rows
        String log = """
                LAMMPS (2 Aug 2023)
                Per MPI rank memory allocation (min/avg/max) = 3.0 | 3.0 | 3.0 Mbytes
                   Step          Temp          E_pair         TotEng         Press
                         0   3              -6.7733681     -2.2785764     -3.7056485
                WARNING: Bond/angle/dihedral extent > half of periodic box length (src/domain.cpp:936)
                        50   nan            -4.9157154     -inf            5.1455303
                Loop time of 0.0116 on 4 procs for 50 steps with 864 atoms

                Total wall time: 1:02:03
                """;
        LammpsLog l = LammpsLog.parse(log);
        assertThat(l.runs()).hasSize(1);
        LammpsLog.ThermoTable t = l.runs().get(0);
        assertThat(t.columns()).containsExactly("Step", "Temp", "E_pair", "TotEng", "Press");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.column("Temp")[1]).isNaN();
        assertThat(t.column("TotEng")[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.procs()).isEqualTo(4);
        assertThat(l.wallSeconds()).isEqualTo(3723);
        assertThatThrownBy(() -> t.column("Volume")).hasMessageContaining("no column 'Volume'");
    }

    @Test
    void should_not_take_thermo_style_multi_blocks_for_tables() {
        String log = """
                Per MPI rank memory allocation (min/avg/max) = 3.0 | 3.0 | 3.0 Mbytes
                ---------------- Step        0 ----- CPU =      0.0000 (sec) ----------------
                TotEng   =        -2.2786 KinEng   =         4.4948 Temp     =         3.0000
                Loop time of 0.0116 on 1 procs for 50 steps with 864 atoms
                """;
        assertThat(LammpsLog.parse(log).runs()).isEmpty();
    }
}
