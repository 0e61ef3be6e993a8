package org.nanoos.labhub.connectors.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nanoos.labhub.connectors.slurm.BatchScript;
import org.nanoos.labhub.connectors.slurm.BatchScriptGenerator;
import org.nanoos.labhub.connectors.slurm.JobDirectory;
import org.nanoos.labhub.connectors.slurm.JobResources;
import org.nanoos.labhub.connectors.slurm.JobState;
import org.nanoos.labhub.connectors.slurm.JobTemplate;
import org.nanoos.labhub.connectors.slurm.JobTemplateLoader;
import org.nanoos.labhub.connectors.slurm.LammpsLog;
import org.nanoos.labhub.connectors.slurm.PwOutput;
import org.nanoos.labhub.connectors.slurm.ScriptProfile;
import org.nanoos.labhub.connectors.slurm.StagedFileName;
import org.nanoos.labhub.connectors.slurm.SubmissionToken;
import org.nanoos.labhub.processors.analysis.AnalysisJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries computational jobs from submission to stored results. A request is checked at once — the template and
 * every parameter and resource against their allowlists, the inputs' names — and the batch script generated; the
 * job is stored SUBMITTING and handed to its profile's {@link JobExecutor} in the background (a cluster that cannot
 * be reached is tried again with back-off; the executor finds a job whose submission reply was lost by its token).
 * Every poll interval the tracker asks each profile once for all its active jobs; every change of state is stored
 * as an event and told to the {@link Listener} (the hub publishes it on MQTT). A job that ends has its output
 * fetched, parsed where the code is known (Quantum ESPRESSO, LAMMPS) and stored with it.
 */
public final class JobService implements AutoCloseable {

    /** Told about every change of a job's state. */
    @FunctionalInterface
    public interface Listener {
        void changed(Job job, String state, String detail);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** The time limit of a job whose request names none. */
    public static final String DEFAULT_WALLTIME = "01:00:00";

