package org.nanoos.labhub.connectors.slurm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;
import org.nanoos.labhub.connectors.jobs.ExecutorUnavailableException;
import org.nanoos.labhub.connectors.jobs.JobExecutor;
import org.nanoos.labhub.connectors.jobs.JobRefusedException;
import org.nanoos.labhub.connectors.ssh.SshCommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on SLURM clusters over SSH: one {@link SlurmSession} per cluster profile, all sessions sharing one
 * hub-wide {@link CommandRateLimit}. Register one instance per hub.
 *
 * <p><b>Submitting</b> ({@link #submit}):
 * <ol>
 * <li>The resources are checked against the partition's limits ({@code scontrol show partition P}, cached per profile
 * and partition for {@link SlurmExecutorConfig#partitionCacheTtl()}); a request that cannot fit is refused before
 * anything is staged, naming the limit.</li>
 * <li>The job directory {@code <scratchRoot>/labhub-<jobId>} is made over SFTP (mode 700) and checked with
 * {@code lstat}: a real directory, not a link, owned by the login user, writable by nobody else. Inputs and the
 * script are uploaded with {@code CREATE|EXCL} and each checked again with {@code lstat}.</li>
 * <li>{@code sbatch --parsable <dir>/labhub-job.sbatch}; the script's {@code --chdir} makes the job run in its
 * directory and write {@code slurm-<id>.out} there.</li>
 * </ol>
 * SLURM's refusals go through {@link SlurmErrors}: a request to change becomes a {@link JobRefusedException} with the
 * explanation and what to change; a transient failure (controller busy, cluster unreachable) is tried again
 * {@link SlurmExecutorConfig#attempts()} times with doubling back-off, then becomes an
 * {@link ExecutorUnavailableException}.
 *
 * <p><b>Never twice:</b> whenever an {@code sbatch} may have run without its reply reaching the hub (the connection
 * dropped after it was sent, it timed out, it printed no id, or SLURM said its reply was lost), and whenever the job
 * directory exists already when a submission starts (an earlier call got that far), the submission token is looked up
 * first: {@code squeue} (all of the user's jobs), then {@code sacct}, then {@code scontrol show job}
 * ({@link SubmissionLookup}). A job found is the answer; {@code sbatch} runs again only when all three answered and
 * none holds the token. When the lookup itself cannot run, nothing is submitted and the call ends with
 * {@link ExecutorUnavailableException}; the next call looks up again. Should two jobs ever carry one token, the lowest
 * id is kept and the others are cancelled.
 *
 * <p><b>Polling</b> ({@link #poll}): one {@code squeue -j} for all the ids; only for ids it does not list, and for
 * those it lists as ended (for their exit code), one {@code sacct} (or, where the cluster keeps no accounting, one
 * {@code scontrol show job}). A job {@code squeue} no longer lists is reported only when one of those confirms a final
 * state; otherwise it is left out of the answer and keeps its last state.
 *
 * <p><b>Fetching</b> ({@link #fetch}): {@code slurm-<id>.out} (the generated script sends standard output and error
 * there, so {@link JobOutputs#stderr()} is empty unless a {@code slurm-<id>.err} exists) as its last
 * {@link SlurmExecutorConfig#tailBytes()}, and the template's output globs: regular files only (links are refused),
 * whole up to {@link SlurmExecutorConfig#maxFileBytes()}, larger text files as their tail, larger binary files
 * skipped.
 *
 * <pre>{@code
 * SlurmExecutor slurm = new SlurmExecutor(SlurmExecutorConfig.defaults());
 * JobDirectory dir = slurm.directory(profile, "42");
 * String id = slurm.submit(profile, new PreparedJob(script, dir, token, inputs, resources));
 * Map<String, Observed> states = slurm.poll(profile, List.of(id));
 * JobOutputs out = slurm.fetch(profile, dir, id, script.outputs());
 * }</pre>
 */
public final class SlurmExecutor implements JobExecutor, AutoCloseable {

    /** Job ids the hub hands in: the names of job directories ({@code labhub-<jobId>}). */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}");
    /** What precedes the job id in the name of its directory. */
    public static final String DIRECTORY_PREFIX = "labhub-";

    private static final Pattern SCHEDULER_ID = Pattern.compile("\\d{1,10}(?:_\\d{1,10})?");
    private static final Pattern PARTITION_NOT_FOUND = Pattern.compile("Partition (\\S+) not found");
    private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);

    private final SlurmExecutorConfig config;
    private final CommandRateLimit rateLimit;
    private final Function<String, String> environment;
    private final Map<String, ProfileSession> sessions = new LinkedHashMap<>(); // guarded by itself
    private final Map<String, CachedLimits> partitions = new ConcurrentHashMap<>();
    /** Profiles whose cluster said it keeps no accounting (for {@link SlurmExecutorConfig.Accounting#AUTO}). */
    private final Set<String> withoutAccounting = ConcurrentHashMap.newKeySet();
    private final Set<String> submitting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record ProfileSession(ExecutionProfile profile, SlurmSession session) {
    }

    private record CachedLimits(PartitionLimits limits, long fetchedAt) {
    }

    /** An executor with {@link SlurmExecutorConfig#defaults()}. */
    public SlurmExecutor() {
        this(SlurmExecutorConfig.defaults());
    }

    /** An executor with this configuration; passphrases are read from the process environment. */
    public SlurmExecutor(SlurmExecutorConfig config) {
        this(config, System::getenv);
    }

    /**
     * @param environment looks up the variables that hold key passphrases ({@link ExecutionProfile#passphraseEnv()})
     */
    public SlurmExecutor(SlurmExecutorConfig config, Function<String, String> environment) {
        this.config = Objects.requireNonNull(config, "config");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.rateLimit = new CommandRateLimit(config.commandsPerSecond(), config.commandBurst());
    }

    @Override
    public ExecutionProfile.Kind kind() {
        return ExecutionProfile.Kind.SLURM;
    }

    /** The configuration. */
    public SlurmExecutorConfig config() {
        return config;
    }

    /** The hub-wide command rate limit all sessions share. */
    public CommandRateLimit rateLimit() {
        return rateLimit;
    }

    /**
     * The session to a profile's cluster, made on first use; a profile changed under the same id gets a new one. For
     * health checks and for tests (its command counters).
     */
    public SlurmSession session(ExecutionProfile profile) {
        requireSlurm(profile);
        SlurmSession old = null;
        SlurmSession made;
        synchronized (sessions) {
            if (closed) {
                throw new IllegalStateException("the SLURM executor is closed");
            }
            ProfileSession current = sessions.get(profile.id());
            if (current != null && current.profile().equals(profile)) {
                return current.session();
            }
            if (current != null) {
                old = current.session();
                LOG.info("execution profile {} changed; replacing its SSH session", profile.id());
                partitions.keySet().removeIf(k -> k.startsWith(profile.id() + "\u0000"));
                withoutAccounting.remove(profile.id());
            }
            made = new SlurmSession(profile, config, rateLimit, environment);
            sessions.put(profile.id(), new ProfileSession(profile, made));
        }
        if (old != null) {
            old.close();
        }
        return made;
    }

    /** {@code <scratchRoot>/labhub-<jobId>}. */
    @Override
    public JobDirectory directory(ExecutionProfile profile, String jobId) {
        Objects.requireNonNull(profile, "profile");
        Allowlist.require("jobId", jobId, JOB_ID, 128, "1–128 of A-Z a-z 0-9 _ . + - (not starting with . + or -)");
        String root = profile.scratchRoot();
        while (root.length() > 1 && root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return new JobDirectory((root.equals("/") ? "" : root) + "/" + DIRECTORY_PREFIX + jobId);
    }

    // ---------------------------------------------------------------------------------------------------- submit

    @Override
    public String submit(ExecutionProfile profile, PreparedJob job)
            throws JobRefusedException, ExecutorUnavailableException {
        requireSlurm(profile);
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(job.script(), "script");
        Objects.requireNonNull(job.directory(), "directory");
        Objects.requireNonNull(job.token(), "token");
        Objects.requireNonNull(job.resources(), "resources");
        if (!job.token().equals(job.script().token())) {
            throw new IllegalArgumentException("the script carries token " + job.script().token()
                    + ", the job " + job.token() + "; a lookup after a lost reply would not find it");
        }
        String token = job.token().value();
        if (!submitting.add(profile.id() + "\u0000" + token)) {
            throw new ExecutorUnavailableException("job with token " + token + " is being submitted by another call"
                    + " right now; try again when it has ended");
        }
        try {
            return submitOnce(profile, job);
        } finally {
            submitting.remove(profile.id() + "\u0000" + token);
        }
    }

    private String submitOnce(ExecutionProfile profile, PreparedJob job)
            throws JobRefusedException, ExecutorUnavailableException {
        SlurmSession s = session(profile);
        JobDirectory dir = job.directory();
        String partition = job.resources().partition() != null ? job.resources().partition()
                : profile.defaultPartition();
        boolean checked = false;
        boolean directoryReady = false;
        boolean createdHere = false;
        boolean staged = false;
        // true while an sbatch for this token may have run unseen: then only a lookup decides what comes next
        boolean mayHaveSubmitted = false;
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            try {
                if (!checked) {
                    checkLimits(s, profile, partition, job.resources());
                    checked = true;
                }
                if (!directoryReady) {
                    boolean existed = prepareDirectory(s, dir);
                    createdHere |= !existed;
                    directoryReady = true;
                    if (existed && !createdHere) {
                        LOG.info("job directory {} on {} exists already: an earlier submission got that far;"
                                + " looking up token {} first", dir, s.address(), job.token());
                        mayHaveSubmitted = true;
                    }
                }
                if (mayHaveSubmitted) {
                    Optional<String> found = lookup(s, profile, job.token());
                    if (found.isPresent()) {
                        LOG.info("job with token {} found on {} as {}: it was submitted, its reply had been lost",
                                job.token(), s.address(), found.get());
                        return found.get();
                    }
                    LOG.info("no job carries token {} on {}: it was not submitted", job.token(), s.address());
                    mayHaveSubmitted = false;
                }
                if (!staged) {
                    stage(s, dir, job);
                    staged = true;
                }
                SshCommandResult r;
                try {
                    r = s.run(SlurmCommands.sbatch(dir), config.sbatchTimeout());
                } catch (CommandOutcomeUnknownException e) {
                    mayHaveSubmitted = true;
                    throw e;
                }
                if (r.exitCode() == 0) {
                    try {
                        String id = SubmittedJob.parse(r.stdout()).jobId();
                        LOG.info("submitted {} to {} as job {} (token {})", dir, s.address(), id, job.token());
                        return id;
                    } catch (UnexpectedOutputException e) {
                        mayHaveSubmitted = true;
                        throw new IOException("sbatch exited 0 but " + e.getMessage(), e);
                    }
                }
                SlurmErrors.SlurmError error = SlurmErrors.explain(SlurmErrors.Command.SBATCH, r.stderr());
                switch (error.disposition()) {
                    case LOOKUP_THEN_RETRY -> {
                        mayHaveSubmitted = true;
                        problem = "sbatch: " + error.slurmMessage() + " (" + error.explanation() + ")";
                    }
                    case RETRY, WAIT -> problem = "sbatch: " + error.slurmMessage() + " (" + error.explanation() + ")";
                    default -> throw refused(error);
                }
                LOG.warn("sbatch of {} on {} failed, transient: {}", dir, s.address(), error.slurmMessage());
            } catch (ClusterAccessRefusedException e) {
                throw new ExecutorUnavailableException(e.getMessage(), e);
            } catch (IOException e) {
                problem = e.getMessage();
                LOG.warn("submission of {} to {}, try {} of {}: {}", dir, s.address(), attempt, config.attempts(),
                        e.toString());
            }
            if (attempt >= config.attempts()) {
                throw new ExecutorUnavailableException("submission of " + dir + " to " + s.address()
                        + " gave up after " + attempt + " tries: " + problem + (mayHaveSubmitted
                        ? ". It may have been submitted without the hub seeing the answer; the next submission of"
                        + " this job looks its token " + job.token() + " up before anything else"
                        : ". Nothing was submitted"));
            }
            pause(backoff(attempt, s));
        }
    }

    /**
     * Checks the request against the partition's limits.
     *
     * @throws JobRefusedException when the partition does not exist or a limit is exceeded
     * @throws IOException         when the limits could not be read (transient)
     */
    private void checkLimits(SlurmSession s, ExecutionProfile profile, String partition, JobResources resources)
            throws JobRefusedException, IOException {
        PartitionLimits limits = limits(s, profile, partition);
        List<PartitionLimits.Violation> violations = limits.check(resources);
        if (!violations.isEmpty()) {
            throw new JobRefusedException("The job does not fit partition '" + limits.name() + "' of "
                    + clusterName(profile) + ": " + violations.stream().map(PartitionLimits.Violation::message)
                    .collect(Collectors.joining("; ")) + ".");
        }
    }

    /** A partition's limits, from the cache or {@code scontrol show partition}; the default one for {@code null}. */
    PartitionLimits limits(SlurmSession s, ExecutionProfile profile, String partition)
            throws JobRefusedException, IOException {
        String key = profile.id() + "\u0000" + (partition == null ? "" : partition);
        CachedLimits cached = partitions.get(key);
        if (cached != null && System.nanoTime() - cached.fetchedAt() < config.partitionCacheTtl().toNanos()) {
            return cached.limits();
        }
        SshCommandResult r = s.run(partition == null ? SlurmCommands.scontrolShowPartitions()
                : SlurmCommands.scontrolShowPartition(partition));
        if (r.exitCode() != 0) {
            Matcher notFound = PARTITION_NOT_FOUND.matcher(r.stderr() + "\n" + r.stdout());
            if (notFound.find()) {
                // scontrol's own wording; SlurmErrors knows sbatch's for the same problem
                throw refused(SlurmErrors.explain(SlurmErrors.Command.SBATCH,
                        "sbatch: error: invalid partition specified: " + notFound.group(1)));
            }
            SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SCONTROL, r.stderr());
            if (e.isTransient()) {
                throw new IOException("scontrol show partition: " + e.slurmMessage());
            }
            throw refused(e);
        }
        PartitionLimits found = null;
        if (partition == null) {
            for (Map<String, String> record : Fields.keyValueRecords(r.stdout(), "PartitionName")) {
                if ("YES".equalsIgnoreCase(record.get("Default"))) {
                    String name = record.get("PartitionName");
                    found = PartitionLimits.parse(r.stdout()).records().stream()
                            .filter(p -> p.name().equals(name)).findFirst().orElse(null);
                    break;
                }
            }
            if (found == null) {
                throw refused(SlurmErrors.explain(SlurmErrors.Command.SBATCH,
                        "sbatch: error: Batch job submission failed: No partition specified or system default"
                        + " partition"));
            }
        } else {
            found = PartitionLimits.parse(r.stdout()).records().stream().filter(p -> p.name().equals(partition))
                    .findFirst().orElse(null);
            if (found == null) {
                throw refused(SlurmErrors.explain(SlurmErrors.Command.SBATCH,
                        "sbatch: error: invalid partition specified: " + partition));
            }
        }
        partitions.put(key, new CachedLimits(found, System.nanoTime()));
        return found;
    }

    /**
     * Makes the job directory (mode 700) or finds it from an earlier attempt, and checks it with {@code lstat}.
     *
     * @return whether it existed already
     */
    private boolean prepareDirectory(SlurmSession s, JobDirectory dir) throws JobRefusedException, IOException {
        int uid = s.loginUid();
        Boolean existed = s.sftp(sftp -> {
            boolean was;
            try {
                sftp.mkdir(dir.path());
                was = false;
            } catch (SftpException e) {
                // OpenSSH's sftp-server (protocol 3) answers FAILURE, not FILE_ALREADY_EXISTS, for an existing entry
                SftpClient.Attributes a = lstatOrNull(sftp, dir.path());
                if (a == null) {
                    return null; // parent missing or not writable: reported below
                }
                was = true;
                if (a.isSymbolicLink() || !a.isDirectory() || a.getUserId() != uid) {
                    return true; // refused below, before anything follows the entry
                }
            }
            sftp.setStat(dir.path(), new SftpClient.Attributes().perms(0700));
            return was;
        });
        if (existed == null) {
            throw new JobRefusedException("The job directory " + dir + " cannot be made on " + s.address()
                    + ": the scratch root is missing or not writable by " + s.profile().sshUser() + ". Create it (or"
                    + " correct scratchRoot in execution profile '" + s.profile().id() + "').");
        }
        StagedFileName.RemoteEntry entry = s.sftp(sftp -> entry(sftp.lstat(dir.path())));
        Optional<String> problem = StagedFileName.checkJobDirectory(entry, uid);
        if (problem.isPresent()) {
            throw new JobRefusedException("Nothing was staged: " + problem.get() + " (" + dir + " on "
                    + s.address() + "). Someone else may be tampering with the scratch directory; tell the"
                    + " cluster's administrators.");
        }
        return existed;
    }

    /** Uploads inputs and script with {@code CREATE|EXCL}, after removing what an earlier attempt left. */
    private void stage(SlurmSession s, JobDirectory dir, PreparedJob job) throws JobRefusedException, IOException {
        int uid = s.loginUid();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (job.inputs() != null) {
            job.inputs().forEach((name, bytes) -> files.put(dir.resolve(name), Objects.requireNonNull(bytes, "input "
                    + name)));
        }
        files.put(dir.scriptPath(), job.script().bytes());
        String problem = s.sftp(sftp -> {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String path = f.getKey();
                if (lstatOrNull(sftp, path) != null) {
                    sftp.remove(path); // ours, from an attempt that did not submit; a link is removed, not followed
                }
                try (OutputStream out = sftp.write(path, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                        SftpClient.OpenMode.Exclusive)) {
                    out.write(f.getValue());
                }
                sftp.setStat(path, new SftpClient.Attributes().perms(0600));
                Optional<String> wrong = StagedFileName.checkUploaded(entry(sftp.lstat(path)), uid,
                        f.getValue().length);
                if (wrong.isPresent()) {
                    return wrong.get() + " (" + path + ")";
                }
            }
            return null;
        });
        if (problem != null) {
            throw new JobRefusedException("Nothing was submitted: " + problem + " on " + s.address()
                    + ". Someone else may be tampering with the scratch directory; tell the cluster's"
                    + " administrators.");
        }
    }

    /**
     * The job carrying {@code token}: {@code squeue}, then {@code sacct}, then {@code scontrol show job}.
     *
     * @return empty only when every source answered and none holds the token
     * @throws IOException when a source could not answer (the lookup is inconclusive; do not submit)
     */
    private Optional<String> lookup(SlurmSession s, ExecutionProfile profile, SubmissionToken token)
            throws IOException {
        List<String> ids;
        SshCommandResult r = s.run(SlurmCommands.squeueUser(profile.sshUser()));
        if (r.exitCode() != 0) {
            throw new IOException("looking up token " + token + ": squeue failed: "
                    + SlurmErrors.explain(SlurmErrors.Command.SQUEUE, r.stderr()).slurmMessage());
        }
        ids = SubmissionLookup.inSqueue(SqueueJob.parse(r.stdout()).records(), token);
        if (ids.isEmpty() && usesSacct(profile)) {
            r = s.run(SlurmCommands.sacctLookup(profile.sshUser(), config.lookupDays()));
            if (r.exitCode() == 0) {
                ids = SubmissionLookup.inSacct(SacctJob.parse(r.stdout()).records(), token);
            } else {
                SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SACCT, r.stderr());
                if (e.kind() != SlurmErrors.Kind.ACCOUNTING_DISABLED) {
                    throw new IOException("looking up token " + token + ": sacct failed: " + e.slurmMessage());
                }
                noAccounting(profile, e);
            }
        }
        if (ids.isEmpty()) {
            r = s.run(SlurmCommands.scontrolShowJobs());
            if (r.exitCode() != 0) {
                throw new IOException("looking up token " + token + ": scontrol show job failed: "
                        + SlurmErrors.explain(SlurmErrors.Command.SCONTROL, r.stderr()).slurmMessage());
            }
            ids = SubmissionLookup.inScontrol(ScontrolJob.parse(r.stdout()).records(), token);
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        if (ids.size() > 1) {
            LOG.error("token {} is carried by jobs {} on {}: submitted more than once; keeping {} and cancelling"
                    + " the others", token, ids, s.address(), ids.get(0));
            for (String extra : ids.subList(1, ids.size())) {
                try {
                    s.run(SlurmCommands.scancel(extra));
                } catch (IOException e) {
                    LOG.error("cannot cancel duplicate job {} on {}: {}", extra, s.address(), e.toString());
                }
            }
        }
        return Optional.of(ids.get(0));
    }

    // ------------------------------------------------------------------------------------------------------ poll

    @Override
    public Map<String, Observed> poll(ExecutionProfile profile, List<String> schedulerIds)
            throws ExecutorUnavailableException {
        requireSlurm(profile);
        Objects.requireNonNull(schedulerIds, "schedulerIds");
        if (schedulerIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(schedulerIds));
        ids.forEach(SlurmExecutor::requireSchedulerId);
        SlurmSession s = session(profile);
        Map<String, Observed> observed = new LinkedHashMap<>();
        try {
            Set<String> wanted = Set.copyOf(ids);
            for (int from = 0; from < ids.size(); from += SlurmCommands.MAX_IDS) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + SlurmCommands.MAX_IDS));
                SshCommandResult r = s.run(SlurmCommands.squeueJobs(chunk));
                if (r.exitCode() != 0) {
                    SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SQUEUE, r.stderr());
                    if (e.kind() == SlurmErrors.Kind.JOB_UNKNOWN) {
                        continue; // squeue -j fails this way when it knows none of the ids
                    }
                    throw new ExecutorUnavailableException("squeue on " + s.address() + ": " + e.slurmMessage()
                            + " (" + e.explanation() + ")");
                }
                ParsedLines<SqueueJob> parsed = SqueueJob.parse(r.stdout());
                parsed.unreadable().forEach(l -> LOG.warn("unreadable squeue line from {}: {}", s.address(),
                        Allowlist.describe(l)));
                for (SqueueJob j : parsed.records()) {
                    if (wanted.contains(j.jobId())) {
                        observed.put(j.jobId(), new Observed(j.state(), null, j.reason()));
                    }
                }
            }
        } catch (IOException e) {
            throw unavailable("squeue", s, e);
        }
        List<String> missing = ids.stream().filter(id -> !observed.containsKey(id)).toList();
        List<String> ended = observed.entrySet().stream().filter(e -> e.getValue().state().isFinal())
                .map(Map.Entry::getKey).toList();
        if (missing.isEmpty() && ended.isEmpty()) {
            return observed;
        }
        List<String> followUp = new ArrayList<>(missing);
        followUp.addAll(ended);
        Map<String, Observed> confirmed;
        try {
            confirmed = finalStates(s, profile, followUp);
        } catch (IOException e) {
            if (!missing.isEmpty()) {
                LOG.warn("cannot confirm the state of jobs {} that squeue on {} no longer lists: {}; they keep their"
                        + " last state", missing, s.address(), e.toString());
            }
            return observed;
        }
        for (String id : ended) {
            Observed c = confirmed.get(id);
            if (c != null && c.state().isFinal()) {
                Observed q = observed.get(id);
                observed.put(id, new Observed(c.state(), c.exitCode(), c.reason() != null ? c.reason() : q.reason()));
            }
        }
        for (String id : missing) {
            Observed c = confirmed.get(id);
            if (c != null && c.state().isFinal()) {
                observed.put(id, c);
            } else {
                LOG.debug("job {} on {}: not in squeue and no final state confirmed ({}); left out", id,
                        s.address(), c);
            }
        }
        return observed;
    }

    /**
     * What {@code sacct} (where the cluster keeps accounting) and then {@code scontrol show job} (for what sacct did
     * not show as ended) say about these jobs; final and not-yet-final states alike.
     */
    private Map<String, Observed> finalStates(SlurmSession s, ExecutionProfile profile, List<String> ids)
            throws IOException {
        Map<String, Observed> found = new LinkedHashMap<>();
        Set<String> wanted = Set.copyOf(ids);
        if (usesSacct(profile)) {
            SshCommandResult r = s.run(SlurmCommands.sacct(ids));
            if (r.exitCode() == 0) {
                for (SacctJob j : SacctJob.parse(r.stdout()).records()) {
                    if (wanted.contains(j.jobId())) {
                        found.put(j.jobId(), new Observed(j.effectiveState(), exit(j.exitCode(), j.signal()),
                                j.stateText().equals(j.state().name()) ? null : j.stateText()));
                    }
                }
            } else {
                SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SACCT, r.stderr());
                if (e.kind() != SlurmErrors.Kind.ACCOUNTING_DISABLED) {
                    throw new IOException("sacct: " + e.slurmMessage());
                }
                noAccounting(profile, e);
            }
        }
        List<String> rest = ids.stream().filter(id -> found.get(id) == null || !found.get(id).state().isFinal())
                .toList();
        if (rest.isEmpty()) {
            return found;
        }
        SshCommandResult r = s.run(rest.size() == 1 ? SlurmCommands.scontrolShowJob(rest.get(0))
                : SlurmCommands.scontrolShowJobs());
        if (r.exitCode() != 0) {
            SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SCONTROL, r.stderr());
            if (e.kind() == SlurmErrors.Kind.JOB_UNKNOWN) {
                return found; // purged from the controller's memory (MinJobAge) or never there
            }
            throw new IOException("scontrol show job: " + e.slurmMessage());
        }
        Set<String> still = Set.copyOf(rest);
        for (ScontrolJob j : ScontrolJob.parse(r.stdout()).records()) {
            if (still.contains(j.jobId())) {
                found.put(j.jobId(), new Observed(j.state(), exit(j.exitCode(), j.signal()), j.reason()));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------- cancel

    @Override
    public void cancel(ExecutionProfile profile, String schedulerId)
            throws JobRefusedException, ExecutorUnavailableException {
        requireSlurm(profile);
        requireSchedulerId(schedulerId);
        SlurmSession s = session(profile);
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            try {
                SshCommandResult r = s.run(SlurmCommands.scancel(schedulerId));
                if (r.exitCode() == 0) {
                    LOG.info("cancelled job {} on {}", schedulerId, s.address());
                    return;
                }
                SlurmErrors.SlurmError e = SlurmErrors.explain(SlurmErrors.Command.SCANCEL, r.stderr());
                switch (e.disposition()) {
                    case NOTHING_TO_DO -> {
                        LOG.info("job {} on {} had already ended: {}", schedulerId, s.address(), e.slurmMessage());
                        return;
                    }
                    case RETRY, WAIT, LOOKUP_THEN_RETRY -> problem = "scancel: " + e.slurmMessage();
                    default -> throw refused(e);
                }
            } catch (ClusterAccessRefusedException e) {
                throw new ExecutorUnavailableException(e.getMessage(), e);
            } catch (IOException e) {
                problem = e.getMessage(); // scancel is safe to repeat, whether or not it ran
            }
            if (attempt >= config.attempts()) {
                throw new ExecutorUnavailableException("cancelling job " + schedulerId + " on " + s.address()
                        + " gave up after " + attempt + " tries: " + problem);
            }
            pause(backoff(attempt, s));
        }
    }

    // ----------------------------------------------------------------------------------------------------- fetch

    @Override
    public JobOutputs fetch(ExecutionProfile profile, JobDirectory directory, String schedulerId,
            List<String> outputs) throws ExecutorUnavailableException {
        requireSlurm(profile);
        Objects.requireNonNull(directory, "directory");
        requireSchedulerId(schedulerId);
        List<Pattern> globs = new ArrayList<>();
        for (String g : outputs == null ? List.<String>of() : outputs) {
            globs.add(glob(StagedFileName.requireGlob("outputs", g)));
        }
        SlurmSession s = session(profile);
        String problem = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return fetchOnce(s, directory, schedulerId, globs);
            } catch (ClusterAccessRefusedException | RemoteDirectoryRefusedException e) {
                throw new ExecutorUnavailableException(e.getMessage(), e);
            } catch (IOException e) {
                problem = e.toString(); // reading is safe to repeat
            }
            if (attempt >= config.attempts()) {
                throw new ExecutorUnavailableException("fetching the outputs of job " + schedulerId + " from "
                        + directory + " on " + s.address() + " gave up after " + attempt + " tries: " + problem);
            }
            pause(backoff(attempt, s));
        }
    }

    /** The job directory is not what the hub made: it is not read. */
    private static final class RemoteDirectoryRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RemoteDirectoryRefusedException(String message) {
            super(message);
        }
    }

    private JobOutputs fetchOnce(SlurmSession s, JobDirectory dir, String schedulerId, List<Pattern> globs)
            throws IOException {
        int uid = s.loginUid();
        String stdoutName = "slurm-" + schedulerId + ".out";
        String stderrName = "slurm-" + schedulerId + ".err";
        return s.sftp(sftp -> {
            SftpClient.Attributes d = lstatOrNull(sftp, dir.path());
            if (d == null) {
                LOG.warn("job directory {} of job {} does not exist on {}; no outputs", dir, schedulerId,
                        s.address());
                return new JobOutputs("", "", Map.of());
            }
            Optional<String> refusal = StagedFileName.checkJobDirectory(entry(d), uid);
            if (refusal.isPresent()) {
                throw new RemoteDirectoryRefusedException("outputs of job " + schedulerId + " not fetched: "
                        + refusal.get() + " (" + dir + " on " + s.address() + ")");
            }
            String stdout = "";
            String stderr = "";
            Map<String, byte[]> files = new TreeMap<>();
            for (SftpClient.DirEntry e : sftp.readDir(dir.path())) {
                String name = e.getFilename();
                boolean isStdout = name.equals(stdoutName);
                boolean isStderr = name.equals(stderrName);
                boolean declared = globs.stream().anyMatch(g -> g.matcher(name).matches());
                if (!isStdout && !isStderr && !declared || name.equals(".") || name.equals("..")) {
                    continue;
                }
                if (StagedFileName.check(name).isPresent()) {
                    LOG.warn("not fetching {} in {} on {}: {}", Allowlist.describe(name), dir, s.address(),
                            StagedFileName.check(name).get());
                    continue;
                }
                String path = dir.path() + "/" + name;
                SftpClient.Attributes a = lstatOrNull(sftp, path);
                if (a == null) {
                    continue;
                }
                if (a.isSymbolicLink() || !a.isRegularFile()) {
                    LOG.warn("not fetching {} in {} on {}: {}", name, dir, s.address(),
                            a.isSymbolicLink() ? "a symbolic link; only regular files are fetched"
                                    : "not a regular file");
                    continue;
                }
                if (isStdout || isStderr) {
                    String text = new String(tail(sftp, path, a.getSize(), config.tailBytes()),
                            StandardCharsets.UTF_8);
                    if (isStdout) {
                        stdout = text;
                    } else {
                        stderr = text;
                    }
                }
                if (declared) {
                    byte[] content = a.getSize() <= config.maxFileBytes()
                            ? range(sftp, path, 0, config.maxFileBytes())
                            : largeText(sftp, path, a.getSize(), name, dir, s);
                    if (content != null) {
                        files.put(name, content);
                    }
                }
            }
            return new JobOutputs(stdout, stderr, files);
        });
    }

    /** The tail of a file larger than the limit when it is text (no NUL byte in it), else null. */
    private byte[] largeText(SftpClient sftp, String path, long size, String name, JobDirectory dir, SlurmSession s)
            throws IOException {
        byte[] tail = tail(sftp, path, size, config.tailBytes());
        for (byte b : tail) {
            if (b == 0) {
                LOG.warn("not fetching {} in {} on {}: {} bytes, more than the limit of {}, and not text", name, dir,
                        s.address(), size, config.maxFileBytes());
                return null;
            }
        }
        LOG.info("fetching only the last {} bytes of {} in {} on {} ({} bytes)", config.tailBytes(), name, dir,
                s.address(), size);
        return tail;
    }

    /** The last {@code max} bytes of a file, after a line saying how much was left out when that is not all. */
    private static byte[] tail(SftpClient sftp, String path, long size, int max) throws IOException {
        if (size <= max) {
            return range(sftp, path, 0, max);
        }
        byte[] tail = range(sftp, path, size - max, max);
        byte[] marker = ("[... the first " + (size - max) + " bytes are left out; the last " + max
                + " follow ...]\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[marker.length + tail.length];
        System.arraycopy(marker, 0, out, 0, marker.length);
        System.arraycopy(tail, 0, out, marker.length, tail.length);
        return out;
    }

    /** At most {@code max} bytes from {@code offset}. */
    private static byte[] range(SftpClient sftp, String path, long offset, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[32 * 1024];
        try (SftpClient.CloseableHandle h = sftp.open(path, SftpClient.OpenMode.Read)) {
            long position = offset;
            while (out.size() < max) {
                int n = sftp.read(h, position, buffer, 0, (int) Math.min(buffer.length, max - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                position += n;
            }
        }
        return out.toByteArray();
    }

    // ----------------------------------------------------------------------------------------------------- close

    /** Closes every session. */
    @Override
    public void close() {
        List<SlurmSession> all;
        synchronized (sessions) {
            closed = true;
            all = sessions.values().stream().map(ProfileSession::session).toList();
            sessions.clear();
        }
        all.forEach(SlurmSession::close);
    }

    // --------------------------------------------------------------------------------------------------- helpers

    private boolean usesSacct(ExecutionProfile profile) {
        return switch (config.accounting()) {
            case SACCT -> true;
            case SCONTROL -> false;
            case AUTO -> !withoutAccounting.contains(profile.id());
        };
    }

    private void noAccounting(ExecutionProfile profile, SlurmErrors.SlurmError e) {
        if (config.accounting() == SlurmExecutorConfig.Accounting.AUTO && withoutAccounting.add(profile.id())) {
            LOG.info("cluster of profile {} keeps no accounting ({}); finished jobs are read with scontrol show job",
                    profile.id(), e.slurmMessage());
        }
    }

    private static JobRefusedException refused(SlurmErrors.SlurmError e) {
        return new JobRefusedException(e.explanation() + " " + e.whatToChange() + " (SLURM: " + e.slurmMessage()
                + ")");
    }

    private static ExecutorUnavailableException unavailable(String what, SlurmSession s, IOException e) {
        return new ExecutorUnavailableException(what + " on " + s.address() + " failed: " + e.getMessage(), e);
    }

    private Duration backoff(int attempt, SlurmSession s) {
        Duration wait = SlurmSession.backoff(config.retryBackoff(), config.retryBackoffMax(), attempt);
        Duration reconnect = s.untilReconnect();
        return reconnect.compareTo(wait) > 0 ? reconnect : wait;
    }

    private static void pause(Duration d) throws ExecutorUnavailableException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorUnavailableException("interrupted while waiting to try again",
                    new InterruptedIOException());
        }
    }

    private static String exit(Integer code, Integer signal) {
        return code == null ? null : code + ":" + (signal == null ? 0 : signal);
    }

    private static String clusterName(ExecutionProfile p) {
        return p.description() != null ? "'" + p.description() + "'" : "profile '" + p.id() + "'";
    }

    private static void requireSlurm(ExecutionProfile profile) {
        Objects.requireNonNull(profile, "profile");
        if (profile.kind() != ExecutionProfile.Kind.SLURM) {
            throw new IllegalArgumentException("profile " + profile.id() + " is " + profile.kind()
                    + "; the SLURM executor serves SLURM profiles");
        }
    }

    private static void requireSchedulerId(String id) {
        Allowlist.require("schedulerId", id, SCHEDULER_ID, 21, "a SLURM job id such as 123 or 123_4");
    }

    private static SftpClient.Attributes lstatOrNull(SftpClient sftp, String path) throws IOException {
        try {
            return sftp.lstat(path);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE
                    || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
                return null;
            }
            throw e;
        }
    }

    private static StagedFileName.RemoteEntry entry(SftpClient.Attributes a) {
        StagedFileName.RemoteEntry.Type type = a.isSymbolicLink() ? StagedFileName.RemoteEntry.Type.SYMBOLIC_LINK
                : a.isDirectory() ? StagedFileName.RemoteEntry.Type.DIRECTORY
                : a.isRegularFile() ? StagedFileName.RemoteEntry.Type.REGULAR_FILE
                : StagedFileName.RemoteEntry.Type.OTHER;
        return new StagedFileName.RemoteEntry(type, a.getUserId(), a.getPermissions() & 07777, a.getSize());
    }

    /** A glob over plain names ({@code *}, {@code ?}) as a pattern; case-sensitive, as the cluster's file system. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }
}
