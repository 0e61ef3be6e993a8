package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.slurm.StagedFileName.RemoteEntry;
import org.nanoos.labhub.connectors.slurm.StagedFileName.RemoteEntry.Type;

/** Names of files staged into a job's directory, and the checks the SSH layer makes on the cluster. */
class StagedFileNameTest {

    @Test
    void should_accept_the_input_names_of_the_codes() {
        for (String name : List.of("pw.in", "Si.pz-vbc.UPF", "structure.cards", "in.lammps", "POSCAR", "INCAR",
                "data_1.csv", "run+2=b,c@d", "a".repeat(255))) {
            assertThat(StagedFileName.of(name).value()).isEqualTo(name);
            assertThat(StagedFileName.check(name)).isEmpty();
        }
    }

    @Test
    void should_refuse_paths_traversal_and_look_alikes_saying_why() {
        assertThat(StagedFileName.check("../etc/passwd")).hasValue("'../etc/passwd' is a path; give a plain file"
                + " name (no / or \\)");
        assertThat(StagedFileName.check("/etc/passwd")).hasValue("'/etc/passwd' is an absolute path; give a plain"
                + " file name");
        assertThat(StagedFileName.check("..")).hasValue("'..' holds '..' or is '.'");
        assertThat(StagedFileName.check("a..b")).hasValue("'a..b' holds '..' or is '.'");
        assertThat(StagedFileName.check(".")).hasValue("'.' holds '..' or is '.'");
        assertThat(StagedFileName.check("a\\b")).get().asString().contains("is a path");
        assertThat(StagedFileName.check("\u2215etc\u2215passwd")).hasValue("'\u2215etc\u2215passwd' holds U+2215"
                + " DIVISION SLASH, a look-alike of '/'; only ASCII names are accepted");
        assertThat(StagedFileName.check("a\u2024\u2024b")).get().asString()
                .contains("U+2024 ONE DOT LEADER, a look-alike of '.'");
        assertThat(StagedFileName.check("\uFF0Fetc")).get().asString().contains("FULLWIDTH SOLIDUS");
        assertThat(StagedFileName.check("\uFF0E\uFF0E")).get().asString().contains("FULLWIDTH FULL STOP");
        assertThat(StagedFileName.check("a\u2044b")).get().asString().contains("FRACTION SLASH");
        assertThat(StagedFileName.check("a\uFF3Cb")).get().asString().contains("look-alike of '\\'");
        assertThat(StagedFileName.check("a\u0000b")).hasValue("'a\\u0000b' holds a NUL character");
        assertThat(StagedFileName.check("a\nb")).get().asString().contains("control or format character U+000A");
        assertThat(StagedFileName.check("a\u202Eb")).get().asString().contains("U+202E");
        assertThat(StagedFileName.check("-rf")).hasValue("'-rf' starts with '-', which programs read as an option");
        assertThat(StagedFileName.check(".bashrc")).hasValue("'.bashrc' starts with '.'; hidden files are not staged");
        assertThat(StagedFileName.check("a b")).hasValue("'a b' holds ' ' (U+0020); names take A-Z a-z 0-9 _ . + ="
                + " , @ -");
        assertThat(StagedFileName.check("é.txt")).get().asString().contains("U+00E9");
        assertThat(StagedFileName.check("*.UPF")).get().asString().contains("'*'");
        assertThat(StagedFileName.check("a;b")).get().asString().contains("';'");
        assertThat(StagedFileName.check("=x")).hasValue("'=x' must start with a letter, a digit or '_'");
        assertThat(StagedFileName.check("a".repeat(256))).get().asString().contains("longer than 255 bytes");
        assertThat(StagedFileName.check("€".repeat(100))).get().asString().contains("longer than 255 bytes");
        assertThat(StagedFileName.check(BatchScript.FILE_NAME)).get().asString()
                .contains("the name of the generated batch script");
        assertThat(StagedFileName.check("")).hasValue("empty name");
        assertThat(StagedFileName.check(null)).hasValue("empty name");
        assertThatThrownBy(() -> StagedFileName.of("../x")).isInstanceOf(SlurmValidationException.class)
                .hasMessageStartingWith("file name: ");
    }

