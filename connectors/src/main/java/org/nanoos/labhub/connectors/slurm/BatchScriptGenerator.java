package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nanoos.labhub.connectors.ssh.ShellCommand;

/**
 * Writes a SLURM batch script from a template, checked parameter values and checked resources.
 *
 * <p>How nothing user-supplied is ever interpolated raw:
 * <ul>
 *   <li>The {@code #SBATCH} header is written by this class from {@link JobResources}, whose every field passed an
 *       ASCII allowlist without white space, quotes, {@code #} or backslashes, so each value is one sbatch argument
 *       and one line. Templates may not hold directives ({@link TemplateLint}).</li>
 *   <li>Parameter values are written once, each as a single-quoted shell word assigned to a read-only variable
 *       ({@code readonly LABHUB_PARAM_ECUTWFC='30'}, lists as bash arrays), after the value passed its type's
 *       allowlist. Inside single quotes bash expands nothing; an embedded {@code '} is written {@code '\''}.</li>
 *   <li>The template body is copied unchanged and reads values only as {@code "$LABHUB_PARAM_X"} (checked by
 *       {@link TemplateLint}); a variable's value is never parsed again as script, so even a value that looked like
 *       {@code $(rm -rf ~)} would stay text.</li>
 * </ul>
 * Every line before the body is checked once more after writing; a line of unexpected shape is a bug and throws.
 *
 * <p>The script needs bash 4.4 or newer ({@code set -u} with empty arrays).
 */
public final class BatchScriptGenerator {

    private final ScriptProfile profile;

    /** A generator for a cluster with this profile (modules, launcher). */
    public BatchScriptGenerator(ScriptProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * The batch script for one job.
     *
     * @param template   the job template
     * @param parameters the job's parameter values by name (see {@link JobTemplate#resolve})
     * @param resources  what the job asks SLURM for
     * @param token      the job's submission token, written into {@code --comment}
     * @param directory  the job's directory on the cluster
     * @throws SlurmValidationException naming the field when a parameter is refused
     */
    public BatchScript generate(JobTemplate template, Map<String, ?> parameters, JobResources resources,
            SubmissionToken token, JobDirectory directory) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(directory, "directory");
        Map<String, List<String>> values = template.resolve(parameters);
        List<String> directives = directives(resources, token, directory);

        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        for (String d : directives) {
            s.append("#SBATCH ").append(d).append('\n');
        }
        s.append("# Lab Hub batch script from job template '").append(template.name()).append("'.\n");
        s.append("# Generated: every value below passed an allowlist and is a single-quoted shell word.\n");
        s.append("set -euo pipefail\n\n");
        scalar(s, "LABHUB_TEMPLATE", template.name());
        scalar(s, "LABHUB_TOKEN", token.value());
        scalar(s, "LABHUB_JOB_DIR", directory.path());
        s.append("cd -- \"$LABHUB_JOB_DIR\"\n");
        List<String> modules = new ArrayList<>(profile.modules());
        modules.addAll(template.modules());
        if (!modules.isEmpty()) {
            s.append("\n# environment modules; set -u is off while they load (module scripts read unset variables)\n");
            s.append("set +u\n");
            for (String m : modules) {
                s.append("module load ").append(ShellCommand.quote(m)).append('\n');
            }
            s.append("set -u\n");
        }
        s.append('\n');
        if (template.executable() != null) {
            scalar(s, "LABHUB_EXE", template.executable());
        }
        array(s, "LABHUB_LAUNCH", profile.launcher());
        for (TemplateParameter p : template.parameters()) {
            List<String> v = values.get(p.name());
            if (p.type() == TemplateParameter.Type.LIST) {
                array(s, p.variable(), v);
            } else {
                scalar(s, p.variable(), v.get(0));
            }
        }
        String prelude = s.toString();
        requireWellFormed(prelude, directives);
        s.append("\n# ---- template body: ").append(template.name()).append(".sbatch ----\n");
        s.append(template.body());
        if (!template.body().endsWith("\n")) {
            s.append('\n');
        }
        return new BatchScript(s.toString(), directives, template.name(), token, values,
                template.expectedInputs(values), template.outputs(), template.resultParser());
    }

