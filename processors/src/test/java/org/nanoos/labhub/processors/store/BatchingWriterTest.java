package org.nanoos.labhub.processors.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.processors.model.DeadLetter;
import org.nanoos.labhub.processors.model.IngestMessage;
import org.nanoos.labhub.processors.model.Measurement;

/** The writer against a real PostgreSQL with the project's schema. */
class BatchingWriterTest {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static final CamelContext CAMEL = new DefaultCamelContext();

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        // the schema lives at the project root; tests run in the module directory
        Flyway.configure().dataSource(dataSource).locations("filesystem:../schema").load().migrate();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE job_events, jobs, analyses, measurements, raw_messages, dead_letters, experiment_events, experiment_runs, instruments");
        }
    }

    private static IngestMessage message(String id, String quality, double... values) {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            ms.add(new Measurement("mqtt:lab/w-1/chamber/pressure", id, i, "w-1", null, "chamber.pressure",
                    Instant.parse("2026-11-21T10:00:00Z"), values[i], "Pa", values[i] / 100, "mbar", null, quality,
                    "lab/w-1/chamber/pressure"));
        }
        return new IngestMessage("mqtt:lab/w-1/chamber/pressure", id, "w-1", Instant.now(),
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), ms);
    }

    private static long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<CompletableFuture<Exchange>> send(BatchingWriter writer, Object... bodies) {
        List<CompletableFuture<Exchange>> done = new ArrayList<>();
        for (Object body : bodies) {
            Exchange e = new DefaultExchange(CAMEL);
            e.getMessage().setBody(body);
            done.add(writer.processAsync(e));
        }
        return done;
    }

    @Test
    void should_complete_exchanges_only_after_their_rows_are_committed() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            List<CompletableFuture<Exchange>> done = send(writer, message("a", "GOOD", 1, 2), message("b", "GOOD", 3));
            for (CompletableFuture<Exchange> f : done) {
                Exchange e = f.get(10, TimeUnit.SECONDS);
                assertThat(e.getException()).isNull();
            }
            // completion implies commit: the rows are visible to another connection now
            assertThat(count("measurements")).isEqualTo(3);
            assertThat(count("raw_messages")).isEqualTo(2);
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_store_a_redelivered_message_once() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            for (CompletableFuture<Exchange> f : send(writer, message("a", "GOOD", 1, 2), message("a", "GOOD", 1, 2))) {
                assertThat(f.get(10, TimeUnit.SECONDS).getException()).isNull();
            }
            for (CompletableFuture<Exchange> f : send(writer, message("a", "GOOD", 1, 2))) {
                assertThat(f.get(10, TimeUnit.SECONDS).getException()).isNull();
            }
            assertThat(count("measurements")).isEqualTo(2);
            assertThat(count("raw_messages")).isEqualTo(1);
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_dead_letter_only_the_message_the_database_refuses_and_store_the_rest_of_its_batch() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            // 'SUPERB' is not a quality the schema allows: the database refuses that one message
            List<CompletableFuture<Exchange>> done = send(writer, message("ok-1", "GOOD", 1), message("bad", "SUPERB", 2),
                    message("ok-2", "UNCERTAIN", 3));
            for (CompletableFuture<Exchange> f : done) {
                assertThat(f.get(10, TimeUnit.SECONDS).getException()).isNull();
            }
            assertThat(count("measurements")).isEqualTo(2);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT message_id, reason, payload FROM dead_letters")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("bad");
                assertThat(rs.getString(2)).startsWith("rejected by the database").contains("quality");
                assertThat(new String(rs.getBytes(3), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"bad\"}");
                assertThat(rs.next()).isFalse();
            }
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_store_text_with_tabs_newlines_backslashes_and_unicode_and_series_exactly() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            String address = "lab/w-1/a\tb\\c\nd\r µ✓ \\N";
            Measurement.Series series = new Measurement.Series(new double[] {0.1, 0.2, 1e-300}, "rad", "deg",
                    new double[] {1, 2.5, -3}, "1", "{counts}");
            Measurement m = new Measurement("mqtt:lab/w-1/xrd", "s-1", 0, "w-1", java.util.UUID.fromString(
                    "123e4567-e89b-12d3-a456-426614174000"), "xrd.pattern", Instant.parse("2026-11-21T10:00:00.123456Z"),
                    null, null, null, null, series, "GOOD", address);
            byte[] raw = {0, 1, 2, (byte) 0xFF, '\\', '\t'};
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // the run the measurement names must exist (foreign key)
                s.execute("INSERT INTO instruments (id, name, adapter_type) VALUES ('w-1', 'W', 'MQTT')");
                s.execute("INSERT INTO experiment_runs (id, instrument_id, experiment_type, name, silence_timeout_s, "
                        + "submitted_at) VALUES ('123e4567-e89b-12d3-a456-426614174000', 'w-1', 'MEASUREMENT', 'r', 60, "
                        + "now())");
            }
            Exchange e = send(writer, new IngestMessage("mqtt:lab/w-1/xrd", "s-1", "w-1", Instant.now(), raw, List.of(m)))
                    .get(0).get(10, TimeUnit.SECONDS);
            assertThat(e.getException()).isNull();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT m.source_address, m.experiment_run_id, m.ts, "
                         + "m.series->'x'->>'originalUnit', (m.series->'x'->'values'->>2)::float8, r.payload "
                         + "FROM measurements m JOIN raw_messages r USING (source, message_id)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(address);
                assertThat(rs.getString(2)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(Instant.parse("2026-11-21T10:00:00.123456Z"));
                assertThat(rs.getString(4)).isEqualTo("deg");
                assertThat(rs.getDouble(5)).isEqualTo(1e-300);
                assertThat(rs.getBytes(6)).isEqualTo(raw);
            }
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_store_dead_letters_with_reason_and_raw_bytes() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            byte[] raw = {(byte) 0xC3, (byte) 0x28};
            DeadLetter d = new DeadLetter("mqtt:lab/w-1/x", "h1", "lab/w-1/x", "not valid UTF-8", Instant.now(), raw);
            for (CompletableFuture<Exchange> f : send(writer, d, d)) {
                assertThat(f.get(10, TimeUnit.SECONDS).getException()).isNull();
            }
            assertThat(count("dead_letters")).isEqualTo(1);
            assertThat(writer.deadLetters()).isEqualTo(2);
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_refuse_a_body_it_cannot_store() throws Exception {
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(dataSource), 100, 1000);
        writer.start();
        try {
            Exchange e = send(writer, "just a string").get(0).get(10, TimeUnit.SECONDS);
            assertThat(e.getException()).isInstanceOf(org.apache.camel.InvalidPayloadException.class);
        } finally {
            writer.stop();
        }
    }

    @Test
    void should_fail_what_is_still_queued_when_stopped_so_the_source_redelivers_it() throws Exception {
        // a database that does not answer: the writer keeps retrying, then the hub stops
        DataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        ((org.postgresql.ds.PGSimpleDataSource) unreachable).setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        BatchingWriter writer = new BatchingWriter(new MeasurementStore(unreachable), 100, 1000);
        writer.start();
        List<CompletableFuture<Exchange>> done = send(writer, message("x", "GOOD", 1));
        writer.stop();
        Exchange e = done.get(0).get(10, TimeUnit.SECONDS);
        assertThat(e.getException()).isInstanceOf(StorageUnavailableException.class);
    }
}
