package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a template, parameters and resources become a batch script, and that nothing hostile gets through. */
class BatchScriptGeneratorTest {

    private static final SubmissionToken TOKEN = new SubmissionToken("tok3n-abcdefgh");
    private static final JobDirectory DIR = new JobDirectory("/scratch/alice/labhub/job-42");

    @TempDir
    Path tmp;

    private static JobResources.Builder resources() {
        return JobResources.builder().jobName("si-scf").walltime("00:30:00");
    }

    private static Map<String, Object> qeParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ibrav", 2);
        p.put("celldm1", "10.26");
        p.put("nat", 2);
        p.put("ntyp", 1);
        p.put("ecutwfc", 18);
        return p;
    }

    @Test
    void should_write_the_header_the_variables_and_the_body_in_that_order() {
        JobTemplate qe = Templates.shipped().get("qe-pw");
        JobResources r = resources().nodes(2).tasksPerNode(16).cpusPerTask(2).memoryMb(64_000L)
                .gpusPerNode(1).gpuType("a100").partition("gpu").account("lab_x").qos("normal").build();
        BatchScript s = new BatchScriptGenerator(new ScriptProfile(List.of("openmpi/4.1.5"), List.of("srun",
                "--mpi=pmix"))).generate(qe, qeParameters(), r, TOKEN, DIR);

        assertThat(s.directives()).containsExactly("--job-name=si-scf", "--comment=labhub:tok3n-abcdefgh",
                "--nodes=2", "--ntasks-per-node=16", "--cpus-per-task=2", "--time=0-00:30:00", "--mem=64000M",
                "--gres=gpu:a100:1", "--partition=gpu", "--account=lab_x", "--qos=normal",
                "--chdir=/scratch/alice/labhub/job-42", "--output=slurm-%j.out");
        assertThat(s.text()).startsWith("#!/bin/bash\n#SBATCH --job-name=si-scf\n#SBATCH --comment=labhub:tok3n-abcdefgh\n")
                .contains("set -euo pipefail\n")
                .contains("readonly LABHUB_TOKEN='tok3n-abcdefgh'\n")
                .contains("readonly LABHUB_JOB_DIR='/scratch/alice/labhub/job-42'\ncd -- \"$LABHUB_JOB_DIR\"\n")
                .contains("set +u\nmodule load 'openmpi/4.1.5'\nset -u\n")
                .contains("readonly LABHUB_EXE='pw.x'\n")
                .contains("readonly -a LABHUB_LAUNCH=('srun' '--mpi=pmix')\n")
                .contains("readonly LABHUB_PARAM_ECUTWFC='18'\n")
                .contains("readonly LABHUB_PARAM_CONV_THR='1.0d-6'\n")
                .contains("readonly LABHUB_PARAM_STRUCTURE='structure.cards'\n")
                .endsWith(qe.body());
        assertThat(s.text().indexOf("set -euo pipefail")).isLessThan(s.text().indexOf("readonly LABHUB_PARAM_"));
        assertThat(s.text().indexOf("readonly LABHUB_PARAM_")).isLessThan(s.text().indexOf("# ---- template body"));
        assertThat(s.parameters()).containsEntry("ecutwfc", List.of("18")).containsEntry("calculation",
                List.of("scf"));
        assertThat(s.inputs()).extracting(JobTemplate.ExpectedInput::name).containsExactly("structure.cards",
                "*.UPF");
        assertThat(s.outputs()).contains("pw.out");
        assertThat(s.resultParser()).isEqualTo("qe-pw");
        assertThat(s.bytes()).isEqualTo(s.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_leave_out_optional_directives_and_modules_when_not_given() {
        BatchScript s = new BatchScriptGenerator(ScriptProfile.direct()).generate(Templates.shipped().get("lammps"),
                Map.of(), resources().build(), TOKEN, DIR);
        assertThat(s.directives()).containsExactly("--job-name=si-scf", "--comment=labhub:tok3n-abcdefgh",
                "--nodes=1", "--ntasks-per-node=1", "--cpus-per-task=1", "--time=0-00:30:00",
                "--chdir=/scratch/alice/labhub/job-42", "--output=slurm-%j.out");
        assertThat(s.text()).doesNotContain("module load").contains("readonly -a LABHUB_LAUNCH=()\n")
                .contains("readonly -a LABHUB_PARAM_VARIABLES=()\n");
    }

    @Test
    void should_write_exactly_the_expected_directives_as_sbatch_reads_them_for_any_resources() {
        Random random = new Random(20261121);
        JobTemplate echo = Templates.echo();
        BatchScriptGenerator generator = new BatchScriptGenerator(ScriptProfile.srun());
        String alphabet = "abcXYZ0189_.-";
        for (int n = 0; n < 300; n++) {
            JobResources.Builder b = JobResources.builder().jobName("j" + word(random, alphabet, 40))
                    .nodes(1 + random.nextInt(64)).tasksPerNode(1 + random.nextInt(64))
                    .cpusPerTask(1 + random.nextInt(8))
                    .walltime(new Walltime(60 + random.nextInt(Walltime.MAX_DAYS * 86_400 - 60)));
            List<String> expected = new ArrayList<>();
            JobResources probe = b.build();
            Long memory = random.nextBoolean() ? null : 1L + random.nextInt(1_000_000);
            int gpus = random.nextInt(3);
            String gpuType = gpus > 0 && random.nextBoolean() ? "h100" : null;
            String partition = random.nextBoolean() ? null : "p" + word(random, "abc_-019", 20);
            String account = random.nextBoolean() ? null : "a" + word(random, "abc_-019", 20);
            String qos = random.nextBoolean() ? null : "q" + word(random, "abc_-019", 20);
            JobResources r = b.memoryMb(memory).gpusPerNode(gpus).gpuType(gpuType).partition(partition)
                    .account(account).qos(qos).build();
            expected.add("--job-name=" + probe.jobName());
            expected.add("--comment=labhub:" + TOKEN.value());
            expected.add("--nodes=" + r.nodes());
            expected.add("--ntasks-per-node=" + r.tasksPerNode());
            expected.add("--cpus-per-task=" + r.cpusPerTask());
            long t = r.walltime().seconds();
            expected.add(String.format("--time=%d-%02d:%02d:%02d", t / 86400, t % 86400 / 3600, t % 3600 / 60,
                    t % 60));
            if (memory != null) {
                expected.add("--mem=" + memory + "M");
            }
            if (gpus > 0) {
                expected.add("--gres=gpu:" + (gpuType == null ? "" : gpuType + ":") + gpus);
            }
            if (partition != null) {
                expected.add("--partition=" + partition);
            }
            if (account != null) {
                expected.add("--account=" + account);
            }
            if (qos != null) {
                expected.add("--qos=" + qos);
            }
            expected.add("--chdir=" + DIR.path());
            expected.add("--output=slurm-%j.out");
            // parameter values that look like directives stay inside quoted assignments
            BatchScript s = generator.generate(echo, Map.of("text", "#SBATCH --partition=evil",
                    "words", List.of("＃SBATCH --qos=evil", "#SLURM --account=evil")), r, TOKEN, DIR);
            assertThat(SbatchHeader.arguments(s.text())).as("run %d", n).isEqualTo(expected);
            assertThat(SbatchHeader.directiveLinesAnywhere(s.text())).hasSize(expected.size());
        }
    }

    @Test
    void should_refuse_every_hostile_value_in_every_resource_field_naming_the_field() {
        Map<String, Consumer<String>> fields = new LinkedHashMap<>();
        fields.put("jobName", v -> resources().jobName(v).build());
        fields.put("partition", v -> resources().partition(v).build());
        fields.put("account", v -> resources().account(v).build());
        fields.put("qos", v -> resources().qos(v).build());
        fields.put("gpuType", v -> resources().gpusPerNode(1).gpuType(v).build());
        fields.put("walltime", v -> resources().walltime(v).build());
        fields.put("jobDirectory", JobDirectory::new);
        fields.put("token", SubmissionToken::new);
        fields.put("modules[0]", v -> new ScriptProfile(List.of(v), List.of()));
        fields.put("launcher[0]", v -> new ScriptProfile(List.of(), List.of(v)));
        fields.put("launcher[1]", v -> new ScriptProfile(List.of(), List.of("srun", v)));
        // values that are legitimate for a field (paths, module names, option words) are accepted when they are
        // plain words; they reach the script single-quoted (checked by the other tests)
        Map<String, String> legitimate = Map.of(
                "jobDirectory", "(/[A-Za-z0-9_+-][A-Za-z0-9_.+-]*)+",
                "modules[0]", "[A-Za-z0-9_+][A-Za-z0-9_./+-]*",
                "launcher[0]", "[A-Za-z0-9_/+][A-Za-z0-9_./+-]*",
                "launcher[1]", "[A-Za-z0-9_./+=:,@%-]{1,128}");
        String canary = tmp.resolve("canary").toString();
        int refused = 0;
        for (Map.Entry<String, Consumer<String>> field : fields.entrySet()) {
            for (String hostile : HostileValues.all(canary)) {
                SlurmValidationException e = catchThrowableOfType(() -> field.getValue().accept(hostile),
                        SlurmValidationException.class);
                if (e == null) {
                    assertThat(hostile).as("%s accepted %s", field.getKey(), Allowlist.describe(hostile))
                            .matches(legitimate.getOrDefault(field.getKey(), "(?!)")).doesNotContain("..");
                    continue;
                }
                assertThat(e.field()).isEqualTo(field.getKey());
                assertThat(e.getMessage()).startsWith(field.getKey() + ": ").doesNotContain("\n", "\r", "\u0000");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(fields.size() * 50);
    }

    @Test
    void should_refuse_hostile_values_in_every_parameter_of_the_shipped_templates_or_write_them_as_one_quoted_word() {
        String canary = tmp.resolve("canary").toString();
        BatchScriptGenerator generator = new BatchScriptGenerator(ScriptProfile.srun());
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (JobTemplate t : Templates.shipped().values()) {
            for (TemplateParameter p : t.parameters()) {
                for (String hostile : HostileValues.all(canary)) {
                    Map<String, Object> params = required(t);
                    params.put(p.name(), p.type() == TemplateParameter.Type.LIST ? List.of(hostile) : hostile);
                    try {
                        BatchScript s = generator.generate(t, params, resources().build(), TOKEN, DIR);
                        // accepted: only plain words (paths, options) a program or argument may legitimately be,
                        // written once, as one single-quoted word
                        assertThat(hostile).as("%s.%s", t.name(), p.name()).matches("[A-Za-z0-9_./+=:,@%-]+");
                        String assignment = p.type() == TemplateParameter.Type.LIST
                                ? "readonly -a " + p.variable() + "=('" + hostile + "')\n"
                                : "readonly " + p.variable() + "='" + hostile + "'\n";
                        assertThat(s.text()).contains(assignment);
                        assertThat(SbatchHeader.arguments(s.text())).isEqualTo(s.directives());
                        accepted.add(t.name() + "." + p.name() + " = " + hostile);
                    } catch (SlurmValidationException e) {
                        assertThat(e.field()).as("%s.%s = %s", t.name(), p.name(), Allowlist.describe(hostile))
                                .startsWith("parameter '" + p.name() + "'");
                        refused++;
                    }
                }
            }
        }
        assertThat(refused).isGreaterThan(1000);
        // only the generic template's arguments take options and '..'; programs and paths are plain
        assertThat(accepted).filteredOn(a -> !a.startsWith("generic.args = "))
                .noneMatch(a -> a.contains(" = -") || a.contains("..") || a.contains(" = =") || a.contains(" = ,"));
        assertThat(accepted).contains("generic.program = /etc/passwd", "generic.args = --partition=evil",
                "qe-pw.pseudo_dir = /etc/passwd", "lammps.input = hetjob")
                .doesNotContain("generic.program = ../../etc", "generic.program = -x", "generic.program = ..",
                        "qe-pw.prefix = -x", "lammps.input = -x", "lammps.input = ..");
    }

    @Test
    void should_keep_every_accepted_hostile_value_an_inert_literal_when_the_script_runs() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("job"));
        Path canary = tmp.resolve("canary");
        JobTemplate echo = Templates.echo();
        BatchScriptGenerator generator = new BatchScriptGenerator(ScriptProfile.direct());
        JobDirectory dir = new JobDirectory(job.toString());
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String hostile : HostileValues.all(canary.toString())) {
            try {
                generator.generate(echo, Map.of("text", hostile), resources().build(), TOKEN, dir);
                accepted.add(hostile);
            } catch (SlurmValidationException e) {
                assertThat(e.field()).isEqualTo("parameter 'text'");
                refused.add(hostile);
            }
        }
        // everything printable is accepted by this permissive pattern; control, format, separator characters are not
        assertThat(accepted).contains("$(touch " + canary + ")", "`touch " + canary + "`", "'", "a'b", "\\",
                "\uFF03SBATCH --partition=evil", "--partition=evil");
        assertThat(refused).contains("x\n#SBATCH --partition=evil", "\r", "\u0000", "\u2028#SBATCH --partition=evil",
                "\u202Eevil", "a\u200Bb", "a\u0085b", "x".repeat(5000));
        for (String value : accepted) {
            BatchScript s = generator.generate(echo, Map.of("text", value, "words", accepted), resources().build(),
                    TOKEN, dir);
            Path script = job.resolve(BatchScript.FILE_NAME);
            Files.write(script, s.bytes());
            assertThat(Bash.syntaxCheck(s.text(), tmp).exitCode()).as(Allowlist.describe(value)).isZero();
            Bash.Result run = Bash.runScript(script, job, Map.of(), 30);
            assertThat(run.exitCode()).as("%s: %s", Allowlist.describe(value), run.stderr()).isZero();
            assertThat(canary).as("canary after %s", Allowlist.describe(value)).doesNotExist();
            assertThat(Files.readString(job.resolve("value.txt"), StandardCharsets.UTF_8)).isEqualTo(value);
            assertThat(Files.readString(job.resolve("words.bin"), StandardCharsets.UTF_8))
                    .isEqualTo(String.join("\0", accepted) + "\0");
            assertThat(SbatchHeader.arguments(s.text())).isEqualTo(s.directives());
        }
        assertThat(job.resolve("canary")).doesNotExist();
    }

    @Test
    void should_generate_scripts_bash_can_parse_for_every_shipped_template() throws Exception {
        BatchScriptGenerator generator = new BatchScriptGenerator(new ScriptProfile(List.of("gcc/12.2.0"),
                List.of("srun")));
        for (JobTemplate t : Templates.shipped().values()) {
            BatchScript s = generator.generate(t, required(t), resources().build(), TOKEN, DIR);
            Bash.Result check = Bash.syntaxCheck(s.text(), tmp);
            assertThat(check.exitCode()).as("%s: %s", t.name(), check.stderr()).isZero();
            assertThat(SbatchHeader.arguments(s.text())).isEqualTo(s.directives());
            assertThat(SbatchHeader.directiveLinesAnywhere(s.text())).hasSameSizeAs(s.directives());
        }
    }

    @Test
    void should_refuse_undeclared_and_missing_parameters_naming_them() {
        JobTemplate qe = Templates.shipped().get("qe-pw");
        BatchScriptGenerator generator = new BatchScriptGenerator(ScriptProfile.srun());
        Map<String, Object> extra = qeParameters();
        extra.put("ecutwfc; rm", 1);
        assertThatThrownBy(() -> generator.generate(qe, extra, resources().build(), TOKEN, DIR))
                .isInstanceOf(SlurmValidationException.class).hasMessageContaining("has no such parameter");
        Map<String, Object> missing = qeParameters();
        missing.remove("nat");
        assertThatThrownBy(() -> generator.generate(qe, missing, resources().build(), TOKEN, DIR))
                .isInstanceOf(SlurmValidationException.class)
                .hasMessageStartingWith("parameter 'nat': required by template 'qe-pw'");
        Map<String, Object> outOfRange = qeParameters();
        outOfRange.put("ecutwfc", 501);
        assertThatThrownBy(() -> generator.generate(qe, outOfRange, resources().build(), TOKEN, DIR))
                .hasMessage("parameter 'ecutwfc': 501 is outside 1 … 500");
        Map<String, Object> nan = qeParameters();
        nan.put("ecutwfc", Double.NaN);
        assertThatThrownBy(() -> generator.generate(qe, nan, resources().build(), TOKEN, DIR))
                .hasMessageContaining("finite");
        Map<String, Object> choice = qeParameters();
        choice.put("calculation", "md");
        assertThatThrownBy(() -> generator.generate(qe, choice, resources().build(), TOKEN, DIR))
                .hasMessageContaining("is not one of [scf, relax, nscf, bands, vc-relax]");
        Map<String, Object> list = qeParameters();
        list.put("prefix", List.of("a"));
        assertThatThrownBy(() -> generator.generate(qe, list, resources().build(), TOKEN, DIR))
                .hasMessageContaining("expects a single value");
    }

    @Test
    void should_run_the_qe_template_with_real_pw_x_and_reproduce_the_silicon_scf_energy() throws Exception {
        // Ground truth: /work/shared/notes/slurm.md — pw.x 6.7, silicon SCF (ibrav=2, celldm(1)=10.26,
        // Si.pz-vbc.UPF, ecutwfc=18, 4x4x4 k-points) converged in 5 iterations, ! total energy = -15.84435958 Ry.
        Path pseudo = Path.of("/usr/share/espresso/pseudo/Si.pz-vbc.UPF");
        assumeTrue(Bash.onPath("pw.x") && Files.isRegularFile(pseudo), "pw.x and its pseudopotentials installed");
        Path job = Files.createDirectories(tmp.resolve("si"));
        Files.writeString(job.resolve("structure.cards"), """
                ATOMIC_SPECIES
                 Si 28.086 Si.pz-vbc.UPF
                ATOMIC_POSITIONS alat
                 Si 0.00 0.00 0.00
                 Si 0.25 0.25 0.25
                K_POINTS automatic
                 4 4 4 1 1 1
                """);
        Map<String, Object> p = qeParameters();
        p.put("prefix", "si");
        p.put("pseudo_dir", pseudo.getParent().toString());
        BatchScript s = new BatchScriptGenerator(ScriptProfile.direct()).generate(Templates.shipped().get("qe-pw"), p,
                resources().build(), TOKEN, new JobDirectory(job.toString()));
        Path script = job.resolve(BatchScript.FILE_NAME);
        Files.write(script, s.bytes());

        Bash.Result run = Bash.runScript(script, job, Map.of("OMP_NUM_THREADS", "1"), 120);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        PwOutput out = PwOutput.parse(Files.readString(job.resolve("pw.out")));
        assertThat(out.succeeded()).isTrue();
        assertThat(out.totalEnergyRy()).isCloseTo(-15.84435958, within(2e-8));
        assertThat(out.scfIterations()).isEqualTo(5);
        assertThat(out.atoms()).isEqualTo(2);
        assertThat(Files.readString(job.resolve("pw.in"))).contains("  celldm(1) = 10.26\n", "  ecutwfc = 18\n",
                "  conv_thr = 1.0d-6\n", "  occupations = 'fixed'\n", " Si 0.25 0.25 0.25\n")
                .doesNotContain("ecutrho", "smearing");
    }

    @Test
    void should_run_the_lammps_template_with_real_lmp_and_read_its_thermo_table() throws Exception {
        assumeTrue(Bash.onPath("lmp"), "lmp installed");
        Path job = Files.createDirectories(tmp.resolve("melt"));
        // in.melt from the test resources, with its run length taken from a variable passed by the template
        String input = Files.readString(Path.of("src/test/resources/slurm/lammps/in.melt"))
                .replace("run             250", "run             ${steps}");
        Files.writeString(job.resolve("in.melt"), input);
        BatchScript s = new BatchScriptGenerator(ScriptProfile.direct()).generate(Templates.shipped().get("lammps"),
                Map.of("input", "in.melt", "variables", List.of("steps=100")), resources().build(), TOKEN,
                new JobDirectory(job.toString()));
        Path script = job.resolve(BatchScript.FILE_NAME);
        Files.write(script, s.bytes());

        Bash.Result run = Bash.runScript(script, job, Map.of("OMP_NUM_THREADS", "1"), 120);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        LammpsLog log = LammpsLog.parse(Files.readString(job.resolve("log.lammps")));
        assertThat(log.succeeded()).isTrue();
        assertThat(log.runs()).hasSize(2);
        assertThat(log.runs().get(0).steps()).isEqualTo(100);
        assertThat(log.runs().get(0).column("Step")).containsExactly(0, 50, 100);
        // the same seed and start as the captured reference log: the first rows agree
        LammpsLog reference = LammpsLog.parse(Files.readString(
                Path.of("src/test/resources/slurm/lammps/log.melt.lammps")));
        assertThat(log.runs().get(0).rows().get(1)).containsExactly(reference.runs().get(0).rows().get(1),
                within(1e-6));
    }

    /** Values for a template's required parameters, so that one other parameter can be varied. */
    private static Map<String, Object> required(JobTemplate t) {
        Map<String, Object> p = new HashMap<>();
        for (TemplateParameter param : t.parameters()) {
            if (param.required()) {
                p.put(param.name(), switch (param.type()) {
                    case INTEGER -> "1";
                    case NUMBER -> "1.5";
                    case ENUM -> param.values().get(0);
                    case FILE -> "input.dat";
                    case LIST -> List.of("a");
                    case STRING -> "prog";
                });
            }
        }
        return p;
    }

    private static String word(Random random, String alphabet, int maxLength) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxLength);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