    private final JobRepository jobs;
    private final Map<ExecutionProfile.Kind, JobExecutor> executors = new EnumMap<>(ExecutionProfile.Kind.class);
    private final Path templates;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Listener listener;
    private final Map<UUID, Prepared> pending = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> retryAt = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public JobService(JobRepository jobs, List<JobExecutor> executors, Path templates, ObjectMapper json, Clock clock,
            Duration pollInterval, Listener listener) {
        this.jobs = jobs;
        for (JobExecutor e : executors) {
            this.executors.put(e.kind(), e);
        }
        this.templates = templates;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.listener = listener;
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "labhub-jobs");
                t.setDaemon(true);
                return t;
            });
            long ms = pollInterval.toMillis();
            scheduler.scheduleWithFixedDelay(this::trackSafely, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** The job templates available. */
    public Map<String, JobTemplate> templates() throws IOException {
        return JobTemplateLoader.loadAll(templates);
    }

    /**
     * Checks a request, stores the job SUBMITTING and submits it in the background.
     *
     * @throws IllegalArgumentException saying which field, parameter or input is wrong
     */
    public Job submit(JobRequest r) throws SQLException, IOException {
        ExecutionProfile profile = jobs.profile(r.profileId()).orElseThrow(() -> new IllegalArgumentException(
                "no execution profile '" + r.profileId() + "'; GET /api/profiles lists them"));
        JobExecutor executor = executor(profile);
        if (r.template() == null || !JobTemplate.NAME.matcher(r.template()).matches()
                || !java.nio.file.Files.isRegularFile(templates.resolve(r.template() + ".yaml"))) {
            throw new IllegalArgumentException("no job template '" + r.template() + "'; GET /api/job-templates lists "
                    + "them");
        }
        JobTemplate template = JobTemplateLoader.load(templates, r.template());
        UUID id = UUID.randomUUID();
        SubmissionToken token = SubmissionToken.random();
        JobDirectory directory = executor.directory(profile, id.toString());
        JobResources resources = resources(r.resources(), profile, template, id);
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (r.parameters() != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = r.parameters().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                parameters.put(e.getKey(), v.isArray() ? json.convertValue(v, List.class)
                        : v.isNumber() ? v.numberValue() : v.asText());
            }
        }
        ScriptProfile scriptProfile = new ScriptProfile(profile.modules(), profile.launcher());
        BatchScript script = new BatchScriptGenerator(scriptProfile).generate(template, parameters, resources, token,
                directory);
        Map<StagedFileName, byte[]> inputs = new LinkedHashMap<>();
        if (r.inputs() != null) {
            r.inputs().forEach((name, bytes) -> inputs.put(StagedFileName.of(name), bytes));
        }
        Instant now = clock.instant();
        String name = r.name() != null ? r.name() : template.name() + " " + id.toString().substring(0, 8);
        Job job = new Job(id, profile.id(), template.name(), name, r.parameters() == null ? json.createObjectNode()
                : r.parameters(), r.resources() == null ? json.createObjectNode() : r.resources(), token.value(),
                Job.SUBMITTING, null, directory.path(), null, null, null, null, null, null, r.measurementId(),
                r.analysisId(), r.experimentRunId(), now, null, null);
        jobs.insert(job);
        pending.put(id, new Prepared(profile, new JobExecutor.PreparedJob(script, directory, token, inputs,
                resources)));
        listener.changed(job, Job.SUBMITTING, "submitted to profile " + profile.id());
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(() -> submitSafely(id));
        }
        return job;
    }

    /** Cancels a job: SUBMITTING ones at once, others through the scheduler. */
    public Job cancel(UUID id) throws SQLException, JobRefusedException, ExecutorUnavailableException {
        Job job = jobs.find(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
        if (job.ended()) {
            throw new JobRefusedException("job " + id + " has ended already: " + job.state());
        }
        ExecutionProfile profile = jobs.profile(job.profileId()).orElseThrow();
        if (job.schedulerJobId() == null) {
            pending.remove(id);
            change(job, Job.SUBMITTING, JobState.CANCELLED.name(), true, null, null, null, null,
                    "cancelled before it was submitted");
        } else {
            executor(profile).cancel(profile, job.schedulerJobId());
        }
        return jobs.find(id).orElseThrow();
    }

    private void submitSafely(UUID id) {
        try {
            submitNow(id);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Job {}: {}", id, e.toString(), e);
        }
    }

    private void submitNow(UUID id) throws SQLException {
        Prepared p = pending.get(id);
        Job job = jobs.find(id).orElse(null);
        if (p == null || job == null || !Job.SUBMITTING.equals(job.state())) {
            return;
        }
        JobExecutor executor = executor(p.profile());
        try {
            String schedulerId = executor.submit(p.profile(), p.job());
            pending.remove(id);
            attempts.remove(id);
            retryAt.remove(id);
            change(job, Job.SUBMITTING, JobState.PENDING.name(), false, schedulerId, null, null, null,
                    "submitted as " + schedulerId);
        } catch (JobRefusedException e) {
            pending.remove(id);
            change(job, Job.SUBMITTING, JobState.FAILED.name(), true, null, null, "refused", e.getMessage(),
                    "refused: " + e.getMessage());
        } catch (ExecutorUnavailableException e) {
            int n = attempts.merge(id, 1, Integer::sum);
            Duration wait = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), (long) Math.pow(2, Math.min(n, 8))));
            retryAt.put(id, clock.instant().plus(wait));
            LOG.info("Job {}: profile {} unavailable ({}); trying again in {} s", id, p.profile().id(),
                    e.getMessage(), wait.toSeconds());
        }
    }

    /** One round: retries of submissions that are due, then one poll per profile for its active jobs. */
    void track() throws SQLException {
        Instant now = clock.instant();
        Map<String, List<Job>> byProfile = new LinkedHashMap<>();
        for (Job j : jobs.active()) {
            if (j.schedulerJobId() == null) {
                if (!pending.containsKey(j.id())) {
                    // a hub that stopped while submitting: the token finds the job if it reached the scheduler
                    change(j, Job.SUBMITTING, JobState.FAILED.name(), true, null, null,
                            "the hub stopped while submitting this job", "submit it again", "lost while submitting");
                } else if (!retryAt.getOrDefault(j.id(), Instant.MIN).isAfter(now)) {
                    submitNow(j.id());
                }
                continue;
            }
            byProfile.computeIfAbsent(j.profileId(), k -> new ArrayList<>()).add(j);
        }
        for (Map.Entry<String, List<Job>> e : byProfile.entrySet()) {
            Optional<ExecutionProfile> profile = jobs.profile(e.getKey());
            if (profile.isEmpty()) {
                continue;
            }
            JobExecutor executor = executor(profile.get());
            List<String> ids = new ArrayList<>();
            for (Job j : e.getValue()) {
                ids.add(j.schedulerJobId());
            }
            Map<String, JobExecutor.Observed> seen;
            try {
                seen = executor.poll(profile.get(), ids);
            } catch (ExecutorUnavailableException ex) {
                LOG.info("Profile {}: cannot poll its jobs now: {}", e.getKey(), ex.getMessage());
                continue;
            }
            for (Job j : e.getValue()) {
                JobExecutor.Observed o = seen.get(j.schedulerJobId());
                if (o == null || o.state().name().equals(j.state())) {
                    continue;
                }
                boolean ended = o.state().isFinal();
                String detail = o.state() + (o.reason() == null ? "" : " (" + o.reason() + ")")
                        + (o.exitCode() == null ? "" : ", exit code " + o.exitCode());
                if (ended) {
                    finish(profile.get(), executor, j, o, detail);
                } else {
                    change(j, j.state(), o.state().name(), false, null, o.exitCode(), null, null, detail);
                }
            }
        }
    }

    private void finish(ExecutionProfile profile, JobExecutor executor, Job j, JobExecutor.Observed o, String detail)
            throws SQLException {
        String error = null;
        JsonNode results = null;
        String stdout = null;
        String stderr = null;
        try {
            JobTemplate template = JobTemplateLoader.load(templates, j.template());
            JobExecutor.JobOutputs out = executor.fetch(profile, new JobDirectory(j.scratchDir()), j.schedulerJobId(),
                    template.outputs());
            stdout = out.stdout();
            stderr = out.stderr();
            results = parse(template.resultParser(), out);
        } catch (IOException | ExecutorUnavailableException | RuntimeException e) {
            error = "the job's output could not be read: " + e.getMessage();
        }
        if (o.state() != JobState.COMPLETED && error == null) {
            error = o.state() + (o.exitCode() == null ? "" : " with exit code " + o.exitCode())
                    + (stderr == null || stderr.isBlank() ? "" : ": " + lastLines(stderr, 5));
        }
        jobs.results(j.id(), stdout, stderr, results);
        change(j, j.state(), o.state().name(), true, null, o.exitCode(), error, explain(o.state()), detail);
    }

    private JsonNode parse(String parser, JobExecutor.JobOutputs out) {
        ObjectNode node = json.createObjectNode();
        switch (parser == null ? "none" : parser) {
            case "qe-pw" -> {
                byte[] file = out.files().get("pw.out");
                String text = file != null ? new String(file, StandardCharsets.UTF_8) : out.stdout();
                PwOutput pw = PwOutput.parse(text);
                node.put("parser", "qe-pw");
                node.set("pw", AnalysisJson.toJson(pw));
                if (pw.totalEnergyRy() != null) {
                    node.put("totalEnergyRy", pw.totalEnergyRy());
                    node.put("totalEnergyEv", pw.totalEnergyRy() * PwOutput.RY_IN_EV);
                }
            }
            case "lammps-log" -> {
                byte[] file = out.files().get("log.lammps");
                node.put("parser", "lammps-log");
                node.set("log", AnalysisJson.toJson(LammpsLog.parse(file != null
                        ? new String(file, StandardCharsets.UTF_8) : out.stdout())));
            }
            default -> node.put("parser", "none");
        }
        node.putArray("files").addAll(out.files().keySet().stream().map(json.getNodeFactory()::textNode).toList());
        return node;
    }

    private void change(Job job, String from, String to, boolean ended, String schedulerId, String exitCode,
            String error, String explanation, String detail) throws SQLException {
        if (jobs.transition(job.id(), from, to, ended, schedulerId, exitCode, error, explanation, clock.instant(),
                detail)) {
            LOG.info("Job {} ({}): {} → {}: {}", job.id(), job.template(), from, to, detail);
            try {
                listener.changed(jobs.find(job.id()).orElse(job), to, detail);
            } catch (RuntimeException e) {
                LOG.warn("Job {}: telling about {} failed: {}", job.id(), to, e.toString());
            }
        }
    }

    private void trackSafely() {
        try {
            track();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Job tracker: {}", e.toString());
        }
    }

    private JobExecutor executor(ExecutionProfile profile) {
        JobExecutor e = executors.get(profile.kind());
        if (e == null) {
            throw new IllegalArgumentException("profile " + profile.id() + " is " + profile.kind()
                    + ", which this hub cannot run yet");
        }
        return e;
    }

    private static JobResources resources(ObjectNode r, ExecutionProfile profile, JobTemplate template, UUID id) {
        JobResources.Builder b = JobResources.builder();
        String jobName = text(r, "jobName");
        b.jobName(jobName != null ? jobName : "labhub-" + template.name() + "-" + id.toString().substring(0, 8));
        if (r != null && r.hasNonNull("nodes")) {
            b.nodes(r.get("nodes").asInt());
        }
        if (r != null && r.hasNonNull("tasksPerNode")) {
            b.tasksPerNode(r.get("tasksPerNode").asInt());
        }
        if (r != null && r.hasNonNull("cpusPerTask")) {
            b.cpusPerTask(r.get("cpusPerTask").asInt());
        }
        if (r != null && r.hasNonNull("memoryMb")) {
            b.memoryMb(r.get("memoryMb").asLong());
        }
        // every job needs a time limit: one hour unless the request says otherwise
        b.walltime(text(r, "walltime") != null ? text(r, "walltime") : DEFAULT_WALLTIME);
        if (r != null && r.hasNonNull("gpusPerNode")) {
            b.gpusPerNode(r.get("gpusPerNode").asInt());
        }
        if (text(r, "gpuType") != null) {
            b.gpuType(text(r, "gpuType"));
        }
        if (profile.kind() == ExecutionProfile.Kind.SLURM) {
            String partition = text(r, "partition");
            b.partition(partition != null ? partition : profile.defaultPartition());
            String account = text(r, "account");
            b.account(account != null ? account : profile.account());
            String qos = text(r, "qos");
            b.qos(qos != null ? qos : profile.qos());
        }
        return b.build();
    }

    private static String text(JsonNode r, String field) {
        return r != null && r.hasNonNull(field) ? r.get(field).asText() : null;
    }

    /** What a person should change after a job ended this way, or {@code null} when there is nothing to say. */
    static String explain(JobState state) {
        return switch (state) {
            case TIMEOUT -> "the job reached its time limit and was stopped: ask for more walltime (resources.walltime),"
                    + " or make the calculation smaller";
            case OUT_OF_MEMORY -> "the job used more memory than it asked for and was killed: ask for more"
                    + " (resources.memoryMb) or spread it over more nodes";
            case NODE_FAIL -> "a node the job ran on failed; nothing in the job is wrong: submit it again";
            case BOOT_FAIL -> "a node could not be booted for the job; submit it again, and tell the cluster's"
                    + " administrators if it recurs";
            case PREEMPTED -> "a job of higher priority took the job's nodes; submit it again, or use a QOS or"
                    + " partition without preemption";
            case DEADLINE -> "the job could not finish before its deadline";
            case REVOKED -> "the job was revoked (federated cluster): submit it again";
            case FAILED -> "the program exited with an error: see the end of its output (stderrTail, stdoutTail)";
            default -> null;
        };
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    /** A job generated and waiting to be handed over. */
    private record Prepared(ExecutionProfile profile, JobExecutor.PreparedJob job) {
    }
}
