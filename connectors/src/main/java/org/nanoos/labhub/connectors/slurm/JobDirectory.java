package org.nanoos.labhub.connectors.slurm;

import java.util.regex.Pattern;

/**
 * The job's own directory on the cluster (under the profile's scratch root): staged inputs, the script, outputs. The
 * script {@code cd}s into it and sbatch gets it as {@code --chdir}.
 *
 * @param path an absolute POSIX path of at most {@value #MAX_LENGTH} characters whose parts are 1–255 of
 *             {@code A-Z a-z 0-9 _ . + -}, none {@code .} or {@code ..}, none starting with {@code -}; no trailing or
 *             doubled {@code /}; not containing {@code hetjob} or {@code packjob} (see
 *             {@link JobResources#jobName()})
 */
public record JobDirectory(String path) {

    /** Longest path accepted. */
    public static final int MAX_LENGTH = 1024;

    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.+][A-Za-z0-9_.+-]{0,254})+");

    public JobDirectory {
        Allowlist.require("jobDirectory", path, PATH, MAX_LENGTH, "an absolute path whose parts are"
                + " A-Z a-z 0-9 _ . + - (not starting with -), e.g. /scratch/alice/labhub/job-42");
        JobResources.requireNoHetJobWord("jobDirectory", path);
        for (String part : path.substring(1).split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new SlurmValidationException("jobDirectory", Allowlist.describe(path)
                        + " has a '.' or '..' part; give the directory itself");
            }
        }
    }

    /** The path of {@code name} inside the directory. */
    public String resolve(StagedFileName name) {
        return path + "/" + name.value();
    }

    /** Where the generated batch script goes: {@code <dir>/}{@value BatchScript#FILE_NAME}. */
    public String scriptPath() {
        return path + "/" + BatchScript.FILE_NAME;
    }

    @Override
    public String toString() {
        return path;
    }
}
