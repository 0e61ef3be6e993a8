package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job templates as files: the shipped ones load, and a wrong one is refused with every problem listed. */
class JobTemplateLoaderTest {

    private static final String MINIMAL = """
            name: t
            title: a test template
            parameters:
              x:
                type: string
                pattern: '[a-z]{1,8}'
            """;

    @TempDir
    Path tmp;

    @Test
    void should_load_every_shipped_template_with_its_declarations() {
        Map<String, JobTemplate> all = Templates.shipped();
        assertThat(all).containsOnlyKeys("generic", "lammps", "namd", "qe-pw", "vasp");
        JobTemplate qe = all.get("qe-pw");
        assertThat(qe.executable()).isEqualTo("pw.x");
        assertThat(qe.resultParser()).isEqualTo("qe-pw");
        assertThat(qe.parameter("ecutwfc").type()).isEqualTo(TemplateParameter.Type.NUMBER);
        assertThat(qe.parameter("ecutwfc").defaultValue()).containsExactly("30");
        assertThat(qe.parameter("conv_thr").defaultValue()).containsExactly("1.0d-6");
        assertThat(qe.parameter("nat").required()).isTrue();
        assertThat(qe.parameter("calculation").values()).contains("scf", "relax");
        assertThat(qe.outputs()).contains("pw.out");
        assertThat(all.get("lammps").parameter("variables").type()).isEqualTo(TemplateParameter.Type.LIST);
        assertThat(all.get("lammps").resultParser()).isEqualTo("lammps-log");
        assertThat(all.get("vasp").executable()).isNull();
        assertThat(all.get("vasp").inputs()).extracting(JobTemplate.Input::file).containsExactly("INCAR", "POSCAR",
                "POTCAR", "KPOINTS");
        assertThat(all.get("generic").parameter("program").required()).isTrue();
        assertThat(all.values()).allSatisfy(t -> {
            assertThat(t.title()).isNotBlank();
            assertThat(t.body()).doesNotContain("#SBATCH", "\r");
        });
    }