    @Test
    void should_take_globs_of_plain_names_for_outputs() {
        assertThat(StagedFileName.requireGlob("outputs", "*.UPF")).isEqualTo("*.UPF");
        assertThat(StagedFileName.requireGlob("outputs", "slurm-*.out")).isEqualTo("slurm-*.out");
        assertThat(StagedFileName.requireGlob("outputs", "step?.dat")).isEqualTo("step?.dat");
        for (String bad : List.of("../*", "*/x", "/tmp/*", "[ab].txt", "{a,b}", ".*", "-*")) {
            assertThatThrownBy(() -> StagedFileName.requireGlob("outputs", bad)).as(bad)
                    .hasMessageStartingWith("outputs: ");
        }
    }

    @Test
    void should_say_what_is_wrong_with_the_job_directory_as_lstat_saw_it() {
        int uid = 1000;
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.DIRECTORY, uid, 0700, 4096), uid)).isEmpty();
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.DIRECTORY, uid, 0755, 4096), uid)).isEmpty();
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.SYMBOLIC_LINK, uid, 0777, 9), uid))
                .hasValue("the job directory is a symbolic link");
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.REGULAR_FILE, uid, 0600, 1), uid))
                .hasValue("the job directory is not a directory (REGULAR_FILE)");
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.DIRECTORY, 0, 0755, 4096), uid))
                .hasValue("the job directory belongs to uid 0, not to the login user (uid 1000)");
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.DIRECTORY, uid, 0775, 4096), uid))
                .hasValue("the job directory is writable by group or others (mode 0775)");
        assertThat(StagedFileName.checkJobDirectory(new RemoteEntry(Type.DIRECTORY, uid, 01777, 4096), uid))
                .hasValue("the job directory is writable by group or others (mode 1777)");
    }

    @Test
    void should_say_what_is_wrong_with_an_uploaded_file_as_lstat_saw_it() {
        int uid = 1000;
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.REGULAR_FILE, uid, 0644, 512), uid, 512))
                .isEmpty();
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.SYMBOLIC_LINK, uid, 0777, 11), uid, 512))
                .hasValue("the staged file is a symbolic link");
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.DIRECTORY, uid, 0755, 4096), uid, 512))
                .hasValue("the staged file is not a regular file (DIRECTORY)");
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.OTHER, uid, 0644, 0), uid, 512))
                .hasValue("the staged file is not a regular file (OTHER)");
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.REGULAR_FILE, 1001, 0644, 512), uid, 512))
                .hasValue("the staged file belongs to uid 1001, not to the login user (uid 1000)");
        assertThat(StagedFileName.checkUploaded(new RemoteEntry(Type.REGULAR_FILE, uid, 0644, 100), uid, 512))
                .hasValue("the staged file has 100 bytes, 512 were written");
    }

    @Test
    void should_resolve_names_inside_the_job_directory_only() {
        JobDirectory dir = new JobDirectory("/scratch/alice/labhub/job-42");
        assertThat(dir.resolve(StagedFileName.of("pw.in"))).isEqualTo("/scratch/alice/labhub/job-42/pw.in");
        assertThat(dir.scriptPath()).isEqualTo("/scratch/alice/labhub/job-42/labhub-job.sbatch");
        for (String bad : List.of("relative/dir", "/scratch/../etc", "/scratch/./x", "/scratch//x", "/scratch/x/",
                "/", "/scratch/-x", "/scratch/a b", "/scratch/hetjob-1")) {
            assertThatThrownBy(() -> new JobDirectory(bad)).as(bad).hasMessageStartingWith("jobDirectory: ");
        }
    }
}
