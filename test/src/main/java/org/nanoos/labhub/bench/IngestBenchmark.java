package org.nanoos.labhub.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.flywaydb.core.Flyway;
import org.nanoos.labhub.hub.EmbeddedBroker;
import org.nanoos.labhub.hub.LabHub;
import org.nanoos.labhub.processors.store.BatchingWriter;
import org.nanoos.labhub.simulator.load.LoadGenerator;
import org.postgresql.PGConnection;

/**
 * Ingest benchmark: the sustained rate at which readings published over MQTT 5 are committed to PostgreSQL by
 * the real hub, beside the same machine's raw COPY rate into the same tables, measured in one run.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests &amp;&amp; java -cp test/target/labhub-test-0.1.0-SNAPSHOT.jar:hub/target/labhub.jar org.nanoos.labhub.bench.IngestBenchmark 200000
 * </pre>
 *
 * Both run against one PostgreSQL (embedded, fsync and synchronous commit on) and the hub's embedded broker, in
 * this JVM: publisher, broker, hub and PostgreSQL share the machine's cores, as they would on a lab PC.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int readings = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("labhub-bench");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
        int brokerPort = freePort();
        int window = Integer.getInteger("window", EmbeddedBroker.DEFAULT_INFLIGHT_WINDOW);
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", brokerPort, dir.resolve("broker"), window);
        broker.start();
        try {
            System.out.printf(Locale.ROOT, "readings: %d, cores: %d, PostgreSQL %s%n", readings,
                    Runtime.getRuntime().availableProcessors(), version(pg.getPostgresDatabase()));
            double copyRate = copyBaseline(pg, readings);
            String brokerUrl = System.getProperty("broker", broker.url());
            System.out.println("broker: " + (brokerUrl.equals(broker.url())
                    ? "the hub's embedded HiveMQ CE, in-flight window " + window : brokerUrl));
            double hubRate = hubIngest(pg, brokerUrl, readings, dir.resolve("hub"));
            System.out.printf(Locale.ROOT, "hub / COPY: %.2f%n", hubRate / copyRate);
        } finally {
            broker.stop();
            pg.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String version(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static DataSource freshDatabase(EmbeddedPostgres pg, String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        DataSource ds = pg.getDatabase("postgres", name);
        Flyway.configure().dataSource(ds).locations("filesystem:schema").load().migrate();
        return ds;
    }

    /** COPY (text) of the rows the hub writes per reading: one raw message and one measurement, one transaction. */
    private static double copyBaseline(EmbeddedPostgres pg, int readings) throws Exception {
        DataSource ds = freshDatabase(pg, "bench_copy");
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO instruments (id, name, adapter_type) VALUES ('load-1', 'load-1', 'MQTT')");
            }
            c.setAutoCommit(false);
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            String now = Instant.now().toString();
            long t0 = System.nanoTime();
            copy.copyIn("COPY raw_messages (source, message_id, received_at, payload) FROM STDIN",
                    rows(readings, i -> "mqtt:lab/load-1/ch" + (i % 10) + "\tload-" + i + "\t" + now
                            + "\t\\\\x" + java.util.HexFormat.of().formatHex(payload(i, now)) + "\n"));
            copy.copyIn("COPY measurements (source, message_id, record_index, instrument_id, quantity, ts, value, unit, "
                    + "original_value, original_unit, quality, source_address, received_at) FROM STDIN",
                    rows(readings, i -> "mqtt:lab/load-1/ch" + (i % 10) + "\tload-" + i + "\t0\tload-1\tch" + (i % 10)
                            + "\t" + now + "\t" + (293.15 + i % 100 * 1e-3) + "\tK\t" + (293.15 + i % 100 * 1e-3)
                            + "\tK\tGOOD\tlab/load-1/ch" + (i % 10) + "\t" + now + "\n"));
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = readings / seconds;
            System.out.printf(Locale.ROOT, "COPY baseline: %d readings (raw message + measurement) in %.2f s = %.0f readings/s%n",
                    readings, seconds, rate);
            return rate;
        }
    }

    /** Publishes with the load generator and times first publish → last reading committed by the hub. */
    private static double hubIngest(EmbeddedPostgres pg, String brokerUrl, int readings, Path dataDir) throws Exception {
        DataSource ds = freshDatabase(pg, "bench_hub");
        Main hub = LabHub.create(LabHub.DEFAULT_CONFIG);
        java.util.Properties p = new java.util.Properties();
        p.setProperty("labhub.db.url", "jdbc:postgresql://localhost:" + pg.getPort() + "/bench_hub");
        p.setProperty("labhub.db.user", "postgres");
        p.setProperty("labhub.mqtt.url", brokerUrl);
        p.setProperty("labhub.mqtt.client-id", "labhub-bench");
        p.setProperty("labhub.mqtt.topic", System.getProperty("bench.topic", "$share/labhub/lab/#"));
        p.setProperty("labhub.data-dir", dataDir.toString());
        String port = Integer.toString(freePort());
        p.setProperty("camel.server.port", port);
        p.setProperty("camel.management.port", port);
        hub.setOverrideProperties(p);
        hub.start();
        try {
            CamelContext camel = hub.getCamelContext();
            while (!camel.getRouteController().getRouteStatus("mqtt-ingest").isStarted()) {
                Thread.sleep(50);
            }
            BatchingWriter writer = camel.getRegistry().lookupByNameAndType("batchingWriter", BatchingWriter.class);
            long t0 = System.nanoTime();
            LoadGenerator.Result published = new LoadGenerator(new LoadGenerator.Settings(brokerUrl, "labhub-bench-load",
                    List.of("load-1"), 10, readings, 1_000)).run();
            System.out.println("publisher: " + published.summary() + ", in-flight window " + published.effectiveWindow());
            long committed;
            Duration limit = Duration.ofMinutes(10);
            while ((committed = count(ds)) < published.published()) {
                if (System.nanoTime() - t0 > limit.toNanos()) {
                    throw new IllegalStateException("only " + committed + " of " + published.published()
                            + " readings committed after " + limit);
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = committed / seconds;
            System.out.printf(Locale.ROOT,
                    "hub ingest: %d readings committed in %.2f s = %.0f readings/s (%d transactions, %.0f messages each)%n",
                    committed, seconds, rate, writer.committedBatches(),
                    (double) writer.committedMessages() / Math.max(1, writer.committedBatches()));
            return rate;
        } finally {
            hub.stop();
        }
    }

    /** A payload the size and shape of the load generator's. */
    private static byte[] payload(int i, String time) {
        return ("{\"id\":\"load-" + i + "\",\"time\":\"" + time + "\",\"value\":" + (293.15 + i % 100 * 1e-3)
                + ",\"unit\":\"K\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM measurements")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Reader rows(int n, java.util.function.IntFunction<String> row) {
        return new Reader() {
            private int next;
            private String current = "";
            private int pos;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int written = 0;
                while (written < len) {
                    if (pos == current.length()) {
                        if (next == n) {
                            return written == 0 ? -1 : written;
                        }
                        current = row.apply(next++);
                        pos = 0;
                    }
                    int k = Math.min(len - written, current.length() - pos);
                    current.getChars(pos, pos + k, buf, off + written);
                    pos += k;
                    written += k;
                }
                return written;
            }

            @Override
            public void close() {
            }
        };
    }
}
