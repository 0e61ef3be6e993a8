package org.nanoos.labhub.processors.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Experiment runs and their events in PostgreSQL. Every change of state is one transaction that updates the run
 * only if it is still in one of the states the change starts from, and records the event; so two hubs, or the
 * tracker and a cancel request, never both move the same run.
 */
public final class ExperimentRepository {

    private static final String COLUMNS = "id, instrument_id, experiment_type, name, status, parameters, results, "
            + "external_id, error_message, material, structure, silence_timeout_s, progress, submitted_by, "
            + "submitted_at, started_at, completed_at, last_heard_at";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ExperimentRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Stores a new PENDING run and its first event.
     *
     * @return {@code false} when the instrument has a pending or running run already
     */
    public boolean insert(ExperimentRun run) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO experiment_runs (id, instrument_id, "
                        + "experiment_type, name, status, parameters, material, structure, silence_timeout_s, "
                        + "submitted_by, submitted_at) VALUES (?, ?, ?, ?, 'PENDING', CAST(? AS jsonb), ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (instrument_id) WHERE status IN ('PENDING', 'RUNNING') DO NOTHING")) {
                    ps.setObject(1, run.id());
                    ps.setString(2, run.instrumentId());
                    ps.setString(3, run.type().name());
                    ps.setString(4, run.name());
                    ps.setString(5, write(run.parameters()));
                    ps.setString(6, run.material());
                    ps.setString(7, run.structure());
                    ps.setLong(8, run.silenceTimeout().toSeconds());
                    ps.setString(9, run.submittedBy());
                    ps.setTimestamp(10, Timestamp.from(run.submittedAt()));
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                event(c, run.id(), run.submittedAt(), RunStatus.PENDING, "submitted to " + run.instrumentId());
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<ExperimentRun> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM experiment_runs WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Runs, newest first.
     *
     * @param instrumentId only this instrument's, or {@code null} for all
     * @param status       only runs in this state, or {@code null} for all
     * @param limit        at most this many
     */
    public List<ExperimentRun> list(String instrumentId, RunStatus status, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM experiment_runs WHERE (CAST(? AS text) IS NULL OR instrument_id = ?) "
                + "AND (CAST(? AS text) IS NULL OR status = ?) ORDER BY submitted_at DESC, id LIMIT ?")) {
            ps.setString(1, instrumentId);
            ps.setString(2, instrumentId);
            String s = status == null ? null : status.name();
            ps.setString(3, s);
            ps.setString(4, s);
            ps.setInt(5, limit);
            return readAll(ps);
        }
    }

    /** Runs that are pending or running, oldest first: the ones the tracker looks after. */
    public List<ExperimentRun> active() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM experiment_runs WHERE status IN ('PENDING', 'RUNNING') ORDER BY submitted_at")) {
            return readAll(ps);
        }
    }

    public List<ExperimentEvent> events(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT run_id, at, status, detail FROM experiment_events WHERE run_id = ? ORDER BY id")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                List<ExperimentEvent> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new ExperimentEvent(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            RunStatus.valueOf(rs.getString(3)), rs.getString(4)));
                }
                return all;
            }
        }
    }

    /** How many measurements are linked to the run, by quantity. */
    public List<QuantityCount> measurementCounts(UUID runId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT quantity, count(*), min(ts), max(ts) FROM measurements WHERE experiment_run_id = ? "
                        + "GROUP BY quantity ORDER BY quantity")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                List<QuantityCount> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new QuantityCount(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant()));
                }
                return all;
            }
        }
    }

    /**
     * Moves a pending run to RUNNING: the instrument accepted it.
     *
     * @param startedAt when it was sent (the start of its measurement window)
     * @return {@code false} when it was no longer pending (cancelled meanwhile)
     */
    public boolean markRunning(UUID id, String externalId, Instant startedAt, Instant at, String detail)
            throws SQLException {
        return transition(id, List.of(RunStatus.PENDING), RunStatus.RUNNING, at, detail,
                "external_id = ?, started_at = ?, last_heard_at = ?, progress = 0",
                ps -> {
                    ps.setString(1, externalId);
                    ps.setTimestamp(2, Timestamp.from(startedAt));
                    ps.setTimestamp(3, Timestamp.from(at));
                }, 3);
    }

    /**
     * Ends a run.
     *
     * @param from        the states it may end from
     * @param completedAt the end of its measurement window (never before its start)
     * @param results     what the instrument reported, or {@code null}
     * @param error       why it failed or was cancelled, or {@code null}
     * @return {@code false} when it was not in one of {@code from}
     */
    public boolean end(UUID id, List<RunStatus> from, RunStatus to, Instant completedAt, JsonNode results,
            String error, Instant at, String detail) throws SQLException {
        if (!to.isFinal()) {
            throw new IllegalArgumentException(to + " is not a final state");
        }
        return transition(id, from, to, at, detail,
                "completed_at = CASE WHEN started_at IS NULL THEN CAST(? AS timestamptz) "
                        + "ELSE GREATEST(started_at, CAST(? AS timestamptz)) END, "
                        + "results = COALESCE(CAST(? AS jsonb), results), error_message = ?, "
                        + "progress = CASE WHEN ? THEN 1 ELSE progress END",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(completedAt));
                    ps.setTimestamp(2, Timestamp.from(completedAt));
                    ps.setString(3, results == null ? null : write(results));
                    ps.setString(4, error);
                    ps.setBoolean(5, to == RunStatus.COMPLETED);
                }, 5);
    }

    /** Records that the instrument reported on a running run. */
    public void heard(UUID id, Double progress, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE experiment_runs SET last_heard_at = GREATEST(last_heard_at, ?), "
                        + "progress = COALESCE(?, progress) WHERE id = ? AND status = 'RUNNING'")) {
            ps.setTimestamp(1, Timestamp.from(at));
            if (progress == null) {
                ps.setNull(2, Types.DOUBLE);
            } else {
                ps.setDouble(2, progress);
            }
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    /** The newest time a measurement linked to the run was received, or {@code null}. */
    public Instant lastMeasurementReceived(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT max(received_at) FROM measurements WHERE experiment_run_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /**
     * Links to the run the measurements of its instrument taken inside its window that were stored before the
     * window was known (the writer links those it stores afterwards). Every change of a run's state does this in
     * the same transaction, so a run is never seen RUNNING or ended with readings of its window left unlinked; a
     * batch the writer had under way while the window changed is caught by the next change at the latest.
     *
     * @return how many were linked
     */
    private static int link(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE measurements m SET experiment_run_id = r.id
                FROM experiment_runs r
                WHERE r.id = ? AND r.started_at IS NOT NULL AND m.instrument_id = r.instrument_id
                  AND m.experiment_run_id IS NULL AND m.ts >= r.started_at
                  AND (r.completed_at IS NULL OR m.ts <= r.completed_at)
                """)) {
            ps.setObject(1, id);
            return ps.executeUpdate();
        }
    }

    private boolean transition(UUID id, List<RunStatus> from, RunStatus to, Instant at, String detail, String set,
            Binder binder, int bound) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE experiment_runs SET status = ?, " + set
                        + " WHERE id = ? AND status = ANY (?)")) {
                    binder.bind(new OffsetStatement(ps, 1));
                    ps.setString(1, to.name());
                    ps.setObject(bound + 2, id);
                    ps.setArray(bound + 3, c.createArrayOf("text", from.stream().map(Enum::name).toArray()));
                    if (ps.executeUpdate() != 1) {
                        c.rollback();
                        return false;
                    }
                }
                event(c, id, at, to, detail);
                link(c, id);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void event(Connection c, UUID id, Instant at, RunStatus status, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO experiment_events (run_id, at, status, detail) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, status.name());
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    private List<ExperimentRun> readAll(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ExperimentRun> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        }
    }

    private ExperimentRun read(ResultSet rs) throws SQLException {
        try {
            String results = rs.getString("results");
            double progress = rs.getDouble("progress");
            boolean noProgress = rs.wasNull();
            return new ExperimentRun(rs.getObject("id", UUID.class), rs.getString("instrument_id"),
                    ExperimentType.valueOf(rs.getString("experiment_type")), rs.getString("name"),
                    RunStatus.valueOf(rs.getString("status")), (ObjectNode) json.readTree(rs.getString("parameters")),
                    results == null ? null : json.readTree(results), rs.getString("external_id"),
                    rs.getString("error_message"), rs.getString("material"), rs.getString("structure"),
                    Duration.ofSeconds(rs.getLong("silence_timeout_s")), noProgress ? null : progress,
                    rs.getString("submitted_by"), instant(rs, "submitted_at"), instant(rs, "started_at"),
                    instant(rs, "completed_at"), instant(rs, "last_heard_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("experiment run row holds invalid JSON", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Measurements linked to a run, per quantity.
     *
     * @param quantity the quantity
     * @param count    how many
     * @param first    the earliest one's time
     * @param last     the latest one's time
     */
    public record QuantityCount(String quantity, long count, Instant first, Instant last) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(OffsetStatement ps) throws SQLException;
    }

    /** Binds the SET clause's parameters after the status parameter. */
    private record OffsetStatement(PreparedStatement ps, int offset) {
        void setString(int i, String v) throws SQLException {
            ps.setString(i + offset, v);
        }

        void setTimestamp(int i, Timestamp v) throws SQLException {
            ps.setTimestamp(i + offset, v);
        }

        void setBoolean(int i, boolean v) throws SQLException {
            ps.setBoolean(i + offset, v);
        }
    }
}
