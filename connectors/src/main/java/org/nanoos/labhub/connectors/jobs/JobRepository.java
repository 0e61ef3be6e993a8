package org.nanoos.labhub.connectors.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Execution profiles, jobs and their events in PostgreSQL; every change of a job's state is stored with its event. */
public final class JobRepository {

    private static final String JOB_COLUMNS = "id, profile_id, template, name, parameters, resources, token, state, "
            + "scheduler_job_id, scratch_dir, exit_code, error, explanation, stdout_tail, stderr_tail, results, "
            + "measurement_id, analysis_id, experiment_run_id, submitted_at, started_at, ended_at";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public JobRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Registers or replaces a profile. */
    public void saveProfile(ExecutionProfile p) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO execution_profiles (id, kind, description, ssh_host, ssh_port, ssh_user, private_key_file,
                  passphrase_env, known_hosts_file, scratch_root, default_partition, account, qos, modules, launcher)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, description = EXCLUDED.description,
                  ssh_host = EXCLUDED.ssh_host, ssh_port = EXCLUDED.ssh_port, ssh_user = EXCLUDED.ssh_user,
                  private_key_file = EXCLUDED.private_key_file, passphrase_env = EXCLUDED.passphrase_env,
                  known_hosts_file = EXCLUDED.known_hosts_file, scratch_root = EXCLUDED.scratch_root,
                  default_partition = EXCLUDED.default_partition, account = EXCLUDED.account, qos = EXCLUDED.qos,
                  modules = EXCLUDED.modules, launcher = EXCLUDED.launcher
                """)) {
            ps.setString(1, p.id());
            ps.setString(2, p.kind().name());
            ps.setString(3, p.description());
            ps.setString(4, p.sshHost());
            if (p.kind() == ExecutionProfile.Kind.SLURM) {
                ps.setInt(5, p.sshPort());
            } else {
                ps.setNull(5, Types.INTEGER);
            }
            ps.setString(6, p.sshUser());
            ps.setString(7, p.privateKeyFile() == null ? null : p.privateKeyFile().toString());
            ps.setString(8, p.passphraseEnv());
            ps.setString(9, p.knownHostsFile() == null ? null : p.knownHostsFile().toString());
            ps.setString(10, p.scratchRoot());
            ps.setString(11, p.defaultPartition());
            ps.setString(12, p.account());
            ps.setString(13, p.qos());
            ps.setString(14, write(p.modules()));
            ps.setString(15, write(p.launcher()));
            ps.executeUpdate();
        }
    }

    public Optional<ExecutionProfile> profile(String id) throws SQLException {
        List<ExecutionProfile> all = profiles(id);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** All profiles, or the one with this id. */
    public List<ExecutionProfile> profiles(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, description, ssh_host, ssh_port, ssh_user, private_key_file, passphrase_env, "
                        + "known_hosts_file, scratch_root, default_partition, account, qos, modules, launcher "
                        + "FROM execution_profiles WHERE (CAST(? AS text) IS NULL OR id = ?) ORDER BY id")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<ExecutionProfile> out = new ArrayList<>();
                while (rs.next()) {
                    String key = rs.getString(7);
                    String hosts = rs.getString(9);
                    out.add(new ExecutionProfile(rs.getString(1), ExecutionProfile.Kind.valueOf(rs.getString(2)),
                            rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                            key == null ? null : Path.of(key), rs.getString(8), hosts == null ? null : Path.of(hosts),
                            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            Arrays.asList(json.readValue(rs.getString(14), String[].class)),
                            Arrays.asList(json.readValue(rs.getString(15), String[].class))));
                }
                return out;
            } catch (JsonProcessingException e) {
                throw new SQLException("profile row holds invalid JSON", e);
            }
        }
    }

    /** Stores a new job in state SUBMITTING with its first event. */
    public void insert(Job j) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, profile_id, template, name, "
                    + "parameters, resources, token, state, scratch_dir, measurement_id, analysis_id, experiment_run_id, "
                    + "submitted_at) VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, j.id());
                ps.setString(2, j.profileId());
                ps.setString(3, j.template());
                ps.setString(4, j.name());
                ps.setString(5, write(j.parameters()));
                ps.setString(6, write(j.resources()));
                ps.setString(7, j.token());
                ps.setString(8, j.state());
                ps.setString(9, j.scratchDir());
                ps.setObject(10, j.measurementId(), Types.BIGINT);
                ps.setObject(11, j.analysisId(), Types.BIGINT);
                ps.setObject(12, j.experimentRunId());
                ps.setTimestamp(13, Timestamp.from(j.submittedAt()));
                ps.executeUpdate();
                event(c, j.id(), j.submittedAt(), j.state(), "submitted to profile " + j.profileId());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Job> find(UUID id) throws SQLException {
        List<Job> l = query("WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Jobs that have not ended, oldest first. */
    public List<Job> active() throws SQLException {
        return query("WHERE ended_at IS NULL ORDER BY submitted_at");
    }

    /** Jobs, newest first. */
    public List<Job> list(String profileId, int limit) throws SQLException {
        return query("WHERE (CAST(? AS text) IS NULL OR profile_id = ?) ORDER BY submitted_at DESC LIMIT ?", profileId,
                profileId, limit);
    }

    /** The job made from this analysis with this template, if any. */
    public Optional<Job> ofAnalysis(long analysisId, String template) throws SQLException {
        List<Job> l = query("WHERE analysis_id = ? AND template = ?", analysisId, template);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public List<String[]> events(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT at, state, detail FROM job_events WHERE job_id = ? ORDER BY id")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new String[] {rs.getTimestamp(1).toInstant().toString(), rs.getString(2), rs.getString(3)});
                }
                return out;
            }
        }
    }

    /**
     * Moves a job to a new state when it is in {@code from} (any state when {@code from} is null), recording the
     * event; the scheduler id, exit code, error and explanation are set when given.
     *
     * @return whether the job changed
     */
    public boolean transition(UUID id, String from, String to, boolean ended, String schedulerJobId, String exitCode,
            String error, String explanation, Instant at, String detail) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE jobs SET state = ?, scheduler_job_id = COALESCE(?, scheduler_job_id),
                      exit_code = COALESCE(?, exit_code), error = COALESCE(?, error),
                      explanation = COALESCE(?, explanation),
                      started_at = CASE WHEN started_at IS NULL AND ? = 'RUNNING' THEN ? ELSE started_at END,
                      ended_at = CASE WHEN ? THEN ? ELSE ended_at END, last_checked_at = ?
                    WHERE id = ? AND ended_at IS NULL AND (CAST(? AS text) IS NULL OR state = ?)
                    """)) {
                Timestamp t = Timestamp.from(at);
                ps.setString(1, to);
                ps.setString(2, schedulerJobId);
                ps.setString(3, exitCode);
                ps.setString(4, error);
                ps.setString(5, explanation);
                ps.setString(6, to);
                ps.setTimestamp(7, t);
                ps.setBoolean(8, ended);
                ps.setTimestamp(9, t);
                ps.setTimestamp(10, t);
                ps.setObject(11, id);
                ps.setString(12, from);
                ps.setString(13, from);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                event(c, id, at, to, detail);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Stores what a finished job left. */
    public void results(UUID id, String stdoutTail, String stderrTail, JsonNode results) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET stdout_tail = ?, stderr_tail = ?, results = CAST(? AS jsonb) WHERE id = ?")) {
            ps.setString(1, stdoutTail);
            ps.setString(2, stderrTail);
            ps.setString(3, results == null ? null : results.toString());
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    private List<Job> query(String where, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Job> out = new ArrayList<>();
                while (rs.next()) {
                    String results = rs.getString(16);
                    long m = rs.getLong(17);
                    Long measurement = rs.wasNull() ? null : m;
                    long a = rs.getLong(18);
                    Long analysis = rs.wasNull() ? null : a;
                    out.add(new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            (ObjectNode) json.readTree(rs.getString(5)), (ObjectNode) json.readTree(rs.getString(6)),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                            results == null ? null : json.readTree(results), measurement, analysis,
                            rs.getObject(19, UUID.class), instant(rs, 20), instant(rs, 21), instant(rs, 22)));
                }
                return out;
            } catch (JsonProcessingException e) {
                throw new SQLException("job row holds invalid JSON", e);
            }
        }
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static void event(Connection c, UUID id, Instant at, String state, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO job_events (job_id, at, state, detail) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, state);
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
