package org.nanoos.labhub.processors.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.nanoos.labhub.processors.model.DeadLetter;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.nanoos.labhub.processors.model.Measurement;

/**
 * Writes normalized messages and dead letters to PostgreSQL in one transaction per batch, with JDBC batches
 * (pgjdbc rewrites them into multi-row inserts when the URL sets {@code reWriteBatchedInserts=true}).
 * Idempotent: every insert is {@code ON CONFLICT DO NOTHING} on the natural key {@code (source, message_id)},
 * so a redelivered message never makes a second row. Instruments seen for the first time are registered with
 * the adapter type of the protocol they spoke; known ones get their last-connected time moved forward.
 */
public final class MeasurementStore {

    private static final String UPSERT_INSTRUMENT = """
            INSERT INTO instruments (id, name, adapter_type, status, last_connected_at)
            VALUES (?, ?, ?, 'AVAILABLE', ?)
            ON CONFLICT (id) DO UPDATE SET
              last_connected_at = GREATEST(instruments.last_connected_at, EXCLUDED.last_connected_at),
              status = CASE WHEN instruments.status = 'OFFLINE' THEN 'AVAILABLE' ELSE instruments.status END
            """;
    private static final String INSERT_RAW = """
            INSERT INTO raw_messages (source, message_id, received_at, payload) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    private static final String INSERT_MEASUREMENT = """
            INSERT INTO measurements (source, message_id, record_index, instrument_id, experiment_run_id, quantity, ts,
              value, unit, original_value, original_unit, series, quality, source_address, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;
    private static final String INSERT_DEAD_LETTER = """
            INSERT INTO dead_letters (source, message_id, source_address, reason, received_at, payload)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;

    public MeasurementStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the items ({@link IngestMessage} or {@link DeadLetter}) in one transaction: all of them or none.
     *
     * @throws SQLException when the database refuses or cannot be reached; nothing was committed
     */
    public void write(List<?> items) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                writeInTransaction(c, items);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void writeInTransaction(Connection c, List<?> items) throws SQLException {
        // instruments first, in a stable order so that concurrent hubs lock rows in the same order
        Map<String, IngestMessage> latestByInstrument = new TreeMap<>();
        for (Object item : items) {
            if (item instanceof IngestMessage m) {
                latestByInstrument.merge(m.instrumentId(), m,
                        (a, b) -> a.receivedAt().isAfter(b.receivedAt()) ? a : b);
            } else if (!(item instanceof DeadLetter)) {
                throw new IllegalArgumentException("cannot store " + (item == null ? "null" : item.getClass().getName()));
            }
        }
        if (!latestByInstrument.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_INSTRUMENT)) {
                for (IngestMessage m : latestByInstrument.values()) {
                    ps.setString(1, m.instrumentId());
                    ps.setString(2, m.instrumentId());
                    ps.setString(3, adapterType(m.source()));
                    ps.setTimestamp(4, Timestamp.from(m.receivedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement raw = c.prepareStatement(INSERT_RAW)) {
                for (Object item : items) {
                    if (item instanceof IngestMessage m) {
                        raw.setString(1, m.source());
                        raw.setString(2, m.messageId());
                        raw.setTimestamp(3, Timestamp.from(m.receivedAt()));
                        raw.setBytes(4, m.raw());
                        raw.addBatch();
                    }
                }
                raw.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_MEASUREMENT)) {
                for (Object item : items) {
                    if (item instanceof IngestMessage m) {
                        for (Measurement r : m.measurements()) {
                            bindMeasurement(ps, r, m.receivedAt());
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
        }
        boolean anyDead = false;
        try (PreparedStatement ps = c.prepareStatement(INSERT_DEAD_LETTER)) {
            for (Object item : items) {
                if (item instanceof DeadLetter d) {
                    ps.setString(1, d.source());
                    ps.setString(2, d.messageId());
                    ps.setString(3, d.sourceAddress());
                    ps.setString(4, d.reason());
                    ps.setTimestamp(5, Timestamp.from(d.receivedAt()));
                    ps.setBytes(6, d.raw());
                    ps.addBatch();
                    anyDead = true;
                }
            }
            if (anyDead) {
                ps.executeBatch();
            }
        }
    }

    private static void bindMeasurement(PreparedStatement ps, Measurement r, Instant receivedAt) throws SQLException {
        ps.setString(1, r.source());
        ps.setString(2, r.messageId());
        ps.setInt(3, r.recordIndex());
        ps.setString(4, r.instrumentId());
        ps.setObject(5, r.experimentRunId(), Types.OTHER);
        ps.setString(6, r.quantity());
        ps.setTimestamp(7, Timestamp.from(r.timestamp()));
        setDouble(ps, 8, r.value());
        ps.setString(9, r.unit());
        setDouble(ps, 10, r.originalValue());
        ps.setString(11, r.originalUnit());
        ps.setString(12, r.series() == null ? null : seriesJson(r.series()));
        ps.setString(13, r.quality());
        ps.setString(14, r.sourceAddress());
        ps.setTimestamp(15, Timestamp.from(receivedAt));
    }

    private static void setDouble(PreparedStatement ps, int index, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    /** The series as stored in the {@code series} JSONB column. */
    static String seriesJson(Measurement.Series s) {
        StringWriter out = new StringWriter(32 + 24 * (s.x().length + s.y().length));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            writeAxis(g, "x", s.x(), s.xUnit(), s.xOriginalUnit());
            writeAxis(g, "y", s.y(), s.yUnit(), s.yOriginalUnit());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeAxis(JsonGenerator g, String name, double[] values, String unit, String originalUnit)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("unit", unit);
        if (originalUnit != null) {
            g.writeStringField("originalUnit", originalUnit);
        }
        g.writeFieldName("values");
        g.writeArray(values, 0, values.length);
        g.writeEndObject();
    }

    /** The adapter type of the protocol named by a source's prefix ({@code mqtt:…} → MQTT). */
    static String adapterType(String source) {
        int colon = source.indexOf(':');
        String protocol = colon < 0 ? source : source.substring(0, colon);
        return switch (protocol) {
            case "mqtt" -> "MQTT";
            case "opcua" -> "OPCUA";
            case "rest", "http" -> "REST";
            case "ssh", "sftp" -> "SSH";
            case "sim" -> "SIMULATED";
            default -> throw new IllegalArgumentException("unknown protocol in source '" + source + "'");
        };
    }
}
