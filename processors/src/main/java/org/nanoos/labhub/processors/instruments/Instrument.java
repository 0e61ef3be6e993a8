package org.nanoos.labhub.processors.instruments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A registered instrument: how the hub reaches it, what it can do, and how it is doing.
 *
 * @param id              stable id, also the second level of its MQTT topics ({@code lab/<id>/…})
 * @param name            what people call it
 * @param adapterType     how the hub talks to it
 * @param connectionInfo  adapter-specific settings (endpoint URL, node mapping, host, …); never secrets
 * @param capabilities    what it can do, e.g. {@code ["characterization", "xrd"]}
 * @param status          its current status
 * @param lastConnectedAt when the hub last heard from it, or {@code null}
 * @param metadata        free-form descriptive data (location, vendor, serial number, …)
 * @param createdAt       when it was registered
 */
public record Instrument(String id, String name, AdapterType adapterType, ObjectNode connectionInfo,
        List<String> capabilities, Status status, Instant lastConnectedAt, ObjectNode metadata, Instant createdAt) {

    /** How the hub talks to an instrument. */
    public enum AdapterType { OPCUA, MQTT, REST, SSH, SIMULATED }

    /** An instrument's status, as the seeds define it. */
    public enum Status { AVAILABLE, BUSY, OFFLINE, ERROR }
}
