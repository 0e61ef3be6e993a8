package org.nanoos.labhub.processors.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis worker against a real PostgreSQL with the project's schema: an ended run is analysed only once its
 * readings have stopped arriving. A cycler reports DONE on its state topic while its last samples can still be on
 * their way through the broker and the writer; analysing then refused the run for a sample without its test time.
 */
class AnalysisServiceTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("filesystem:../schema").load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void should_wait_for_an_ended_runs_last_readings_before_analysing_it() throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(10));
        UUID run = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO instruments (id, name, adapter_type) VALUES ('CYC-Q', 'cycler', 'MQTT')");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO experiment_runs (id, instrument_id, experiment_type, name, status, silence_timeout_s,
                                                 submitted_at, started_at, completed_at)
                    VALUES (?, 'CYC-Q', 'TESTING', 'cycling', 'COMPLETED', 60, ?, ?, ?)""")) {
                ps.setObject(1, run);
                ps.setTimestamp(2, Timestamp.from(start));
                ps.setTimestamp(3, Timestamp.from(start));
                ps.setTimestamp(4, Timestamp.from(start.plusSeconds(100)));
                ps.executeUpdate();
            }
        }
        // 40 samples of a cell charged and discharged at ±1 A, received long ago; the last sample's test time
        // has only just arrived
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 40; i++) {
            Instant ts = start.plusSeconds(1 + 2L * i);
            double current = (i / 10) % 2 == 0 ? 1.0 : -1.0;
            double voltage = 3.0 + 0.02 * (current > 0 ? i % 10 : 10 - i % 10);
            insert(run, "cell.voltage", ts, voltage, "V", longAgo, i);
            insert(run, "cell.current", ts, current, "A", longAgo, i);
            insert(run, "cell.test_time", ts, 36.0 * i, "s", i == 39 ? Instant.now() : longAgo, i);
        }

        AnalysisService service = new AnalysisService(dataSource, new ObjectMapper());
        assertThat(service.analyseRuns()).as("readings arrived within the quiet period").isZero();
        assertThat(runAnalyses(run)).isZero();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE measurements SET received_at = received_at - interval '1 minute'");
        }
        assertThat(service.analyseRuns()).isEqualTo(1);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT parameters->>'pairedReadings', parameters->>'timeFrom', "
                     + "coalesce(error, '') FROM analyses WHERE experiment_run_id = '" + run + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("40");
            assertThat(rs.getString(2)).as("every sample had its test time").isEqualTo("cell.test_time");
            assertThat(rs.getString(3)).doesNotContain("missing");
        }
        assertThat(service.analyseRuns()).as("once only").isZero();
    }

    private static long runAnalyses(UUID run) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM analyses WHERE experiment_run_id = ?")) {
            ps.setObject(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insert(UUID run, String quantity, Instant ts, double value, String unit, Instant receivedAt,
            int sample) throws Exception {
        String source = "mqtt:lab/CYC-Q/" + quantity;
        String id = quantity + "-" + sample;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO raw_messages (source, message_id, received_at, payload) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, source);
                ps.setString(2, id);
                ps.setTimestamp(3, Timestamp.from(receivedAt));
                ps.setBytes(4, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO measurements (source, message_id, record_index, instrument_id, experiment_run_id,
                                              quantity, ts, value, unit, quality, received_at)
                    VALUES (?, ?, 0, 'CYC-Q', ?, ?, ?, ?, ?, 'GOOD', ?)""")) {
                ps.setString(1, source);
                ps.setString(2, id);
                ps.setObject(3, run);
                ps.setString(4, quantity);
                ps.setTimestamp(5, Timestamp.from(ts));
                ps.setDouble(6, value);
                ps.setString(7, unit);
                ps.setTimestamp(8, Timestamp.from(receivedAt));
                ps.executeUpdate();
            }
        }
    }
}