    @Test
    void should_list_every_problem_of_a_wrong_descriptor() {
        String descriptor = """
                name: other
                title: wrong in every way
                flavour: vanilla
                executable: '-rf'
                modules: ['../x', 'ok/1.0']
                resultParser: vasp-xml
                parameters:
                  Bad-Name: {type: string, pattern: 'x'}
                  a: {type: text}
                  b: {type: string}
                  c: {type: string, pattern: '[a-'}
                  d: {type: enum}
                  e: {type: enum, values: ['a b']}
                  f: {type: integer, min: 1, max: 5, default: 9}
                  g: {type: string, pattern: '[a-z]+', default: 'A1'}
                  h: {type: list, pattern: '[a-z]+', maxItems: 0}
                  i: {type: number, pattern: '[0-9]+', colour: red}
                  j: {type: file, default: '../etc/passwd'}
                  k: {type: string, pattern: '[a-z]+'}
                inputs:
                  - {file: a.in, glob: '*.in'}
                  - {parameter: k}
                  - {file: '/etc/passwd'}
                outputs: ['../secret', 'ok.out']
                """;
        InvalidTemplateException e = catchThrowableOfType(() -> JobTemplateLoader.parse("t", descriptor,
                "echo \"$LABHUB_PARAM_K\"\n"), InvalidTemplateException.class);
        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("flavour: unknown key"))
                .anySatisfy(p -> assertThat(p).isEqualTo("name: 'other' differs from the file name 't'"))
                .anySatisfy(p -> assertThat(p).startsWith("executable: '-rf'"))
                .anySatisfy(p -> assertThat(p).startsWith("modules: '../x'"))
                .anySatisfy(p -> assertThat(p).startsWith("resultParser: 'vasp-xml' is not one of"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.Bad-Name: parameter names are"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.a.type: 'text' is not one of"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.b.pattern: string parameters need an"
                        + " allowlist pattern"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.c.pattern: not a regular expression"))
                .anySatisfy(p -> assertThat(p).isEqualTo("parameters.d.values: an enum needs its choices"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.e.values: 'a b' is not a plain word"))
                .anySatisfy(p -> assertThat(p).isEqualTo("parameters.f.default: parameter 'f': 9 is outside 1 … 5"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.g.default: parameter 'g': 'A1' is not"
                        + " accepted"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.h.maxItems:"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.i.colour: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.i.pattern: only string and list parameters"))
                .anySatisfy(p -> assertThat(p).startsWith("parameters.j.default: parameter 'j': '../etc/passwd' is"
                        + " a path"))
                .anySatisfy(p -> assertThat(p).isEqualTo("inputs[0]: give exactly one of file, glob, parameter"))
                .anySatisfy(p -> assertThat(p).isEqualTo("inputs[1].parameter: 'k' is not a declared file"
                        + " parameter"))
                .anySatisfy(p -> assertThat(p).startsWith("inputs[2]: file name: '/etc/passwd' is an absolute path"))
                .anySatisfy(p -> assertThat(p).startsWith("outputs: '../secret'"));
        assertThat(e.getMessage()).startsWith("job template 't': ");
    }

    @Test
    void should_refuse_bodies_that_could_change_directives_or_expand_values_unquoted() {
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("#SBATCH --partition=evil\necho \"$LABHUB_PARAM_X\"\n", "is a scheduler directive"),
                Map.entry("  #SLURM --qos=x\necho \"$LABHUB_PARAM_X\"\n", "is a scheduler directive"),
                Map.entry("#PBS -q x\necho \"$LABHUB_PARAM_X\"\n", "is a scheduler directive"),
                Map.entry("#!/bin/sh\necho \"$LABHUB_PARAM_X\"\n", "line 1 is a #! line"),
                Map.entry("echo \"$LABHUB_PARAM_X\"\r\n", "carriage returns"),
                Map.entry("echo \"$LABHUB_PARAM_X\" # \u202Eevil\n", "U+202E"),
                Map.entry("echo $LABHUB_PARAM_X\n", "expands $LABHUB_PARAM_X outside double quotes"),
                Map.entry("echo ${LABHUB_PARAM_X}\n", "outside double quotes"),
                Map.entry("echo '$LABHUB_PARAM_X' \"$LABHUB_PARAM_X\"\n", "inside single quotes"),
                Map.entry("echo \"$LABHUB_PARAM_X\" \"$LABHUB_PARAM_Y\"\n", "uses LABHUB_PARAM_Y, which the"
                        + " generator does not define"),
                Map.entry("echo \"$LABHUB_EXE\" \"$LABHUB_PARAM_X\"\n", "uses LABHUB_EXE"),
                Map.entry("echo hello\n", "parameter 'x' is declared but the body never uses"),
                Map.entry("echo \"$LABHUB_LAUNCH\" \"$LABHUB_PARAM_X\"\n", "without [@]"),
                Map.entry("echo \"${LABHUB_PARAM_X[@]}\"\n", "indexes LABHUB_PARAM_X, which is not an array"),
                Map.entry("LABHUB_PARAM_X=evil\necho \"$LABHUB_PARAM_X\"\n", "assigns or unsets a LABHUB_ variable"),
                Map.entry("unset LABHUB_PARAM_X\necho \"$LABHUB_PARAM_X\"\n", "assigns or unsets"),
                Map.entry("cat <<EOF\n$LABHUB_PARAM_X\n", "is never closed"),
                Map.entry("echo \"$LABHUB_PARAM_X\n", "ends inside double quotes"),
                Map.entry("   \n", "the body is empty"));
        for (Map.Entry<String, String> b : bodies.entrySet()) {
            assertThatThrownBy(() -> JobTemplateLoader.parse("t", MINIMAL, b.getKey())).as(b.getKey())
                    .isInstanceOf(InvalidTemplateException.class).hasMessageContaining(b.getValue());
        }
    }

    @Test
    void should_accept_quoted_expansions_here_documents_and_comments() {
        String body = """
                # a comment may mention $LABHUB_PARAM_X unquoted
                printf '%s\\n' "$LABHUB_PARAM_X" "${LABHUB_PARAM_X}" "--name=${LABHUB_PARAM_X%.in}" > a.txt
                cat > input.txt <<EOF
                name = '$LABHUB_PARAM_X'
                EOF
                cat > literal.txt <<'RAW'
                $LABHUB_PARAM_X stays literal here
                RAW
                echo "it's \\"$LABHUB_PARAM_X\\"" 'single $quoted' "${LABHUB_LAUNCH[@]}" "$LABHUB_JOB_DIR"
                """;
        JobTemplate t = JobTemplateLoader.parse("t", MINIMAL, body);
        assertThat(t.body()).isEqualTo(body);
        assertThat(t.parameters()).extracting(TemplateParameter::name).containsExactly("x");
    }

    @Test
    void should_read_template_files_from_a_directory() throws Exception {
        Files.writeString(tmp.resolve("t.yaml"), MINIMAL);
        Files.writeString(tmp.resolve("t.sbatch"), "echo \"$LABHUB_PARAM_X\"\n");
        Files.writeString(tmp.resolve("README.md"), "not a template");
        assertThat(JobTemplateLoader.loadAll(tmp)).containsOnlyKeys("t");
        assertThat(JobTemplateLoader.load(tmp, "t").parameter("x").pattern().pattern()).isEqualTo("[a-z]{1,8}");

        Files.writeString(tmp.resolve("u.yaml"), MINIMAL.replace("name: t", "name: u"));
        assertThatThrownBy(() -> JobTemplateLoader.load(tmp, "u")).hasMessageContaining("no body u.sbatch");
        Files.write(tmp.resolve("u.sbatch"), new byte[] {'e', 'c', 'h', 'o', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> JobTemplateLoader.load(tmp, "u")).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> JobTemplateLoader.load(tmp, "../t")).hasMessageContaining("template names are");
        assertThatThrownBy(() -> JobTemplateLoader.parse("t", "name: [unclosed", "x"))
                .hasMessageContaining("descriptor is not valid YAML");
        assertThatThrownBy(() -> JobTemplateLoader.parse("t", "- a list", "x"))
                .hasMessageContaining("descriptor must be a YAML mapping");
    }

    @Test
    void should_resolve_defaults_and_the_inputs_a_job_expects() {
        JobTemplate lammps = Templates.shipped().get("lammps");
        Map<String, List<String>> values = lammps.resolve(Map.of("input", "in.melt"));
        assertThat(values).containsEntry("input", List.of("in.melt")).containsEntry("variables", List.of())
                .containsEntry("suffix", List.of("none"));
        assertThat(lammps.expectedInputs(values)).first().isEqualTo(new JobTemplate.ExpectedInput("in.melt", false,
                true, "the input script"));
        assertThat(lammps.resolve(Map.of("variables", List.of("t=300", "seed=4928459"))).get("variables"))
                .containsExactly("t=300", "seed=4928459");
        assertThatThrownBy(() -> lammps.resolve(Map.of("variables", List.of("t=300; rm -rf ~"))))
                .hasMessageStartingWith("parameter 'variables' item 0: ");
        assertThatThrownBy(() -> lammps.resolve(Map.of("variables", "t=300")))
                .hasMessage("parameter 'variables': expects a list of values");
        assertThatThrownBy(() -> lammps.resolve(Map.of("variables", java.util.Collections.nCopies(33, "a=1"))))
                .hasMessage("parameter 'variables': has 33 items; at most 32");
    }
}
