package org.nanoos.labhub.processors.instruments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The instrument registry in PostgreSQL: create, read, update and delete instruments. */
public final class InstrumentRepository {

    private static final String COLUMNS =
            "id, name, adapter_type, connection_info, capabilities, status, last_connected_at, metadata, created_at";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public InstrumentRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** All instruments, ordered by id. */
    public List<Instrument> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instruments ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Instrument> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        }
    }

    public Optional<Instrument> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM instruments WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Registers an instrument.
     *
     * @return {@code false} when one with that id exists already
     */
    public boolean create(Instrument i) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO instruments (id, name, adapter_type, connection_info, capabilities, status, metadata) "
                        + "VALUES (?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, CAST(? AS jsonb)) "
                        + "ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, i.id());
            bindFields(ps, 2, i);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Replaces an instrument's fields (all but its id, last-connected and created times).
     *
     * @return {@code false} when there is no instrument with that id
     */
    public boolean update(Instrument i) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE instruments SET name = ?, adapter_type = ?, connection_info = CAST(? AS jsonb), "
                        + "capabilities = CAST(? AS jsonb), status = ?, metadata = CAST(? AS jsonb) WHERE id = ?")) {
            bindFields(ps, 1, i);
            ps.setString(7, i.id());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Removes an instrument.
     *
     * @return {@code false} when there is no instrument with that id
     * @throws SQLException with SQL state 23503 when measurements still refer to it
     */
    public boolean delete(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM instruments WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Sets an instrument's status (and, when it was heard from, its last-connected time).
     *
     * @param heardAt when the hub last heard from it, or {@code null} to leave that time as it is
     */
    public void setStatus(String id, Instrument.Status status, Instant heardAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE instruments SET status = ?, last_connected_at = GREATEST(last_connected_at, ?) WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, heardAt == null ? null : Timestamp.from(heardAt));
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    private void bindFields(PreparedStatement ps, int first, Instrument i) throws SQLException {
        ps.setString(first, i.name());
        ps.setString(first + 1, i.adapterType().name());
        ps.setString(first + 2, write(i.connectionInfo()));
        ps.setString(first + 3, write(i.capabilities()));
        ps.setString(first + 4, i.status().name());
        ps.setString(first + 5, write(i.metadata()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Instrument read(ResultSet rs) throws SQLException {
        try {
            Timestamp last = rs.getTimestamp("last_connected_at");
            return new Instrument(rs.getString("id"), rs.getString("name"),
                    Instrument.AdapterType.valueOf(rs.getString("adapter_type")),
                    (ObjectNode) json.readTree(rs.getString("connection_info")),
                    Arrays.asList(json.readValue(rs.getString("capabilities"), String[].class)),
                    Instrument.Status.valueOf(rs.getString("status")), last == null ? null : last.toInstant(),
                    (ObjectNode) json.readTree(rs.getString("metadata")), rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("instrument row holds invalid JSON", e);
        }
    }
}