    /** The {@code #SBATCH} options for these resources, in the order they are written. */
    public static List<String> directives(JobResources r, SubmissionToken token, JobDirectory directory) {
        List<String> d = new ArrayList<>();
        d.add("--job-name=" + r.jobName());
        d.add("--comment=" + token.comment());
        d.add("--nodes=" + r.nodes());
        d.add("--ntasks-per-node=" + r.tasksPerNode());
        d.add("--cpus-per-task=" + r.cpusPerTask());
        d.add("--time=" + r.walltime().toSlurm());
        if (r.memoryMb() != null) {
            d.add("--mem=" + r.memoryMb() + "M");
        }
        if (r.gpusPerNode() > 0) {
            d.add("--gres=gpu:" + (r.gpuType() == null ? "" : r.gpuType() + ":") + r.gpusPerNode());
        }
        if (r.partition() != null) {
            d.add("--partition=" + r.partition());
        }
        if (r.account() != null) {
            d.add("--account=" + r.account());
        }
        if (r.qos() != null) {
            d.add("--qos=" + r.qos());
        }
        d.add("--chdir=" + directory.path());
        d.add("--output=slurm-%j.out");
        return List.copyOf(d);
    }

    private static void scalar(StringBuilder s, String name, String value) {
        s.append("readonly ").append(name).append('=').append(ShellCommand.quote(value)).append('\n');
    }

    private static void array(StringBuilder s, String name, List<String> values) {
        s.append("readonly -a ").append(name).append("=(");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : " ").append(ShellCommand.quote(values.get(i)));
        }
        s.append(")\n");
    }

    /**
     * The last check before a body is appended: the prelude is printable text and newlines only; its directive lines
     * are exactly {@code directives}, one per line, at the top; every other line is one of the shapes this class
     * writes.
     */
    private static void requireWellFormed(String prelude, List<String> directives) {
        if (Allowlist.UNSAFE.matcher(prelude.replace("\n", "")).find()) {
            throw new IllegalStateException("generated script holds a control or format character");
        }
        String[] lines = prelude.split("\n", -1);
        if (!lines[0].equals("#!/bin/bash")) {
            throw new IllegalStateException("generated script does not start with #!/bin/bash");
        }
        for (int i = 0; i < directives.size(); i++) {
            String d = directives.get(i);
            String lower = d.toLowerCase(java.util.Locale.ROOT);
            if (!lines[i + 1].equals("#SBATCH " + d) || !d.matches("--[a-z-]+=[A-Za-z0-9_.:%/+=-]+")
                    || lower.contains("hetjob") || lower.contains("packjob")) {
                throw new IllegalStateException("generated directive line " + (i + 2) + " is malformed");
            }
        }
        for (int i = directives.size() + 1; i < lines.length; i++) {
            String line = lines[i];
            boolean ok = line.isEmpty() || line.startsWith("# ") && !line.contains("SBATCH")
                    || line.equals("set -euo pipefail") || line.equals("set +u") || line.equals("set -u")
                    || line.equals("cd -- \"$LABHUB_JOB_DIR\"")
                    || line.matches("module load '[A-Za-z0-9_./+-]+'")
                    || line.matches("readonly LABHUB_[A-Z0-9_]+='([^']|'\\\\'')*'")
                    || line.matches("readonly -a LABHUB_[A-Z0-9_]+=\\(('([^']|'\\\\'')*'( '([^']|'\\\\'')*')*)?\\)");
            if (!ok) {
                throw new IllegalStateException("generated line " + (i + 1) + " has an unexpected shape");
            }
        }
    }
}
