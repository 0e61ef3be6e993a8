package org.nanoos.labhub.connectors.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nanoos.labhub.connectors.slurm.BatchScript;
import org.nanoos.labhub.connectors.slurm.JobDirectory;
import org.nanoos.labhub.connectors.slurm.JobState;
import org.nanoos.labhub.connectors.slurm.StagedFileName;

/**
 * Runs jobs as processes on the hub's own machine, with the same life cycle as on a cluster: the same generated
 * script (its {@code #SBATCH} lines are comments to bash) in a per-job directory under the profile's scratch root.
 * The process is started by a fixed command line — {@code bash labhub-job.sbatch > job.out 2> job.err; echo $? >
 * labhub-exit-code} — into which nothing of the job's is interpolated. The scheduler id is
 * {@code <process id>:<job directory name>}, so the job's directory (under the profile's scratch root) is found from
 * the id alone; the exit code is kept in that directory, so a hub restarted while a job runs still learns how it
 * ended.
 */
public final class LocalExecutor implements JobExecutor {

    /** Standard output of a local job. */
    public static final String STDOUT = "job.out";
    /** Standard error of a local job. */
    public static final String STDERR = "job.err";
    private static final String EXIT_CODE = "labhub-exit-code";
    private static final String CANCELLED = "labhub-cancelled";
    private static final int TAIL_CHARS = 64 * 1024;
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    @Override
    public ExecutionProfile.Kind kind() {
        return ExecutionProfile.Kind.LOCAL;
    }

    @Override
    public JobDirectory directory(ExecutionProfile profile, String jobId) {
        String root = Path.of(profile.scratchRoot()).toAbsolutePath().normalize().toString();
        return new JobDirectory(root + "/labhub-" + jobId);
    }

    @Override
    public String submit(ExecutionProfile profile, PreparedJob job) throws JobRefusedException,
            ExecutorUnavailableException {
        Path dir = Path.of(job.directory().path());
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (Map.Entry<StagedFileName, byte[]> in : job.inputs().entrySet()) {
                Files.write(dir.resolve(in.getKey().value()), in.getValue(), StandardOpenOption.CREATE_NEW);
            }
            Files.writeString(dir.resolve(BatchScript.FILE_NAME), job.script().text(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW);
            Process p = new ProcessBuilder("bash", "-c", "bash " + BatchScript.FILE_NAME + " > " + STDOUT + " 2> "
                    + STDERR + "; echo $? > " + EXIT_CODE).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return p.pid() + ":" + dir.getFileName();
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new JobRefusedException("the job directory " + dir + " exists already: a job must start clean");
        } catch (IOException e) {
            throw new ExecutorUnavailableException("cannot start the job in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Observed> poll(ExecutionProfile profile, List<String> schedulerIds) {
        Map<String, Observed> out = new LinkedHashMap<>();
        for (String id : schedulerIds) {
            out.put(id, observe(profile, id));
        }
        return out;
    }

    /** The process id in a scheduler id. */
    private static long pid(String schedulerId) {
        return Long.parseLong(schedulerId.substring(0, schedulerId.indexOf(':')));
    }

    /** The job directory named in a scheduler id. */
    private Path jobDirectory(ExecutionProfile profile, String schedulerId) {
        String name = schedulerId.substring(schedulerId.indexOf(':') + 1);
        return Path.of(directory(profile, name.substring("labhub-".length())).path());
    }

    private Observed observe(ExecutionProfile profile, String schedulerId) {
        Path dir = jobDirectory(profile, schedulerId);
        Optional<ProcessHandle> process = ProcessHandle.of(pid(schedulerId));
        if (Files.exists(dir.resolve(CANCELLED))) {
            return process.map(ProcessHandle::isAlive).orElse(false) ? new Observed(JobState.RUNNING, null, null)
                    : new Observed(JobState.CANCELLED, null, "cancelled");
        }
        if (Files.isRegularFile(dir.resolve(EXIT_CODE))) {
            try {
                int code = Integer.parseInt(Files.readString(dir.resolve(EXIT_CODE)).strip());
                return new Observed(code == 0 ? JobState.COMPLETED : JobState.FAILED, code + ":0", null);
            } catch (IOException | NumberFormatException e) {
                return new Observed(JobState.FAILED, null, "the exit code could not be read: " + e.getMessage());
            }
        }
        if (process.map(ProcessHandle::isAlive).orElse(false)) {
            return new Observed(JobState.RUNNING, null, null);
        }
        return new Observed(JobState.FAILED, null, "the job's process is gone without an exit code (killed?)");
    }

    @Override
    public void cancel(ExecutionProfile profile, String schedulerId) {
        try {
            Files.writeString(jobDirectory(profile, schedulerId).resolve(CANCELLED), "cancelled\n");
        } catch (IOException e) {
            // the process is killed all the same
        }
        ProcessHandle.of(pid(schedulerId)).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Override
    public JobOutputs fetch(ExecutionProfile profile, JobDirectory directory, String schedulerId, List<String> outputs)
            throws ExecutorUnavailableException {
        Path dir = Path.of(directory.path());
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > MAX_FILE_BYTES) {
                    continue;
                }
                for (String glob : outputs) {
                    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                    if (m.matches(Path.of(name))) {
                        files.put(name, Files.readAllBytes(p));
                        break;
                    }
                }
            }
            return new JobOutputs(tail(dir.resolve(STDOUT)), tail(dir.resolve(STDERR)), files);
        } catch (IOException e) {
            throw new ExecutorUnavailableException("cannot read the job's directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return text.length() <= TAIL_CHARS ? text : "…" + text.substring(text.length() - TAIL_CHARS);
    }
}
