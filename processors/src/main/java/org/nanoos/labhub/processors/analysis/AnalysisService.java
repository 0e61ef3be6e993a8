package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses what has been stored and not yet analysed, and keeps the results in {@code analyses}: each series
 * measurement of an analysable quantity ({@link MeasurementAnalyses}) once, and each COMPLETED experiment run that
 * has readings for a run analysis ({@link RunAnalyses}) once, when it has ended and none of its readings has
 * arrived for {@link #QUIET} (an instrument's last readings can still be on their way through the broker and the
 * writer when its end is reported on a faster channel: a cycler's final samples arrive after its DONE). The work list comes from the database itself, so nothing is missed across restarts and a second hub finds
 * nothing to do twice (the unique indexes keep one result per measurement or run and kind). Data that does not allow
 * an analysis gets a REFUSED row with the reason, never a made-up number, and is not tried again.
 *
 * <p>A route calls {@link #analysePending()} on a timer ({@code routes/analysis.camel.yaml}).
 */
public final class AnalysisService {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);
    private static final int BATCH = 20;
    /** How long an ended run's readings must have been quiet before the run is analysed. */
    static final java.time.Duration QUIET = java.time.Duration.ofSeconds(3);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private volatile java.util.function.Consumer<Map<String, Object>> listener;

    public AnalysisService(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Sets who is told about each analysis stored (its id, kind, status, instrument, measurement, run, headline value
     * and unit, and for XRD the lattice type): the hub hands them to the route that turns results into jobs.
     */
    public void setListener(java.util.function.Consumer<Map<String, Object>> listener) {
        this.listener = listener;
    }

    /**
     * One round: pending measurements, then ended runs.
     *
     * @return how many analyses were stored
     */
    public int analysePending() throws SQLException {
        return analyseMeasurements() + analyseRuns();
    }

    int analyseMeasurements() throws SQLException {
        record Pending(long id, String instrumentId, UUID runId, String quantity, JsonNode series, ObjectNode run,
                JsonNode metadata) {
        }
        List<Pending> pending = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT m.id, m.instrument_id, m.experiment_run_id, m.quantity, m.series, r.parameters, i.metadata
                FROM measurements m
                JOIN instruments i ON i.id = m.instrument_id
                LEFT JOIN experiment_runs r ON r.id = m.experiment_run_id
                WHERE m.quantity = ANY (?) AND m.series IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.measurement_id = m.id)
                ORDER BY m.id LIMIT ?
                """)) {
            ps.setArray(1, c.createArrayOf("text", MeasurementAnalyses.QUANTITIES.toArray()));
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String run = rs.getString(6);
                    pending.add(new Pending(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
                            rs.getString(4), read(rs.getString(5)),
                            run == null ? json.createObjectNode() : (ObjectNode) read(run), read(rs.getString(7))));
                }
            }
        }
        int stored = 0;
        for (Pending p : pending) {
            ObjectNode parameters = json.createObjectNode();
            AnalysisOutcome outcome;
            try {
                outcome = MeasurementAnalyses.analyse(p.quantity(), p.series(), p.run(), p.metadata(), parameters);
            } catch (IllegalArgumentException e) {
                outcome = AnalysisOutcome.refused(kindOf(p.quantity()), kindOf(p.quantity()) + " analysis", parameters, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Analysis of measurement {} ({}) failed", p.id(), p.quantity(), e);
                outcome = AnalysisOutcome.refused(kindOf(p.quantity()), kindOf(p.quantity()) + " analysis", parameters,
                        "the analysis failed: " + e);
            }
            stored += store(p.id(), p.runId(), p.instrumentId(), outcome);
        }
        return stored;
    }

    int analyseRuns() throws SQLException {
        int stored = 0;
        for (Map.Entry<String, List<String>> kind : RunAnalyses.KINDS.entrySet()) {
            record Ended(UUID id, String instrumentId, ObjectNode parameters, JsonNode metadata) {
            }
            List<Ended> ended = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.instrument_id, r.parameters, i.metadata FROM experiment_runs r
                    JOIN instruments i ON i.id = r.instrument_id
                    WHERE r.status = 'COMPLETED' AND r.completed_at < ?
                      AND EXISTS (SELECT 1 FROM measurements m WHERE m.experiment_run_id = r.id AND m.quantity = ?)
                      AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.experiment_run_id = r.id
                                      AND m.received_at >= ?)
                      AND NOT EXISTS (SELECT 1 FROM analyses a WHERE a.experiment_run_id = r.id
                                      AND a.measurement_id IS NULL AND a.kind = ?)
                    ORDER BY r.completed_at LIMIT ?
                    """)) {
                // the hub's clock, as received_at and completed_at are the hub's times
                java.sql.Timestamp quietSince = java.sql.Timestamp.from(java.time.Instant.now().minus(QUIET));
                ps.setTimestamp(1, quietSince);
                ps.setString(2, kind.getValue().get(0));
                ps.setTimestamp(3, quietSince);
                ps.setString(4, kind.getKey());
                ps.setInt(5, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(new Ended(rs.getObject(1, UUID.class), rs.getString(2), (ObjectNode) read(rs.getString(3)),
                                read(rs.getString(4))));
                    }
                }
            }
            for (Ended run : ended) {
                ObjectNode parameters = json.createObjectNode();
                AnalysisOutcome outcome;
                try {
                    Map<String, RunAnalyses.Readings> readings = new java.util.HashMap<>();
                    for (String quantity : kind.getValue()) {
                        readings.put(quantity, readings(run.id(), quantity));
                    }
                    outcome = RunAnalyses.analyse(kind.getKey(), readings, run.parameters(), run.metadata(), parameters);
                } catch (IllegalArgumentException e) {
                    outcome = AnalysisOutcome.refused(kind.getKey(), kind.getKey() + " analysis", parameters, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("Analysis {} of run {} failed", kind.getKey(), run.id(), e);
                    outcome = AnalysisOutcome.refused(kind.getKey(), kind.getKey() + " analysis", parameters,
                            "the analysis failed: " + e);
                }
                stored += store(null, run.id(), run.instrumentId(), outcome);
            }
        }
        return stored;
    }

    private RunAnalyses.Readings readings(UUID run, String quantity) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT extract(epoch FROM ts), value FROM measurements WHERE experiment_run_id = ? AND quantity = ? "
                        + "AND value IS NOT NULL AND quality <> 'BAD' ORDER BY ts, id")) {
            ps.setObject(1, run);
            ps.setString(2, quantity);
            try (ResultSet rs = ps.executeQuery()) {
                List<double[]> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
                }
                double[] t = new double[rows.size()];
                double[] v = new double[rows.size()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = rows.get(i)[0];
                    v[i] = rows.get(i)[1];
                }
                return new RunAnalyses.Readings(t, v);
            }
        }
    }

    private int store(Long measurementId, UUID runId, String instrumentId, AnalysisOutcome o) throws SQLException {
        String conflict = measurementId != null ? "(measurement_id, kind) WHERE measurement_id IS NOT NULL"
                : "(experiment_run_id, kind) WHERE measurement_id IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO analyses (measurement_id, experiment_run_id, instrument_id, kind, method, parameters, "
                        + "status, result, error, headline, value, uncertainty, unit) VALUES (?, ?, ?, ?, ?, "
                        + "CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, ?, ?, ?) ON CONFLICT " + conflict
                        + " DO NOTHING RETURNING id")) {
            if (measurementId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, measurementId);
            }
            ps.setObject(2, runId);
            ps.setString(3, instrumentId);
            ps.setString(4, o.kind());
            ps.setString(5, o.method());
            ps.setString(6, o.parameters().toString());
            ps.setString(7, o.ok() ? "OK" : "REFUSED");
            ps.setString(8, o.result() == null ? null : o.result().toString());
            ps.setString(9, o.error());
            ps.setString(10, o.headline());
            setDouble(ps, 11, o.value());
            setDouble(ps, 12, o.uncertainty());
            ps.setString(13, o.unit());
            long id = -1;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                }
            }
            int n = id < 0 ? 0 : 1;
            if (n == 1 && listener != null) {
                Map<String, Object> stored = new java.util.HashMap<>();
                stored.put("id", id);
                stored.put("kind", o.kind());
                stored.put("status", o.ok() ? "OK" : "REFUSED");
                stored.put("instrumentId", instrumentId);
                stored.put("measurementId", measurementId);
                stored.put("experimentRunId", runId);
                stored.put("value", o.value());
                stored.put("unit", o.unit());
                stored.put("lattice", o.result() == null ? null : o.result().path("indexing").path("lattice")
                        .asText(null));
                try {
                    listener.accept(stored);
                } catch (RuntimeException e) {
                    LOG.warn("Telling about analysis {} failed: {}", id, e.toString());
                }
            }
            if (n == 1) {
                LOG.info("Analysis {} of {} {}: {}", o.kind(), measurementId != null ? "measurement" : "run",
                        measurementId != null ? measurementId : runId,
                        o.ok() ? o.headline() + " = " + o.value() + (o.uncertainty() == null ? "" : " ± "
                                + o.uncertainty()) + " " + o.unit() : "refused: " + o.error());
            }
            return n;
        }
    }

    /**
     * Stored analyses, newest first.
     *
     * @param instrumentId  only this instrument's, or {@code null}
     * @param runId         only those linked to this run, or {@code null}
     * @param measurementId only those of this measurement, or {@code null}
     * @param kind          only this kind, or {@code null}
     * @param withResult    whether to include the full result JSON
     */
    public List<ObjectNode> list(String instrumentId, UUID runId, Long measurementId, String kind, int limit,
            boolean withResult) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, measurement_id, experiment_run_id, instrument_id, kind, method, parameters, status,
                       CASE WHEN ? THEN result END, error, headline, value, uncertainty, unit, created_at
                FROM analyses
                WHERE (CAST(? AS text) IS NULL OR instrument_id = ?)
                  AND (CAST(? AS uuid) IS NULL OR experiment_run_id = ?)
                  AND (CAST(? AS bigint) IS NULL OR measurement_id = ?)
                  AND (CAST(? AS text) IS NULL OR kind = ?)
                ORDER BY id DESC LIMIT ?
                """)) {
            ps.setBoolean(1, withResult);
            ps.setString(2, instrumentId);
            ps.setString(3, instrumentId);
            ps.setObject(4, runId);
            ps.setObject(5, runId);
            ps.setObject(6, measurementId, Types.BIGINT);
            ps.setObject(7, measurementId, Types.BIGINT);
            ps.setString(8, kind);
            ps.setString(9, kind);
            ps.setInt(10, limit);
            List<ObjectNode> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode o = json.createObjectNode();
                    o.put("id", rs.getLong(1));
                    long m = rs.getLong(2);
                    if (rs.wasNull()) {
                        o.putNull("measurementId");
                    } else {
                        o.put("measurementId", m);
                    }
                    UUID r = rs.getObject(3, UUID.class);
                    o.put("experimentRunId", r == null ? null : r.toString());
                    o.put("instrumentId", rs.getString(4));
                    o.put("kind", rs.getString(5));
                    o.put("method", rs.getString(6));
                    o.set("parameters", read(rs.getString(7)));
                    o.put("status", rs.getString(8));
                    if (withResult) {
                        String result = rs.getString(9);
                        o.set("result", result == null ? null : read(result));
                    }
                    o.put("error", rs.getString(10));
                    o.put("headline", rs.getString(11));
                    double v = rs.getDouble(12);
                    if (rs.wasNull()) {
                        o.putNull("value");
                    } else {
                        o.put("value", v);
                    }
                    double u = rs.getDouble(13);
                    if (rs.wasNull()) {
                        o.putNull("uncertainty");
                    } else {
                        o.put("uncertainty", u);
                    }
                    o.put("unit", rs.getString(14));
                    o.put("createdAt", rs.getTimestamp(15).toInstant().toString());
                    out.add(o);
                }
            }
            return out;
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || !Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private JsonNode read(String text) throws SQLException {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (java.io.IOException e) {
            throw new SQLException("stored JSON is not readable", e);
        }
    }

    private static String kindOf(String quantity) {
        return switch (quantity) {
            case "uvvis.absorbance" -> "uvvis.tauc";
            case "film.thickness_profile" -> "synthesis.film";
            case "pcm.sweep" -> "pcm.crystallization";
            default -> quantity;
        };
    }
}
