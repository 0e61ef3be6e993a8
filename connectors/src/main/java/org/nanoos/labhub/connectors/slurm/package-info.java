/**
 * The SLURM client's building blocks, free of SSH and Camel: job templates and the batch script generator, staged
 * file names, the commands the hub runs and parsers for their output, partition limits, the meaning of SLURM's error
 * messages, and readers for the results of known codes (Quantum ESPRESSO {@code pw.x}, LAMMPS logs).
 *
 * <pre>{@code
 * Map<String, JobTemplate> templates = JobTemplateLoader.loadAll(Path.of("config/job-templates"));
 * JobResources resources = JobResources.builder().jobName("si-scf").tasksPerNode(4).walltime("00:30:00")
 *         .partition("debug").build();
 * SubmissionToken token = SubmissionToken.random();                       // store it with the job first
 * BatchScript script = new BatchScriptGenerator(ScriptProfile.srun()).generate(templates.get("qe-pw"),
 *         Map.of("prefix", "si", "ecutwfc", 30), resources, token, new JobDirectory("/scratch/alice/job-42"));
 * // upload script.bytes() to directory.scriptPath() and the inputs, then run:
 * String line = ShellCommand.build(SlurmCommands.sbatch(directory));   // sbatch --parsable ...
 * SubmittedJob job = SubmittedJob.parse(stdout);                       // or, on failure:
 * SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SBATCH, stderr);
 * }</pre>
 */
package org.nanoos.labhub.connectors.slurm;
