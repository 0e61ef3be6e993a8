package org.nanoos.labhub.connectors.slurm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A generated batch script and what the rest of the job flow needs to know about it.
 *
 * @param text         the script: {@code #!/bin/bash}, the {@code #SBATCH} header, the checked values, the template
 *                     body
 * @param directives   the {@code #SBATCH} options in the header, in order, without the {@code #SBATCH } prefix
 * @param template     the template's name
 * @param token        the submission token written into {@code --comment}
 * @param parameters   the parameter values written, defaults included, by name (one word for scalars)
 * @param inputs       the files the job expects in its directory
 * @param outputs      globs of the files to fetch back afterwards
 * @param resultParser which parser reads the results ({@code qe-pw}, {@code lammps-log}, {@code none})
 */
public record BatchScript(String text, List<String> directives, String template, SubmissionToken token,
        Map<String, List<String>> parameters, List<JobTemplate.ExpectedInput> inputs, List<String> outputs,
        String resultParser) {

    /** The script's file name in the job directory. */
    public static final String FILE_NAME = "labhub-job.sbatch";

    public BatchScript {
        directives = List.copyOf(directives);
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The script as UTF-8 bytes, ready to upload. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
