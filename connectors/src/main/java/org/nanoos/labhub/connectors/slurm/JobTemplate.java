package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A job template as loaded from {@code config/job-templates/<name>.yaml} (the descriptor) and
 * {@code <name>.sbatch} (the body) by {@link JobTemplateLoader}. The body is a bash script fragment that reads its
 * parameters only as {@code "$LABHUB_PARAM_X"}; it is copied into every script unchanged, so no user value is ever
 * substituted into script text.
 *
 * @param name         template name, {@code [a-z0-9][a-z0-9-]{0,63}}
 * @param title        one line for people
 * @param description  what it runs and what it needs
 * @param executable   the program the body runs as {@code "$LABHUB_EXE"} ({@code pw.x}, {@code lmp}), or null
 * @param modules      environment modules the template needs, loaded after the profile's
 * @param resultParser which parser reads the results: {@code qe-pw}, {@code lammps-log} or {@code none}
 * @param parameters   declared parameters, in descriptor order
 * @param inputs       files the job expects staged into its directory
 * @param outputs      globs of files to fetch back after the job
 * @param body         the script body, verbatim
 */
public record JobTemplate(String name, String title, String description, String executable, List<String> modules,
        String resultParser, List<TemplateParameter> parameters, List<Input> inputs, List<String> outputs,
        String body) {

    /** Template names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Executables named in descriptors: a plain name or path, not an option. */
    public static final Pattern EXECUTABLE = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_/+][A-Za-z0-9_./+-]{0,254}");

    public JobTemplate {
        modules = List.copyOf(modules);
        parameters = List.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * A file the job expects in its directory: a fixed name, a glob (for "all pseudopotentials"), or the value of a
     * {@code file} parameter.
     *
     * @param file        a fixed name, or null
     * @param glob        a glob, or null
     * @param parameter   the name of a {@code file} parameter whose value is the file, or null
     * @param required    whether the job cannot run without it
     * @param description what the file holds
     */
    public record Input(String file, String glob, String parameter, boolean required, String description) {
    }

    /** The parameter called {@code name}, or null. */
    public TemplateParameter parameter(String name) {
        for (TemplateParameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The job's parameter values checked against the declarations, defaults filled in, in declaration order. A name
     * the template does not declare, or a required one missing, is refused.
     *
     * @param given values by parameter name: {@link String} or {@link Number}, a list of them for list parameters
     * @throws SlurmValidationException naming the parameter
     */
    public Map<String, List<String>> resolve(Map<String, ?> given) {
        Map<String, ?> values = given == null ? Map.of() : given;
        for (String key : values.keySet()) {
            if (key == null || parameter(key) == null) {
                throw new SlurmValidationException("parameter " + Allowlist.describe(key), "template '" + name
                        + "' has no such parameter; it takes " + parameters.stream().map(TemplateParameter::name)
                        .toList());
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (TemplateParameter p : parameters) {
            if (values.containsKey(p.name())) {
                out.put(p.name(), p.check(values.get(p.name())));
            } else if (p.required()) {
                throw new SlurmValidationException("parameter '" + p.name() + "'", "required by template '" + name
                        + "' and not given" + (p.description() == null ? "" : " (" + p.description() + ")"));
            } else {
                out.put(p.name(), p.defaultValue());
            }
        }
        return out;
    }

    /**
     * The input files a job with these (resolved) parameters expects: fixed names and parameter values as
     * {@link StagedFileName}s, globs as given.
     */
    public List<ExpectedInput> expectedInputs(Map<String, List<String>> resolved) {
        List<ExpectedInput> out = new ArrayList<>();
        for (Input in : inputs) {
            if (in.file() != null) {
                out.add(new ExpectedInput(in.file(), false, in.required(), in.description()));
            } else if (in.glob() != null) {
                out.add(new ExpectedInput(in.glob(), true, in.required(), in.description()));
            } else {
                String value = resolved.get(in.parameter()).get(0);
                out.add(new ExpectedInput(StagedFileName.of(value).value(), false, in.required(),
                        in.description()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One input file a job expects.
     *
     * @param name        a plain file name, or a glob when {@code glob} is true
     * @param glob        whether {@code name} is a glob
     * @param required    whether the job cannot run without it
     * @param description what the file holds
     */
    public record ExpectedInput(String name, boolean glob, boolean required, String description) {
    }
}
